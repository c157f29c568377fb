"""Every change to the visitor book and the computer sessions: a member's
card scan, a guest's answers, a group with its counts, a batch of past
visits, and corrections and deletions.

Who may: the district office at every library; a library's managers and
volunteers at their own (volunteers keep the door). The district viewer
logs nothing. An entry may be corrected or deleted only on its own day (in
the libraries' time zone); after that the day's figures stand."""

import datetime
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from pustaka.core.errors import Invalid, NotFound, NotPermitted
from pustaka.core.permissions import access_for
from pustaka.core.writes import (
    insert_logged,
    insert_many_logged,
    refuse_unknown_fields,
    update_logged,
)
from pustaka.libraries.models import Library, Region
from pustaka.members.models import Gender, Member
from pustaka.members.policies import age_group as age_group_on
from pustaka.visits import policies
from pustaka.visits.models import ComputerSession, Disability, GroupCount, Visit

# Rows a service has just read in its transaction: the database's foreign
# keys guard them, so model validation need not look each one up again.
LINKS = {"library", "member", "village", "visit"}
CORRECTABLE = {
    Visit.Kind.MEMBER: {"purpose"},
    Visit.Kind.GUEST: {"purpose", "gender", "age_group", "village", "disability"},
    Visit.Kind.GROUP: {"purpose", "description", "disabled_people", "counts"},
}
IMPORT_MAX = 5000


# -- logging one visit -------------------------------------------------------


@transaction.atomic
def visit_log_member(*, actor, library: Library, number: str, purpose: str = "", at=None) -> Visit:
    """A member of any library of the district scanned their card at the door.
    An expired or blocked membership still visits (a visit is not a loan);
    ``purpose`` may be given now or corrected in later the same day."""
    _require_logging(actor, library)
    visit = _member_visit(library, _member(number), purpose=purpose, at=_moment(at))
    return insert_logged(visit, actor=actor, exclude=LINKS)


@transaction.atomic
def visit_log_guest(
    *,
    actor,
    library: Library,
    gender: str,
    age_group: str,
    purpose: str,
    village: Region | None = None,
    disability: str = "",
    at=None,
) -> Visit:
    """A guest (not a member, or without their card) answered the door's questions."""
    _require_logging(actor, library)
    visit = _guest_visit(
        library,
        gender=gender,
        age_group=age_group,
        purpose=purpose,
        village=village,
        disability=disability,
        at=_moment(at),
    )
    return insert_logged(visit, actor=actor, exclude=LINKS)


@transaction.atomic
def visit_log_group(
    *,
    actor,
    library: Library,
    counts: dict[tuple[str, str], int],
    purpose: str,
    description: str = "",
    disabled_people: int | None = None,
    at=None,
) -> Visit:
    """A group (a school class, a women's group...) came together: one entry
    with how many people of each gender and age group, ``counts`` keyed by
    ``(gender, age_group)``."""
    _require_logging(actor, library)
    visit, rows = _group_visit(
        library,
        counts=counts,
        purpose=purpose,
        description=description,
        disabled_people=disabled_people,
        at=_moment(at),
    )
    insert_logged(visit, actor=actor, exclude=LINKS)
    for row in rows:
        insert_logged(row, actor=actor, exclude=LINKS)
    return visit


# -- correcting and deleting -------------------------------------------------


@transaction.atomic
def visit_correct(
    *, actor, visit: Visit, changes: dict, today: datetime.date | None = None
) -> list[str]:
    """Correct today's entry: a member's purpose; a guest's answers; a group's
    counts (keyed as for ``visit_log_group``), purpose, description and
    disabled people. Returns the fields that changed."""
    _check_changeable(actor, visit, visit.visited_on, today)
    allowed = CORRECTABLE[visit.kind]
    refuse_unknown_fields(changes, allowed)
    changes = dict(changes)
    if "description" in changes:
        changes["description"] = " ".join((changes["description"] or "").split())
    counts = changes.pop("counts", None)
    cells = _group_cells(counts) if counts is not None else None
    if cells is not None:
        changes["people"] = sum(cells.values())
    _check_entry(visit.kind, {**_entry_values(visit), **changes})
    changed = update_logged(
        visit, actor=actor, changes=changes, allowed=allowed | {"people"}, exclude=LINKS
    )
    if cells is not None and _counts_replace(visit, cells, actor=actor):
        changed = [name for name in changed if name != "people"] + ["counts"]
    return changed


