"""Every change to the visitor book and the computer sessions: a member's
card scan, a guest's answers, a group with its counts, a batch of past
visits, and corrections and deletions.

Who may: the district office at every library; a library's managers and
volunteers at their own (volunteers keep the door). The district viewer
logs nothing. An entry may be corrected or deleted only on its own day (in
the libraries' time zone); after that the day's figures stand."""

import datetime
from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from pustaka.catalog.identifiers import barcode_clean
from pustaka.core.errors import Invalid, NotFound, NotPermitted
from pustaka.core.permissions import access_for
from pustaka.core.writes import (
    insert_logged,
    insert_many_logged,
    refuse_unknown_fields,
    update_logged,
)
from pustaka.libraries.models import Library, Region
from pustaka.visits import builders, policies
from pustaka.visits.models import ComputerSession, GroupCount, Visit

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
    ``purpose`` may be given now or added later the same day."""
    _require_logging(actor, library)
    visit = builders.member_visit(
        library, builders.member_by_number(number), purpose=purpose, at=builders.moment_checked(at)
    )
    return insert_logged(visit, actor=actor, exclude=builders.LINKS)


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
    visit = builders.guest_visit(
        library,
        gender=gender,
        age_group=age_group,
        purpose=purpose,
        village=village,
        disability=disability,
        at=builders.moment_checked(at),
    )
    return insert_logged(visit, actor=actor, exclude=builders.LINKS)


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
    visit, rows = builders.group_visit(
        library,
        counts=counts,
        purpose=purpose,
        description=description,
        disabled_people=disabled_people,
        at=builders.moment_checked(at),
    )
    insert_logged(visit, actor=actor, exclude=builders.LINKS)
    for row in rows:
        insert_logged(row, actor=actor, exclude=builders.LINKS)
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
    cells = builders.group_cells(counts) if counts is not None else None
    if cells is not None:
        changes["people"] = sum(cells.values())
    builders.check_entry(visit.kind, {**builders.entry_values(visit), **changes})
    changed = update_logged(
        visit, actor=actor, changes=changes, allowed=allowed | {"people"}, exclude=builders.LINKS
    )
    if cells is not None and _counts_replace(visit, cells, actor=actor):
        changed = [name for name in changed if name != "people"] + ["counts"]
    return changed


@transaction.atomic
def visit_delete(*, actor, visit: Visit, today: datetime.date | None = None) -> None:
    """Take a mistaken entry out of the book, the same day; it is marked deleted."""
    _check_changeable(actor, visit, visit.visited_on, today)
    changes = {"deleted_at": timezone.now()}
    update_logged(visit, actor=actor, changes=changes, allowed=set(changes), exclude=builders.LINKS)


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
    at = builders.moment_checked(at)
    if number.strip():
        who = builders.member_figures(builders.member_by_number(number), policies.local_day(at))
    else:
        who = {"gender": gender, "age_group": age_group, "village": village}
        who["disability"] = disability
        builders.raise_problems(builders.person_problems(gender, age_group))
    builders.check_minutes(minutes)
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
    return insert_logged(session, actor=actor, exclude=builders.LINKS)


@transaction.atomic
def computer_session_delete(
    *, actor, session: ComputerSession, today: datetime.date | None = None
) -> None:
    """Take a mistaken session out, the same day; it is marked deleted."""
    _check_changeable(actor, session, session.started_on, today)
    changes = {"deleted_at": timezone.now()}
    update_logged(
        session, actor=actor, changes=changes, allowed=set(changes), exclude=builders.LINKS
    )


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
    members = builders.members_by_number({entry.number for entry in entries if entry.number})
    visits, rows, problems = [], [], {}
    for position, entry in enumerate(entries):
        try:
            visit, counts = _entry_visit(library, entry, members)
            builders.fields_checked(visit)
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


def _entry_visit(library, entry: VisitEntry, members: dict) -> tuple[Visit, list[GroupCount]]:
    at = builders.moment_checked(entry.at)
    if entry.kind == Visit.Kind.MEMBER:
        member = members.get(barcode_clean(entry.number))
        if member is None:
            raise builders.unknown_member(entry.number)
        return builders.member_visit(library, member, purpose=entry.purpose, at=at), []
    if entry.kind == Visit.Kind.GROUP:
        return builders.group_visit(
            library,
            counts=entry.counts,
            purpose=entry.purpose,
            description=entry.description,
            disabled_people=entry.disabled_people,
            at=at,
        )
    if entry.kind == Visit.Kind.GUEST:
        visit = builders.guest_visit(
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


# -- who may change what, and a group's counts ----------------------------


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


def _counts_replace(visit: Visit, cells: dict, *, actor) -> bool:
    """Set a group's counts to ``cells`` (a cell no longer counted goes to 0);
    whether any count changed."""
    existing = {(row.gender, row.age_group): row for row in visit.counts.all()}
    changed = False
    for key, row in existing.items():
        changes = {"people": cells.get(key, 0)}
        changed |= bool(
            update_logged(
                row, actor=actor, changes=changes, allowed={"people"}, exclude=builders.LINKS
            )
        )
    for gender, group in cells.keys() - existing.keys():
        row = GroupCount(visit=visit, gender=gender, age_group=group, people=cells[gender, group])
        insert_logged(row, actor=actor, exclude=builders.LINKS)
        changed = True
    return changed
