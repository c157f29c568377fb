"""The district dashboard's roll-up: each library's key figures per month
(``MonthlyRollup``), counted by ``counting.py`` exactly as the indicators
are, so that the dashboard adds up a few thousand small rows instead of
counting a million loans at every visit.

Freshness: ``rollup_refresh`` runs before every read of the dashboard. It
reads the change log since the last refresh (``rollup_changes.py``) and,
for each changed loan, visit, session, member, copy or activity, counts
again the months of its old and its new day at the libraries it names, and
only its own counting group (a loan: loans, returns and borrowers; a copy:
the copies acquired; a member: those who joined and who left). A changed
loan also has its lending library's borrowers of that month's quarter and
year counted again (distinct figures, kept on their first month). Members
and copies held at a month's end are sums up to it, so a copy acquired, or
a member registered or gone, in an earlier month is that month's row only,
and every later total follows. So the dashboard always shows what the rows
say at that moment; a refresh after a desk loan counts that library's loans
of the month and its borrowers of the quarter and of the year (the copy's
status changed between two that are held alike: no copies are counted).
Change-log numbers not yet seen (a transaction still open, or one rolled
back) are looked at again at every refresh for a day
(``rollup_changes.GAP_WAIT``) — a slower transaction than that is caught up
by ``rollup_rebuild`` (``pustaka indicators --rebuild-rollup``), which also
builds the roll-up the first time, or after rows were written without the
change log (a benchmark's bulk load).

What is kept per library and month: ``visits.people``, ``loans``,
``returns``, ``borrowers`` (the month's), ``borrowers.quarter`` and
``borrowers.year`` (distinct figures cannot be added up: kept on the
quarter's and the year's first month, counted from each month's named
borrowers, kept too: ``borrowers.py``), ``activities``, ``participants``,
``sessions``, ``members.new`` with ``_members.left``, and
``_collection.held_added`` (copies held now by the month acquired): members
and copies held at a month's end are their sums up to it. The visits and
loans groups are kept whole (``WHOLE_GROUPS``: visitors by gender, age,
disability and purpose, entries too), so the indicators of whole periods
read them from here (``indicators.py``); a roll-up built before they were
kept needs ``rollup_rebuild`` once.

Derived data: node-local, never synced, never in the change log."""

import datetime
from collections import defaultdict

from django.db import connection, transaction
from django.db.models import Case, IntegerField, Min, Q, Sum, Value, When
from django.utils import timezone

from pustaka.catalog.models import Item
from pustaka.circulation.models import Loan
from pustaka.libraries.models import Library
from pustaka.members.models import Member
from pustaka.monitoring import counting, policies
from pustaka.monitoring.borrowers import longer_borrowers, named_borrowers_recount
from pustaka.monitoring.models import MonthlyBorrower, MonthlyRollup, RollupState
from pustaka.monitoring.policies import Period
from pustaka.monitoring.rollup_changes import changes_since, newest_change, touched_by
from pustaka.programs.models import Activity
from pustaka.visits.models import ComputerSession, Visit

MONTH_GROUPS = (
    "visits",
    "loans",
    "activities",
    "sessions",
    "member_arrivals",
    "member_departures",
    "copies_arriving",
)
# Groups that go back before the first day of daily work (copies acquired
# and members registered earlier still count as held).
STOCK_GROUPS = ("member_arrivals", "member_departures", "copies_arriving")
MONTH_CODES = {
    "visits.people",
    "loans",
    "returns",
    "borrowers",
    "activities",
    "participants",
    "sessions",
    "members.new",
    "_members.left",
    "_collection.held_added",
}
# Counting groups kept whole — every code they count, breakdowns included —
# so that ``indicators`` reads them for whole periods instead of counting;
# their codes start with one of ``WHOLE_CODES``.
WHOLE_GROUPS = ("visits", "loans")
WHOLE_CODES = ("visits.", "loans", "returns", "borrowers")
BORROWERS = {"borrowers", "borrowers.quarter", "borrowers.year"}  # each grain's own
# Distinct borrowers of longer periods, kept on their first month.
LONGER_GRAINS = ("quarter", "year")
LONGER_BORROWERS = {f"borrowers.{grain}" for grain in LONGER_GRAINS}
# How the codes each group of ``MONTH_GROUPS`` keeps here start: what is
# dropped from a month before the group is counted again.
KEEPS = {
    "visits": ("visits.",),
    "loans": ("loans", "returns", "borrowers"),
    "activities": ("activities", "participants"),
    "sessions": ("sessions",),
    "member_arrivals": ("members.new",),
    "member_departures": ("_members.left",),
    "copies_arriving": ("_collection.held_added",),
}
# Monthly changes of what is held: the figure they add up to, and their sign.
HELD = {
    "members.new": ("members.total", 1),
    "_members.left": ("members.total", -1),
    "_collection.held_added": ("collection.copies", 1),
}