@transaction.atomic
def visit_delete(*, actor, visit: Visit, today: datetime.date | None = None) -> None:
    """Take a mistaken entry out of the book, the same day; it is marked deleted."""
    _check_changeable(actor, visit, visit.visited_on, today)
    changes = {"deleted_at": timezone.now()}
    update_logged(visit, actor=actor, changes=changes, allowed=set(changes), exclude=LINKS)


# -- computer and internet use -----------------------------------------------


@transaction.atomic
def computer_session_log(
    *,
    actor,
    library: Library,
    purpose: str,
    minutes: int,
    number: str = "",
    gender: str = "",
    age_group: str = "",
    disability: str = "",
    village: Region | None = None,
    at=None,
) -> ComputerSession:
    """Someone used a computer or the internet for ``minutes`` from ``at``
    (default: now): a member by card ``number``, else a guest's answers."""
    _require_logging(actor, library)
    at = _moment(at)
    if number.strip():
        who = _member_figures(_member(number), policies.local_day(at))
    else:
        who = {"gender": gender, "age_group": age_group, "village": village}
        who["disability"] = disability
        _raise_problems(_person_problems(gender, age_group))
    _check_minutes(minutes)
    if not purpose:
        raise Invalid(fields={"purpose": [_("Choose what the computer was used for.")]})
    session = ComputerSession(
        library=library,
        started_at=at,
        started_on=policies.local_day(at),
        minutes=minutes,
        purpose=purpose,
        **who,
    )
    return insert_logged(session, actor=actor, exclude=LINKS)


@transaction.atomic
def computer_session_delete(
    *, actor, session: ComputerSession, today: datetime.date | None = None
) -> None:
    """Take a mistaken session out, the same day; it is marked deleted."""
    _check_changeable(actor, session, session.started_on, today)
    changes = {"deleted_at": timezone.now()}
    update_logged(session, actor=actor, changes=changes, allowed=set(changes), exclude=LINKS)


# -- many past visits at once ------------------------------------------------


@dataclass(frozen=True)
class VisitEntry:
    """One past visit for ``visits_import``, with what the single services take."""

    kind: str
    at: datetime.datetime
    purpose: str = ""
    number: str = ""
    gender: str = ""
    age_group: str = ""
    disability: str = ""
    village: Region | None = None
    counts: dict = field(default_factory=dict)
    description: str = ""
    disabled_people: int | None = None


@transaction.atomic
def visits_import(*, actor, library: Library, entries: list[VisitEntry]) -> list[Visit]:
    """Record many visits of ``library`` at once — the days a paper guest book
    was kept — each checked as the single services check it. Nothing is
    recorded unless every entry is right; the refusal names each wrong entry
    (``entries.<position>.<field>``, from 0)."""
    _require_logging(actor, library)
    if len(entries) > IMPORT_MAX:
        message = _("Send at most %(count)s visits at a time.") % {"count": IMPORT_MAX}
        raise Invalid(fields={"entries": [message]})
    members = _members_by_number({entry.number for entry in entries if entry.number})
    visits, rows, problems = [], [], {}
    for position, entry in enumerate(entries):
        try:
            visit, counts = _entry_visit(library, entry, members)
            _fields_checked(visit)
        except Invalid as error:
            for name, messages in (error.fields or {"__all__": [str(error.message)]}).items():
                problems[f"entries.{position}.{name}"] = messages
            continue
        visits.append(visit)
        rows.extend(counts)
    if problems:
        raise Invalid(fields=problems)
    insert_many_logged(visits, actor=actor)
    insert_many_logged(rows, actor=actor)
    return visits


