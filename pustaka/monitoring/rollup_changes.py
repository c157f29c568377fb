"""What changed since the roll-up's last refresh: the change log's rows it
watches (``WATCHED``: loans, visits and their group counts, computer
sessions, members, copies, activities and their attendance) read since the
last number seen and in the gaps still open, and the months, counting groups
and libraries they touch (a changed row's old and new day). Numbers not seen
yet (a transaction still open, or one rolled back) are looked at again at
every refresh for a day (``GAP_WAIT``)."""

import datetime
from collections import defaultdict

from django.db.models import Max, Q

from pustaka.core.models import ChangeLog
from pustaka.monitoring import counting, policies
from pustaka.monitoring.models import RollupState
from pustaka.monitoring.policies import Period
from pustaka.programs.models import Activity
from pustaka.visits.models import Visit

GAP_WAIT = datetime.timedelta(days=1)


def newest_change() -> int:
    return ChangeLog.objects.aggregate(newest=Max("seq"))["newest"] or 0


def changes_since(state: RollupState, now) -> tuple[list, int, list]:
    """The watched changes since the last refresh (and in its gaps), the
    newest number read, and the gaps still open."""
    newest = max(newest_change(), state.last_seq)
    window = Q(seq__gt=state.last_seq, seq__lte=newest)
    for low, high, _first_missed in state.gaps:
        window |= Q(seq__range=(low, high))
    present = sorted(ChangeLog.objects.filter(window).values_list("seq", flat=True))
    ranges = [*state.gaps, [state.last_seq + 1, newest, now.isoformat()]]
    gaps = [gap for gap in _missing(ranges, present) if _young(gap, now)]
    watched = ChangeLog.objects.filter(window, entity__in=WATCHED)
    return list(watched.values_list("entity", "fields", "previous")), newest, gaps


def _missing(ranges: list, present: list[int]) -> list:
    """The parts of ``ranges`` ([low, high, first missed]) no number of ``present`` fills."""
    gaps = []
    for low, high, first_missed in ranges:
        start = low
        for seq in (seq for seq in present if low <= seq <= high):
            if seq > start:
                gaps.append([start, seq - 1, first_missed])
            start = seq + 1
        if start <= high:
            gaps.append([start, high, first_missed])
    return gaps


def _young(gap: list, now) -> bool:
    return now - datetime.datetime.fromisoformat(gap[2]) < GAP_WAIT


def touched_by(rows: list) -> tuple[dict[tuple, set], dict[Period, set]]:
    """(month, counting group) -> ids of the libraries whose figures of that
    group and month the changes touch (both the old and the new day of a
    changed row); and month -> ids of the libraries that lent a changed loan
    in it, whose borrowers of the month's quarter and year may change too."""
    days, lent = defaultdict(list), []
    for entity, fields, previous in rows:
        if entity == ITEM and not _moves_copies_held(fields, previous):
            continue
        groups, days_of = WATCHED[entity]
        for state in [{**(previous or {}), **fields}] + ([previous] if previous else []):
            for group in groups:
                days[group] += days_of(state)
            if entity == LOAN:
                lent += _lent_on(state)
    days["visits"] += _days_through(days["visits"], "visit_id", Visit, "visited_on")
    days["activities"] += _days_through(days["activities"], "activity_id", Activity, "starts_at")
    touched = {
        (month, group): library_ids
        for group, pairs in days.items()
        for month, library_ids in _by_month(pairs).items()
    }
    return touched, _by_month(lent)


def _moves_copies_held(fields: dict, previous: dict | None) -> bool:
    """Whether a copy's change may change the copies held: anything but a
    change of status between statuses held alike (lent, back on the shelf,
    in transit: every desk loan and return changes one)."""
    if previous is None or set(fields) != {"status"}:
        return True
    return fields["status"] in counting.GONE or previous.get("status") in counting.GONE


def _by_month(days: list) -> dict[Period, set]:
    """Month -> library ids (as the change log writes them) of ``days``'
    (library id, day) pairs; links not looked up yet are left out."""
    months = defaultdict(set)
    for library_id, day in days:
        if library_id and isinstance(day, datetime.date):
            months[policies.period_of(day, "month")].add(str(library_id))
    return months


def _day(value) -> datetime.date | None:
    """A logged date or moment (ISO text) as the local day."""
    if not value:
        return None
    if len(value) == 10:
        return datetime.date.fromisoformat(value)
    return policies.local_day(datetime.datetime.fromisoformat(value))


def _on(library_field: str, *day_fields: str):
    return lambda state: [(state.get(library_field), _day(state.get(name))) for name in day_fields]


def _through(link: str):
    """Rows without a library of their own (a group's counts, attendance):
    marked by their visit or activity, looked up afterwards."""
    return lambda state: [(link, state.get(link))]


def _copy_day(state: dict) -> list:
    return [(state.get("library_id"), _day(state.get("acquired_on") or state.get("created_at")))]


def _days_through(days: list, link: str, model, day_field: str) -> list:
    ids = {value for key, value in days if key == link and value}
    if not ids:
        return []
    rows = model.objects.filter(pk__in=ids).values_list("library_id", day_field)
    return [
        (library_id, policies.local_day(day) if isinstance(day, datetime.datetime) else day)
        for library_id, day in rows
    ]


LOAN, ITEM = "circulation.loan", "catalog.item"
_lent_on = _on("library_id", "checked_out_at")
# Each watched row's counting groups, and the (library, day) pairs it is
# counted on in them.
WATCHED = {
    LOAN: (
        ("loans",),
        lambda state: _lent_on(state) + _on("returned_library_id", "returned_at")(state),
    ),
    "visits.visit": (("visits",), _on("library_id", "visited_on")),
    "visits.groupcount": (("visits",), _through("visit_id")),
    "visits.computersession": (("sessions",), _on("library_id", "started_on")),
    "members.member": (
        ("member_arrivals", "member_departures"),
        _on("library_id", "created_at", "deleted_at"),
    ),
    ITEM: (("copies_arriving",), _copy_day),
    "programs.activity": (("activities",), _on("library_id", "starts_at")),
    "programs.participant": (("activities",), _through("activity_id")),
    "programs.attendancecount": (("activities",), _through("activity_id")),
}