# Reading ----------------------------------------------------------------------------


def rollup_figures(*, library_ids: list, periods: list[Period], codes=None) -> dict:
    """(library id, period index, code) -> value for whole, consecutive
    ``periods`` of one grain: the flows (``WHOLE_GROUPS``' codes among them)
    added up, ``borrowers`` of the period, ``members.total`` and
    ``collection.copies`` at its end — or only the figures of ``codes``.
    Added up in SQL: two statements (one without members and copies held),
    a few thousand rows."""
    rows = MonthlyRollup.objects.filter(library_id__in=library_ids)
    grain = periods[0].grain
    borrowers = "borrowers" if grain == "month" else f"borrowers.{grain}"
    not_flows = {"_members.left", "_collection.held_added", *BORROWERS} - {borrowers}
    placed = Case(
        *[When(month__range=(p.start, p.end), then=Value(i)) for i, p in enumerate(periods)],
        output_field=IntegerField(),
    )
    flows = rows.filter(month__range=(periods[0].start, periods[-1].end))
    if codes is not None:
        kept = {borrowers if code == "borrowers" else code for code in codes}
        flows = flows.filter(code__in=kept)
    summed = (
        flows.exclude(code__in=not_flows)
        .annotate(period=placed)
        .values_list("library_id", "period", "code")
        .annotate(total=Sum("value"))
        .order_by()
    )
    figures = defaultdict(int)
    for library_id, index, code, total in summed:
        figures[(library_id, index, "borrowers" if code == borrowers else code)] += total
    if codes is not None and not {figure for figure, _sign in HELD.values()} & set(codes):
        return figures
    at_ends = {f"end_{i}": Sum("value", filter=Q(month__lte=p.end)) for i, p in enumerate(periods)}
    held = rows.filter(code__in=HELD).values("library_id", "code").annotate(**at_ends).order_by()
    for row in held:
        figure, sign = HELD[row["code"]]
        for index in range(len(periods)):
            figures[(row["library_id"], index, figure)] += sign * (row[f"end_{index}"] or 0)
    return figures


def rollup_state() -> RollupState | None:
    return RollupState.objects.first()


# Keeping it up to date --------------------------------------------------------------


def rollup_refresh() -> RollupState:
    """Bring the roll-up up to date with the change log (built the first
    time). When nothing was logged since, two reads and no write."""
    state = RollupState.objects.first()
    if state and state.built_at and not state.gaps and newest_change() == state.last_seq:
        return state
    return _refresh()


@transaction.atomic
def _refresh() -> RollupState:
    state = _state_locked()
    if state.built_at is None:
        return _rebuild(state)
    now = timezone.now()
    rows, newest, gaps = changes_since(state, now)
    _recount_touched(*touched_by(rows))
    state.last_seq, state.gaps, state.refreshed_at = newest, gaps, now
    state.save(update_fields=["last_seq", "gaps", "refreshed_at"])
    return state


@transaction.atomic
def rollup_rebuild() -> RollupState:
    """Count the roll-up again from every row (after a bulk load, or to
    catch up with a transaction slower than
    ``rollup_changes.GAP_WAIT``)."""
    return _rebuild(_state_locked())


def _state_locked() -> RollupState:
    state = RollupState.objects.select_for_update().first()
    return state or RollupState.objects.create()


def _rebuild(state: RollupState) -> RollupState:
    newest = newest_change()
    libraries = list(Library.objects.filter(deleted_at__isnull=True))
    MonthlyRollup.objects.all().delete()
    MonthlyBorrower.objects.all().delete()
    this_year = timezone.localdate().year
    first_stock, first_daily = _first_years(this_year)
    for year in range(first_stock, this_year + 1):
        _recount(libraries, year, MONTH_GROUPS if year >= first_daily else STOCK_GROUPS)
    _analyze()
    now = timezone.now()
    state.last_seq, state.gaps, state.built_at, state.refreshed_at = newest, [], now, now
    state.save()
    return state


