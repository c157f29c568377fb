"""Building and checking one entry of the visitor book before it is
written: when it happened, who came (a member's figures at the time, a
guest's answers, a group's counts), and what each kind must answer. No
writes here: the services in ``services.py`` write and log."""

import datetime

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from pustaka.catalog.identifiers import barcode_clean
from pustaka.core.errors import Invalid
from pustaka.libraries.models import Library
from pustaka.members.models import Gender, Member
from pustaka.members.policies import AGE_GROUP_CODES
from pustaka.members.policies import age_group as age_group_on
from pustaka.visits import policies
from pustaka.visits.models import Disability, GroupCount, Visit

# Links the services have just read in their transaction: the database's
# foreign keys guard them, so model validation need not look each one up again.
LINKS = {"library", "member", "village", "visit"}


def moment_checked(at) -> datetime.datetime:
    """When the visit happened: now unless given, never in the future."""
    now = timezone.now()
    if at is None:
        return now
    if timezone.is_naive(at):
        at = timezone.make_aware(at)
    if policies.is_in_future(at, now):
        raise Invalid(fields={"at": [_("A visit cannot be in the future.")]})
    return at


def unknown_member(number: str) -> Invalid:
    message = _("No member has the number “%(number)s”.") % {"number": (number or "").strip()}
    return Invalid(message, code="unknown_member", fields={"number": [message]})


def member_by_number(number: str) -> Member:
    """The district's member with this card number (members visit any library)."""
    member = members_by_number({number}).get(barcode_clean(number))
    if member is None:
        raise unknown_member(number)
    return member


def members_by_number(numbers: set[str]) -> dict[str, Member]:
    """Members by card number, anonymised ones left out, in one query."""
    cleaned = {barcode_clean(number) for number in numbers} - {""}
    if not cleaned:
        return {}
    found = Member.objects.filter(number__in=cleaned, deleted_at__isnull=True).exclude(
        status=Member.Status.ANONYMISED
    )
    return {member.number: member for member in found}


def member_figures(member: Member, day: datetime.date) -> dict:
    """The member as the visit counts them on ``day`` (no name kept)."""
    return {
        "member": member,
        "gender": member.gender,
        "age_group": age_group_on(member.birth_date, day),
        "disability": Disability.YES if member.disability else Disability.NO,
        "village_id": member.village_id,
    }


def visit_new(library: Library, kind: str, at: datetime.datetime, **fields) -> Visit:
    return Visit(
        library=library, kind=kind, visited_at=at, visited_on=policies.local_day(at), **fields
    )


def member_visit(library, member: Member, *, purpose: str, at) -> Visit:
    figures = member_figures(member, policies.local_day(at))
    return visit_new(library, Visit.Kind.MEMBER, at, purpose=purpose, **figures)


def guest_visit(library, *, gender, age_group, purpose, village, disability, at) -> Visit:
    values = {"gender": gender, "age_group": age_group, "purpose": purpose}
    check_entry(Visit.Kind.GUEST, values)
    return visit_new(
        library, Visit.Kind.GUEST, at, village=village, disability=disability or "", **values
    )


def group_visit(
    library, *, counts, purpose, description, disabled_people, at
) -> tuple[Visit, list[GroupCount]]:
    cells = group_cells(counts)
    description = " ".join((description or "").split())
    values = {"purpose": purpose, "people": sum(cells.values())}
    values["disabled_people"] = disabled_people
    check_entry(Visit.Kind.GROUP, values)
    visit = visit_new(library, Visit.Kind.GROUP, at, description=description, **values)
    rows = [
        GroupCount(visit=visit, gender=gender, age_group=group, people=people)
        for (gender, group), people in cells.items()
    ]
    return visit, rows


def fields_checked(visit: Visit) -> None:
    """Each field's own checks (choices, lengths). The constraints, each a
    query, are left to the database: the entry's checks above meet them."""
    try:
        visit.clean_fields(exclude=LINKS)
    except ValidationError as error:
        raise Invalid(fields=error.message_dict) from error


def entry_values(visit: Visit) -> dict:
    names = ("gender", "age_group", "purpose", "people", "disabled_people")
    return {name: getattr(visit, name) for name in names}


def check_entry(kind: str, values: dict) -> None:
    """What a guest or a group must answer (a member's figures come from the member)."""
    problems = {}
    if kind == Visit.Kind.GUEST:
        problems |= person_problems(values["gender"], values["age_group"])
    if kind != Visit.Kind.MEMBER and not values["purpose"]:
        problems["purpose"] = [_("Choose what the visit is for.")]
    disabled = values.get("disabled_people")
    if kind == Visit.Kind.GROUP and disabled is not None and disabled > values["people"]:
        problems["disabled_people"] = [_("More people with a disability than in the group.")]
    raise_problems(problems)


def person_problems(gender: str, age_group: str) -> dict:
    problems = {}
    if not gender:
        problems["gender"] = [_("Choose female or male.")]
    if not age_group:
        problems["age_group"] = [_("Choose an age group.")]
    return problems


def raise_problems(problems: dict) -> None:
    if problems:
        raise Invalid(fields=problems)


def group_cells(counts: dict) -> dict[tuple[str, str], int]:
    """A group's counts checked: known genders and age groups, whole numbers,
    at least one person and not a crowd; empty cells left out."""
    cells = {}
    for key, people in (counts or {}).items():
        gender, group = key
        if gender not in Gender.values or group not in AGE_GROUP_CODES:
            message = _("Count people by gender (female, male) and age group (%(groups)s).")
            raise Invalid(fields={"counts": [message % {"groups": ", ".join(AGE_GROUP_CODES)}]})
        if type(people) is not int or people < 0:
            raise Invalid(fields={"counts": [_("Counts are whole numbers, 0 or more.")]})
        if people:
            cells[(gender, group)] = people
    total = sum(cells.values())
    if total == 0:
        raise Invalid(fields={"counts": [_("Count at least one person in the group.")]})
    if total > policies.GROUP_MAX_PEOPLE:
        message = _("A group of more than %(count)s people: check the counts.")
        raise Invalid(fields={"counts": [message % {"count": policies.GROUP_MAX_PEOPLE}]})
    return cells


def check_minutes(minutes) -> None:
    if type(minutes) is not int or not 1 <= minutes <= policies.SESSION_MAX_MINUTES:
        message = _("Give the minutes as a whole number from 1 to %(most)s.")
        raise Invalid(fields={"minutes": [message % {"most": policies.SESSION_MAX_MINUTES}]})
