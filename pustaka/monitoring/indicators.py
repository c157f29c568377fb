"""The indicators of each library and of the district, per month, quarter or
year — the one interface pages, the API, the command line and reports use::

    table = indicators(user=user, libraries=None, start=date(2025, 1, 1),
                       end=date(2025, 12, 31), grain="quarter")
    table.periods[0].key                  # "2025-Q1"
    table.district.value("loans", 0)      # the district's loans in 2025-Q1
    table.row(library).series("visits.people")   # one value per period
    table.as_dict()                       # plain JSON (the API's answer)

``table.definitions`` lists every indicator (``definitions.Indicator``: code,
label, group, how it adds up); how each is counted is in ``counting.py``.

Who sees what: ``rows`` are the libraries ``user`` may see
(``libraries_for_user``) — or those of ``libraries``, each of which the user
must see (else ``NotFound``, a 404) — and ``district`` always counts every
library of the district: a library manager sees their own library and the
district's totals, never another library's figures.
"""

import datetime
from dataclasses import dataclass

from django.utils.translation import gettext as _

from pustaka.core.errors import Invalid, NotFound, NotPermitted
from pustaka.core.permissions import access_for
from pustaka.libraries.models import Library
from pustaka.libraries.queries import libraries_for_user
from pustaka.monitoring import counting, definitions, policies, rollup
from pustaka.monitoring.definitions import DISTINCT, NONE, PROFILE, RATIO, Indicator
from pustaka.monitoring.policies import GRAINS, MAX_YEARS, Period
from pustaka.programs.queries import categories


@dataclass
class IndicatorRow:
    """The figures of one library (``library``) or of the district (``None``):
    for each period, indicator code -> value (``None``: not known)."""

    library: Library | None
    values: list[dict]

    def value(self, code: str, index: int = -1):
        return self.values[index].get(code)

    def series(self, code: str) -> list:
        return [period.get(code) for period in self.values]


@dataclass
class IndicatorTable:
    """Indicators per library and for the district, per period."""

    grain: str
    start: datetime.date
    end: datetime.date
    periods: list[Period]
    definitions: list[Indicator]
    rows: list[IndicatorRow]
    district: IndicatorRow | None

    def row(self, library: Library) -> IndicatorRow:
        """``library``'s row (``LookupError`` when the table has none)."""
        for row in self.rows:
            if row.library.pk == library.pk:
                return row
        raise LookupError(library.code)

    def as_dict(self) -> dict:
        """The table as plain JSON values."""
        return {
            "grain": self.grain,
            "start": self.start.isoformat(),
            "end": self.end.isoformat(),
            "periods": [_period_dict(period) for period in self.periods],
            "indicators": [_definition_dict(item) for item in self.definitions],
            "libraries": [_row_dict(row) for row in self.rows],
            "district": _row_dict(self.district) if self.district else None,
        }


def indicators(
    *,
    user,
    libraries: list[Library] | None,
    start: datetime.date,
    end: datetime.date,
    grain: str,
    district: bool = True,
) -> IndicatorTable:
    """Every indicator for ``libraries`` (default: every library ``user``
    sees) and, with ``district``, the district's totals, per ``grain``
    (month, quarter or year) from ``start`` to ``end`` (both included; the
    first and last periods are cut to them)."""
    periods = _periods(start, end, grain)
    shown = _shown(user, libraries)
    counted = _district_libraries() if district else shown
    values = _values(counted, periods)
    items = definitions.indicator_list(list(categories(in_use=False).values_list("code", "name")))
    rows = {library.pk: _library_row(library, values, periods, items) for library in counted}
    return IndicatorTable(
        grain=grain,
        start=start,
        end=end,
        periods=periods,
        definitions=items,
        rows=[rows[library.pk] for library in shown],
        district=_district_row(list(rows.values()), values, periods, items) if district else None,
    )


def _periods(start: datetime.date, end: datetime.date, grain: str) -> list[Period]:
    if grain not in GRAINS:
        raise Invalid(fields={"grain": [_("Choose month, quarter or year.")]})
    if end < start:
        raise Invalid(fields={"end": [_("The end comes before the start.")]})
    if (end - start).days > MAX_YEARS * 366:
        message = _("At most %(years)s years at once.") % {"years": MAX_YEARS}
        raise Invalid(fields={"end": [message]})
    return policies.periods_between(start, end, grain)