def _fields_checked(visit: Visit) -> None:
    """Each field's own checks (choices, lengths). The constraints, each a
    query, are left to the database: the entry's checks above meet them."""
    try:
        visit.clean_fields(exclude=LINKS)
    except ValidationError as error:
        raise Invalid(fields=error.message_dict) from error


def _entry_visit(library, entry: VisitEntry, members: dict) -> tuple[Visit, list[GroupCount]]:
    at = _moment(entry.at)
    if entry.kind == Visit.Kind.MEMBER:
        member = members.get(_number(entry.number))
        if member is None:
            raise _unknown_member(entry.number)
        return _member_visit(library, member, purpose=entry.purpose, at=at), []
    if entry.kind == Visit.Kind.GROUP:
        return _group_visit(
            library,
            counts=entry.counts,
            purpose=entry.purpose,
            description=entry.description,
            disabled_people=entry.disabled_people,
            at=at,
        )
    if entry.kind == Visit.Kind.GUEST:
        visit = _guest_visit(
            library,
            gender=entry.gender,
            age_group=entry.age_group,
            purpose=entry.purpose,
            village=entry.village,
            disability=entry.disability,
            at=at,
        )
        return visit, []
    raise Invalid(fields={"kind": [_("Choose member, guest or group.")]})


# -- building and checking entries -------------------------------------------


def _require_logging(actor, library: Library) -> None:
    if not policies.may_log(access_for(actor), library.pk):
        raise NotPermitted


def _check_changeable(actor, entry, day: datetime.date, today: datetime.date | None) -> None:
    """Only a live entry, by staff who may log at its library, on its own day."""
    if entry.deleted_at is not None:
        raise NotFound
    if not policies.may_log(access_for(actor), entry.library_id):
        raise NotPermitted
    if day != (today or policies.local_day(timezone.now())):
        raise Invalid(
            _("Only today's entries can be corrected or deleted; this one is from %(date)s.")
            % {"date": day.strftime("%d-%m-%Y")},
            code="not_today",
        )


def _moment(at) -> datetime.datetime:
    """When the visit happened: now unless given, never in the future."""
    now = timezone.now()
    if at is None:
        return now
    if timezone.is_naive(at):
        at = timezone.make_aware(at)
    if policies.is_in_future(at, now):
        raise Invalid(fields={"at": [_("A visit cannot be in the future.")]})
    return at


def _number(number: str) -> str:
    return (number or "").strip().upper()


def _unknown_member(number: str) -> Invalid:
    message = _("No member has the number “%(number)s”.") % {"number": (number or "").strip()}
    return Invalid(message, code="unknown_member", fields={"number": [message]})


def _member(number: str) -> Member:
    """The district's member with this card number (members visit any library)."""
    member = _members_by_number({number}).get(_number(number))
    if member is None:
        raise _unknown_member(number)
    return member


def _members_by_number(numbers: set[str]) -> dict[str, Member]:
    """Members by card number, anonymised ones left out, in one query."""
    cleaned = {_number(number) for number in numbers} - {""}
    if not cleaned:
        return {}
    found = Member.objects.filter(number__in=cleaned, deleted_at__isnull=True).exclude(
        status=Member.Status.ANONYMISED
    )
    return {member.number: member for member in found}


def _member_figures(member: Member, day: datetime.date) -> dict:
    """The member as the visit counts them on ``day`` (no name kept)."""
    return {
        "member": member,
        "gender": member.gender,
        "age_group": age_group_on(member.birth_date, day),
        "disability": Disability.YES if member.disability else Disability.NO,
        "village_id": member.village_id,
    }


def _visit(library: Library, kind: str, at: datetime.datetime, **fields) -> Visit:
    return Visit(
        library=library, kind=kind, visited_at=at, visited_on=policies.local_day(at), **fields
    )


