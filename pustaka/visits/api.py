"""The visits API: the visitor book (a member's card, a guest's answers, a
group's counts, a batch of past visits), same-day corrections and
deletions, computer sessions, and the counts per day — through the same
services and queries as the kiosk and the Visits page.

Staff log at their own library (the office at any); a library the caller
may not see is a 404, like any of its visits."""

import datetime
from uuid import UUID

from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Query, Router, Status
from ninja.pagination import LimitOffsetPagination, paginate

from pustaka.api.auth import caller
from pustaka.api.errors import ErrorOut
from pustaka.core.errors import Invalid
from pustaka.libraries.models import Library, Region
from pustaka.libraries.queries import library_for_user, villages_of
from pustaka.visits import policies, queries, services
from pustaka.visits.schemas import (
    CountIO,
    DayParams,
    DaySessionsOut,
    DayVisitsOut,
    GroupVisitIn,
    GuestVisitIn,
    ImportIn,
    ImportOut,
    MemberVisitIn,
    RangeParams,
    SessionIn,
    SessionOut,
    VisitOut,
    VisitPatchIn,
)

router = Router(tags=["visits"])

READ_ERRORS = frozenset({401, 403, 404, 422})
WRITE_ERRORS = frozenset({401, 403, 404, 422})
RANGE_MAX_DAYS = 366


# --- the visitor book --------------------------------------------------------


@router.get("/visits", response={200: list[VisitOut], READ_ERRORS: ErrorOut})
@paginate(LimitOffsetPagination)
def visits_list(request, params: Query[DayParams]):
    """A day's entries (default today), newest first, of one library or every
    library the caller sees. Paged with ``limit`` and ``offset``."""
    user = caller(request)
    library = _seen_library(user, params.library)
    return queries.visits_for_user(user, library=library, day=params.day or _today())


@router.post("/visits/member", response={201: VisitOut, WRITE_ERRORS: ErrorOut})
def visit_member(request, payload: MemberVisitIn):
    """A member of any library scanned their card (expired or blocked members
    may visit too)."""
    user = caller(request)
    visit = services.visit_log_member(
        actor=user,
        library=_own_library(user, payload.library),
        number=payload.number,
        purpose=payload.purpose or "",
    )
    return Status(201, queries.visit_for_user(user, visit.pk))


@router.post("/visits/guest", response={201: VisitOut, WRITE_ERRORS: ErrorOut})
def visit_guest(request, payload: GuestVisitIn):
    """A guest's answers."""
    user = caller(request)
    visit = services.visit_log_guest(
        actor=user,
        library=_own_library(user, payload.library),
        gender=payload.gender,
        age_group=payload.age_group,
        purpose=payload.purpose,
        village=_village(payload.village),
        disability=payload.disability,
    )
    return Status(201, queries.visit_for_user(user, visit.pk))


@router.post("/visits/group", response={201: VisitOut, WRITE_ERRORS: ErrorOut})
def visit_group(request, payload: GroupVisitIn):
    """A group in one entry with its people by gender and age group."""
    user = caller(request)
    visit = services.visit_log_group(
        actor=user,
        library=_own_library(user, payload.library),
        counts=_cells(payload.counts),
        purpose=payload.purpose,
        description=payload.description,
        disabled_people=payload.disabled_people,
    )
    return Status(201, queries.visit_for_user(user, visit.pk))


@router.post("/visits/import", response={201: ImportOut, WRITE_ERRORS: ErrorOut})
def visits_import(request, payload: ImportIn):
    """Many past visits at once (a paper guest book typed in): all or nothing;
    a refusal names each wrong entry as ``entries.<position>.<field>``."""
    user = caller(request)
    villages = _villages({entry.village for entry in payload.entries if entry.village})
    entries = [
        services.VisitEntry(
            **entry.model_dump(exclude={"counts", "village"}),
            counts=_cells(entry.counts),
            village=villages.get(entry.village) if entry.village else None,
        )
        for entry in payload.entries
    ]
    visits = services.visits_import(
        actor=user, library=_own_library(user, payload.library), entries=entries
    )
    return Status(201, {"recorded": len(visits), "people": sum(v.people for v in visits)})


@router.get("/visits/counts", response={200: list[DayVisitsOut], READ_ERRORS: ErrorOut})
def visit_counts(request, params: Query[RangeParams]):
    """Every day of the range with its entries, people (a group as its
    headcount), people with a disability, and people by purpose, gender and
    age group."""
    user = caller(request)
    start, end = _range(params)
    library = _seen_library(user, params.library)
    return queries.visit_counts(user, start=start, end=end, library=library)


