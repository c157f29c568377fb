"""The district dashboard: each library the user may see (optionally of one
kecamatan) x the key indicators of a chosen month, quarter or year, each
with its trend over the periods before, and the district's totals. Read
from the roll-up (``rollup.py``), which is brought up to date first, so the
figures are those ``indicators`` counts, at a few milliseconds' cost.

A library manager sees their own library and the district's totals only."""

from dataclasses import dataclass

from pustaka.core.permissions import access_for
from pustaka.libraries.models import Library
from pustaka.libraries.queries import libraries_for_user
from pustaka.monitoring import counting, policies
from pustaka.monitoring.definitions import BY_CODE, KEY_CODES, Indicator
from pustaka.monitoring.policies import TREND_LENGTH, Period
from pustaka.monitoring.rollup import rollup_figures, rollup_refresh

SORTS = ("name", "-name")


@dataclass
class DashboardRow:
    """One library's (or a total's) key figures: per column, the value of
    each trend period, the chosen period last."""

    library: Library | None
    series: list[list]


@dataclass
class Dashboard:
    period: Period
    trend: list[Period]
    columns: list[Indicator]
    rows: list[DashboardRow]
    shown_total: DashboardRow | None
    district: DashboardRow
    sort: str
    refreshed_at: object


def district_dashboard(*, user, period: Period, kecamatan_code: str = "", sort: str = "name"):
    """The dashboard for ``period`` (a whole month, quarter or year)."""
    state = rollup_refresh()
    trend = policies.periods_ending(period, TREND_LENGTH[period.grain])
    everyone = list(Library.objects.filter(deleted_at__isnull=True))
    shown = list(libraries_for_user(user, kecamatan_code=kecamatan_code))
    figures = rollup_figures(
        library_ids=[library.pk for library in everyone], periods=trend, codes=KEY_CODES
    )
    opening = counting.count(libraries=everyone, periods=trend, groups=("opening_days",))
    figures.update(opening)
    rows = [_row(library, [library.pk], figures, trend) for library in shown]
    filtered = kecamatan_code and access_for(user).sees_all_libraries
    return Dashboard(
        period=period,
        trend=trend,
        columns=[BY_CODE[code] for code in KEY_CODES],
        rows=_sorted(rows, sort),
        shown_total=_row(None, [lib.pk for lib in shown], figures, trend) if filtered else None,
        district=_row(None, [library.pk for library in everyone], figures, trend),
        sort=sort if _sort_valid(sort) else "name",
        refreshed_at=state.refreshed_at,
    )


def _row(library, library_ids: list, figures: dict, trend: list[Period]) -> DashboardRow:
    series = []
    for code in KEY_CODES:
        values = []
        for index in range(len(trend)):
            if code == "visits.per_opening_day":
                people = _sum(figures, library_ids, index, "visits.people")
                days = _sum(figures, library_ids, index, "opening_days")
                values.append(policies.ratio(people, days, 1))
            else:
                values.append(_sum(figures, library_ids, index, code))
        series.append(values)
    return DashboardRow(library=library, series=series)


def _sum(figures: dict, library_ids: list, index: int, code: str) -> int:
    return sum(figures.get((library_id, index, code), 0) for library_id in library_ids)


def _sort_valid(sort: str) -> bool:
    return sort in SORTS or sort.lstrip("-") in KEY_CODES


def _sorted(rows: list[DashboardRow], sort: str) -> list[DashboardRow]:
    """By name (the default; ``-name`` Z to A) or a column's value (``-``
    first: largest first), libraries without a value last."""
    code = sort.lstrip("-")
    if code not in KEY_CODES:
        return sorted(rows, key=lambda row: row.library.name, reverse=sort == "-name")
    column = KEY_CODES.index(code)
    by_name = sorted(rows, key=lambda row: row.library.name)
    return sorted(
        by_name,
        key=policies.sort_key(lambda row: row.series[column][-1], sort.startswith("-")),
    )