def _values(libraries: list[Library], periods: list[Period]) -> counting.Values:
    """What ``counting.count`` counts, except that the groups the roll-up
    keeps whole (``rollup.WHOLE_GROUPS``: visits, loans — most of the time
    a long range takes) are read from the roll-up, brought up to date
    first, for the whole periods (months, quarters, years not cut by the
    range); periods cut short are counted."""
    whole = [index for index, period in enumerate(periods) if _is_whole(period)]
    if not whole:
        return counting.count(libraries=libraries, periods=periods)
    rest = tuple(group for group in counting.GROUPS if group not in rollup.WHOLE_GROUPS)
    values = counting.count(libraries=libraries, periods=periods, groups=rest)
    rollup.rollup_refresh()
    first = whole[0]  # only the first and the last period can be cut short
    figures = rollup.rollup_figures(
        library_ids=[library.pk for library in libraries],
        periods=periods[first : whole[-1] + 1],
        codes=WHOLE_CODES,
    )
    for (library_id, index, code), value in figures.items():
        values[(library_id, first + index, code)] = value
    for index in set(range(len(periods))) - set(whole):
        cut = counting.count(
            libraries=libraries, periods=[periods[index]], groups=rollup.WHOLE_GROUPS
        )
        for (library_id, _index, code), value in cut.items():
            values[(library_id, index, code)] = value
    return values


# The figures the roll-up keeps whole (``rollup.WHOLE_GROUPS``, breakdowns included).
WHOLE_CODES = [item.code for item in definitions.BASE if item.code.startswith(rollup.WHOLE_CODES)]


def _is_whole(period: Period) -> bool:
    return period == policies.period_of(period.start, period.grain)


def _shown(user, libraries: list[Library] | None) -> list[Library]:
    if not access_for(user).is_staff_member:
        raise NotPermitted
    visible = list(libraries_for_user(user))
    if libraries is None:
        return visible
    seen = {library.pk for library in visible}
    if any(library.pk not in seen for library in libraries):
        raise NotFound
    return list(libraries)


def _district_libraries() -> list[Library]:
    """Every library of the district (deleted ones left out)."""
    return list(
        Library.objects.filter(deleted_at__isnull=True)
        .select_related("kecamatan", "village")
        .order_by("kecamatan__name", "name")
    )


def _library_row(library, values, periods, items) -> IndicatorRow:
    library_id, defaults = library.pk, [(item.code, _missing(item)) for item in items]
    per_period = []
    for index in range(len(periods)):
        figures = {code: values.get((library_id, index, code), none) for code, none in defaults}
        _ratios(figures)
        per_period.append(figures)
    return IndicatorRow(library=library, values=per_period)


def _missing(item: Indicator):
    """The value of an indicator nothing was counted for: none for a profile
    figure not recorded, else zero."""
    return None if item.kind in (PROFILE, RATIO) else 0


def _ratios(figures: dict) -> None:
    """Ratios from the figures they divide (the same for a library and the district)."""
    figures["visits.per_opening_day"] = policies.ratio(
        figures["visits.people"], figures["opening_days"], 1
    )
    population = figures["profile.population_served"]
    for part in ("copies", "titles"):
        figures[f"collection.{part}_per_capita"] = policies.ratio(
            figures[f"collection.{part}"], population, 3
        )


def _district_row(rows: list[IndicatorRow], values, periods, items) -> IndicatorRow:
    """The district's figures: its libraries' added up (with the district's
    own rows), counted once where a library's would repeat (titles,
    partners), none where a sum means nothing (internet speed). The
    population served is the libraries' added up only when every library's
    is known."""
    per_period = []
    for index in range(len(periods)):
        figures = {}
        for item in items:
            figures[item.code] = _district_value(item, rows, values, index)
        if any(row.values[index]["profile.population_served"] is None for row in rows):
            figures["profile.population_served"] = None
        _ratios(figures)
        per_period.append(figures)
    return IndicatorRow(library=None, values=per_period)


def _district_value(item: Indicator, rows, values, index: int):
    own = values.get((None, index, item.code), 0)
    if item.district == DISTINCT:
        return own
    if item.district == NONE or item.kind == RATIO:
        return None
    known = [value for row in rows if (value := row.values[index][item.code]) is not None]
    if item.kind == PROFILE and not known:
        return None
    return sum(known) + own


def _period_dict(period: Period) -> dict:
    return {"key": period.key, "start": period.start.isoformat(), "end": period.end.isoformat()}


def _definition_dict(item: Indicator) -> dict:
    return {
        "code": item.code,
        "label": str(item.label),
        "group": item.group,
        "kind": item.kind,
        "unit": item.unit,
    }


def _row_dict(row: IndicatorRow) -> dict:
    library = row.library
    return {
        "library": library.code if library else None,
        "name": library.name if library else None,
        "values": row.values,
    }