@router.patch("/visits/{id}", response={200: VisitOut, WRITE_ERRORS: ErrorOut})
def visit_correct(request, id: UUID, payload: VisitPatchIn):
    """Correct today's entry (only on its own day)."""
    user = caller(request)
    changes = payload.model_dump(exclude_unset=True)
    if "village" in changes:
        changes["village"] = _village(changes["village"])
    if "counts" in changes:
        changes["counts"] = _cells(payload.counts or [])
    services.visit_correct(actor=user, visit=queries.visit_for_user(user, id), changes=changes)
    return queries.visit_for_user(user, id)


@router.delete("/visits/{id}", response={204: None, WRITE_ERRORS: ErrorOut})
def visit_delete(request, id: UUID):
    """Delete a mistaken entry (only on its own day)."""
    user = caller(request)
    services.visit_delete(actor=user, visit=queries.visit_for_user(user, id))
    return Status(204, None)


# --- computer and internet use ----------------------------------------------


@router.get("/computer-sessions", response={200: list[SessionOut], READ_ERRORS: ErrorOut})
@paginate(LimitOffsetPagination)
def sessions_list(request, params: Query[DayParams]):
    """A day's computer sessions (default today), newest first."""
    user = caller(request)
    library = _seen_library(user, params.library)
    return queries.sessions_for_user(user, library=library, day=params.day or _today())


@router.post("/computer-sessions", response={201: SessionOut, WRITE_ERRORS: ErrorOut})
def session_log(request, payload: SessionIn):
    """Someone used a computer or the internet."""
    user = caller(request)
    session = services.computer_session_log(
        actor=user,
        library=_own_library(user, payload.library),
        purpose=payload.purpose,
        minutes=payload.minutes,
        number=payload.number,
        gender=payload.gender,
        age_group=payload.age_group,
        disability=payload.disability,
        village=_village(payload.village),
        at=payload.started_at,
    )
    return Status(201, queries.session_for_user(user, session.pk))


@router.get(
    "/computer-sessions/counts", response={200: list[DaySessionsOut], READ_ERRORS: ErrorOut}
)
def session_counts(request, params: Query[RangeParams]):
    """Every day of the range with its sessions and minutes, and the sessions
    by purpose, gender and age group."""
    user = caller(request)
    start, end = _range(params)
    library = _seen_library(user, params.library)
    return queries.session_counts(user, start=start, end=end, library=library)


@router.delete("/computer-sessions/{id}", response={204: None, WRITE_ERRORS: ErrorOut})
def session_delete(request, id: UUID):
    """Delete a mistaken session (only on its own day)."""
    user = caller(request)
    services.computer_session_delete(actor=user, session=queries.session_for_user(user, id))
    return Status(204, None)


# --- helpers -----------------------------------------------------------------


def _today() -> datetime.date:
    return policies.local_day(timezone.now())


def _own_library(user, code: str | None) -> Library:
    """The library named by ``code`` (404 when the caller may not see it), or
    the caller's own; whether they may log there is the service's to say."""
    if code:
        return library_for_user(user, code.strip())
    staff_role = getattr(user, "staff_role", None)
    if staff_role is not None and staff_role.library_id is not None:
        return staff_role.library
    raise Invalid(fields={"library": [_("Give the code of the library.")]})


def _seen_library(user, code: str | None) -> Library | None:
    return library_for_user(user, code.strip()) if code else None


def _range(params: RangeParams) -> tuple[datetime.date, datetime.date]:
    end = params.end or _today()
    start = params.start or end - datetime.timedelta(days=6)
    if start > end:
        raise Invalid(fields={"start": [_("The start comes after the end.")]})
    if (end - start).days >= RANGE_MAX_DAYS:
        message = _("Ask for at most %(count)s days at a time.") % {"count": RANGE_MAX_DAYS}
        raise Invalid(fields={"start": [message]})
    return start, end


def _cells(counts: list[CountIO]) -> dict[tuple[str, str], int]:
    cells: dict[tuple[str, str], int] = {}
    for count in counts:
        key = (count.gender, count.age_group)
        cells[key] = cells.get(key, 0) + count.people
    return cells


def _villages(codes: set[str]) -> dict[str, Region]:
    """Villages by Kemendagri code; an unknown code is refused by name."""
    found = {village.code: village for village in villages_of(None).filter(code__in=codes)}
    unknown = sorted(codes - found.keys())
    if unknown:
        message = _("There is no village with code “%(code)s”.") % {"code": unknown[0]}
        raise Invalid(fields={"village": [message]})
    return found


def _village(code: str | None) -> Region | None:
    return _villages({code.strip()})[code.strip()] if code else None