def _analyze() -> None:
    """Fresh planner statistics of the roll-up's tables, written whole: the
    dashboard's next read need not wait for autovacuum (PostgreSQL) or for
    an ANALYZE nobody runs (SQLite)."""
    with connection.cursor() as cursor:
        for model in (MonthlyRollup, MonthlyBorrower):
            cursor.execute(f"ANALYZE {connection.ops.quote_name(model._meta.db_table)}")


def _first_years(this_year: int) -> tuple[int, int]:
    """The first year anything is held (copies, members) and the first year
    of daily work (loans, visits, sessions, activities)."""
    held = [
        Item.objects.aggregate(first=Min("acquired_on"))["first"],
        Item.objects.aggregate(first=Min("created_at"))["first"],
        Member.objects.aggregate(first=Min("created_at"))["first"],
    ]
    daily = [
        Loan.objects.aggregate(first=Min("checked_out_at"))["first"],
        Visit.objects.aggregate(first=Min("visited_on"))["first"],
        ComputerSession.objects.aggregate(first=Min("started_on"))["first"],
        Activity.objects.aggregate(first=Min("starts_at"))["first"],
    ]
    first_daily = min([_year(value) for value in daily if value] or [this_year])
    first_stock = min([_year(value) for value in held if value] or [first_daily])
    return min(first_stock, first_daily), first_daily


def _year(value) -> int:
    if isinstance(value, datetime.datetime):
        return policies.local_day(value).year
    return value.year


def _recount(libraries: list[Library], year: int, groups) -> None:
    """Count ``libraries``' months of ``year`` again, and their borrowers of
    each quarter and of the year."""
    if not libraries:
        return
    first, last = datetime.date(year, 1, 1), datetime.date(year, 12, 31)
    _recount_months(libraries, policies.periods_between(first, last, "month"), groups)
    if "loans" in groups:
        for grain in LONGER_GRAINS:
            _recount_borrowers(libraries, policies.periods_between(first, last, grain))


def _recount_touched(touched: dict[tuple, set], lent: dict[Period, set]) -> None:
    """Count again each (month, group) of ``touched`` for its libraries, and
    the borrowers of the quarter and the year of each of ``lent``'s months
    for its libraries."""
    ids = set().union(*touched.values(), *lent.values())
    libraries = {str(pk): library for pk, library in Library.objects.in_bulk(ids).items()}
    for (month, group), library_ids in touched.items():
        _recount_months([libraries[pk] for pk in library_ids], [month], (group,))
    longer = defaultdict(set)
    for month, library_ids in lent.items():
        for grain in LONGER_GRAINS:
            longer[policies.period_of(month.start, grain)] |= library_ids
    for period, library_ids in longer.items():
        _recount_borrowers([libraries[pk] for pk in library_ids], [period])


def _recount_months(libraries: list[Library], months: list[Period], groups) -> None:
    """Count ``groups`` of ``libraries``' consecutive ``months`` again (not
    the borrowers of longer periods kept on a month; the named borrowers of
    the months with their loans)."""
    values = counting.count(libraries=libraries, periods=months, groups=groups)
    rows = [
        MonthlyRollup(library_id=library_id, month=months[index].start, code=code, value=value)
        for (library_id, index, code), value in values.items()
        if library_id is not None and (code in MONTH_CODES or code.startswith(WHOLE_CODES))
    ]
    kept = MonthlyRollup.objects.filter(
        library_id__in=[library.pk for library in libraries],
        month__range=(months[0].start, months[-1].end),
    )
    counted = Q()
    for start in (start for group in groups for start in KEEPS[group]):
        counted |= Q(code__startswith=start)
    kept.filter(counted).exclude(code__in=LONGER_BORROWERS).delete()
    MonthlyRollup.objects.bulk_create(rows, batch_size=500)
    if "loans" in groups:
        named_borrowers_recount(libraries, months)


def _recount_borrowers(libraries: list[Library], periods: list[Period]) -> None:
    """Count ``libraries``' borrowers of ``periods`` (quarters or years)
    again, from their months kept (``borrowers.py``)."""
    ids = [library.pk for library in libraries]
    code = f"borrowers.{periods[0].grain}"
    rows = [
        MonthlyRollup(library_id=library_id, month=periods[index].start, code=code, value=value)
        for (library_id, index), value in longer_borrowers(ids, periods).items()
        if value
    ]
    MonthlyRollup.objects.filter(
        library_id__in=ids, month__in=[period.start for period in periods], code=code
    ).delete()
    MonthlyRollup.objects.bulk_create(rows, batch_size=500)