def _member_visit(library, member: Member, *, purpose: str, at) -> Visit:
    figures = _member_figures(member, policies.local_day(at))
    return _visit(library, Visit.Kind.MEMBER, at, purpose=purpose, **figures)


def _guest_visit(library, *, gender, age_group, purpose, village, disability, at) -> Visit:
    values = {"gender": gender, "age_group": age_group, "purpose": purpose}
    _check_entry(Visit.Kind.GUEST, values)
    return _visit(
        library, Visit.Kind.GUEST, at, village=village, disability=disability or "", **values
    )


def _group_visit(
    library, *, counts, purpose, description, disabled_people, at
) -> tuple[Visit, list[GroupCount]]:
    cells = _group_cells(counts)
    description = " ".join((description or "").split())
    values = {"purpose": purpose, "people": sum(cells.values())}
    values["disabled_people"] = disabled_people
    _check_entry(Visit.Kind.GROUP, values)
    visit = _visit(library, Visit.Kind.GROUP, at, description=description, **values)
    rows = [
        GroupCount(visit=visit, gender=gender, age_group=group, people=people)
        for (gender, group), people in cells.items()
    ]
    return visit, rows


def _entry_values(visit: Visit) -> dict:
    names = ("gender", "age_group", "purpose", "people", "disabled_people")
    return {name: getattr(visit, name) for name in names}


def _check_entry(kind: str, values: dict) -> None:
    """What a guest or a group must answer (a member's figures come from the member)."""
    problems = {}
    if kind == Visit.Kind.GUEST:
        problems |= _person_problems(values["gender"], values["age_group"])
    if kind != Visit.Kind.MEMBER and not values["purpose"]:
        problems["purpose"] = [_("Choose what the visit is for.")]
    disabled = values.get("disabled_people")
    if kind == Visit.Kind.GROUP and disabled is not None and disabled > values["people"]:
        problems["disabled_people"] = [_("More people with a disability than in the group.")]
    _raise_problems(problems)


def _person_problems(gender: str, age_group: str) -> dict:
    problems = {}
    if not gender:
        problems["gender"] = [_("Choose female or male.")]
    if not age_group:
        problems["age_group"] = [_("Choose an age group.")]
    return problems


def _raise_problems(problems: dict) -> None:
    if problems:
        raise Invalid(fields=problems)


def _group_cells(counts: dict) -> dict[tuple[str, str], int]:
    """A group's counts checked: known genders and age groups, whole numbers,
    at least one person and not a crowd; empty cells left out."""
    cells = {}
    for key, people in (counts or {}).items():
        gender, group = key
        if gender not in Gender.values or group not in policies.AGE_GROUP_CODES:
            message = _("Count people by gender (female, male) and age group (%(groups)s).")
            raise Invalid(
                fields={"counts": [message % {"groups": ", ".join(policies.AGE_GROUP_CODES)}]}
            )
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


def _counts_replace(visit: Visit, cells: dict, *, actor) -> bool:
    """Set a group's counts to ``cells`` (a cell no longer counted goes to 0);
    whether any count changed."""
    existing = {(row.gender, row.age_group): row for row in visit.counts.all()}
    changed = False
    for key, row in existing.items():
        changes = {"people": cells.get(key, 0)}
        changed |= bool(
            update_logged(row, actor=actor, changes=changes, allowed={"people"}, exclude=LINKS)
        )
    for gender, group in cells.keys() - existing.keys():
        row = GroupCount(visit=visit, gender=gender, age_group=group, people=cells[gender, group])
        insert_logged(row, actor=actor, exclude=LINKS)
        changed = True
    return changed


def _check_minutes(minutes) -> None:
    if type(minutes) is not int or not 1 <= minutes <= policies.SESSION_MAX_MINUTES:
        message = _("Give the minutes as a whole number from 1 to %(most)s.")
        raise Invalid(fields={"minutes": [message % {"most": policies.SESSION_MAX_MINUTES}]})
