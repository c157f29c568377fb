"""Pure rules of monitoring: periods (months, quarters and years of the
libraries' calendar), opening days, and how progress against a yearly target
is judged. No database here."""

import bisect
import datetime
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from decimal import Decimal

from django.utils import timezone

from pustaka.members.policies import AGE_GROUPS

GRAINS = ("month", "quarter", "year")
# How many periods a trend line shows, ending with the chosen one.
TREND_LENGTH = {"month": 12, "quarter": 8, "year": 5}
# The longest span the API and the command line compute at once.
MAX_YEARS = 10


@dataclass(frozen=True)
class Period:
    """Days ``start`` to ``end`` (both included) of one month, quarter or
    year; the first and last period of a range may be cut short by it."""

    start: datetime.date
    end: datetime.date
    grain: str

    @property
    def key(self) -> str:
        """``2025-07``, ``2025-Q3`` or ``2025``."""
        if self.grain == "month":
            return f"{self.start:%Y-%m}"
        if self.grain == "quarter":
            return f"{self.start.year}-Q{(self.start.month - 1) // 3 + 1}"
        return str(self.start.year)

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    def starts_at(self) -> datetime.datetime:
        """The first moment of the period in the libraries' time zone."""
        return local_midnight(self.start)

    def ends_before(self) -> datetime.datetime:
        """The first moment after the period."""
        return local_midnight(self.end + datetime.timedelta(days=1))


def local_midnight(day: datetime.date) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time.min, tzinfo=timezone.get_default_timezone())


def local_day(moment: datetime.datetime) -> datetime.date:
    return timezone.localdate(moment, timezone.get_default_timezone())


def fixed_offset_minutes(zone) -> int | None:
    """The zone's offset from UTC in minutes when it never changes (no
    daylight saving: WITA is always +8 hours); ``None`` otherwise."""
    offsets = {
        zone.utcoffset(datetime.datetime(year, month, 1))
        for year in (2000, 2020, 2040)
        for month in (1, 4, 7, 10)
    }
    if len(offsets) != 1:
        return None
    return int(offsets.pop().total_seconds() // 60)


def unit_start(day: datetime.date, grain: str) -> datetime.date:
    """The first day of the month, quarter or year ``day`` is in."""
    if grain == "month":
        return day.replace(day=1)
    if grain == "quarter":
        return day.replace(month=(day.month - 1) // 3 * 3 + 1, day=1)
    if grain == "year":
        return day.replace(month=1, day=1)
    raise ValueError(grain)


def unit_after(start: datetime.date, grain: str) -> datetime.date:
    """The first day of the unit after the one beginning on ``start``."""
    months = {"month": 1, "quarter": 3, "year": 12}[grain]
    index = start.month - 1 + months
    return start.replace(year=start.year + index // 12, month=index % 12 + 1, day=1)


def period_of(day: datetime.date, grain: str) -> Period:
    """The whole month, quarter or year ``day`` is in."""
    start = unit_start(day, grain)
    return Period(start, unit_after(start, grain) - datetime.timedelta(days=1), grain)


def periods_between(start: datetime.date, end: datetime.date, grain: str) -> list[Period]:
    """The periods of ``grain`` covering ``start`` to ``end`` (both included),
    the first and last cut to them."""
    if end < start:
        raise ValueError("end before start")
    periods = []
    unit = unit_start(start, grain)
    while unit <= end:
        after = unit_after(unit, grain)
        last = min(after - datetime.timedelta(days=1), end)
        periods.append(Period(max(unit, start), last, grain))
        unit = after
    return periods


def periods_ending(period: Period, count: int) -> list[Period]:
    """The ``count`` whole periods of ``period``'s grain that end with it."""
    periods = [period_of(period.start, period.grain)]
    while len(periods) < count:
        periods.insert(0, period_of(periods[0].start - datetime.timedelta(days=1), period.grain))
    return periods


def period_parse(text: str, grain: str) -> Period:
    """``2025-07`` (month), ``2025-Q3`` (quarter) or ``2025`` (year) as a
    whole period; ``ValueError`` for anything else."""
    text = (text or "").strip().upper()
    if grain == "year" and len(text) == 4 and text.isdigit():
        return period_of(datetime.date(int(text), 1, 1), grain)
    if grain == "quarter" and len(text) == 7 and text[4:6] == "-Q" and text[6] in "1234":
        return period_of(datetime.date(int(text[:4]), int(text[6]) * 3 - 2, 1), grain)
    if grain == "month" and len(text) == 7 and text[4] == "-":
        return period_of(datetime.date(int(text[:4]), int(text[5:]), 1), grain)
    raise ValueError(text)


def years_before(day: datetime.date, years: int) -> datetime.date:
    """The same day ``years`` earlier (29 February becomes the 28th)."""
    try:
        return day.replace(year=day.year - years)
    except ValueError:
        return day.replace(year=day.year - years, day=28)


class AgeSpans:
    """The programme's age group of a person born on a given day at each of
    ``ends`` (days in order: the ends of periods), as spans of consecutive
    indexes — an age group changes at a few birthdays only. At day ``d`` a
    person is in the group from ``low`` to ``high`` when born on or before
    ``years_before(d, low)`` and after ``years_before(d, high + 1)``, as
    monitoring counts members; ``None`` before birth and past the oldest group."""

    def __init__(self, ends: list[datetime.date]):
        self.count = len(ends)
        self.labels = [None, *[label for _low, _high, label in AGE_GROUPS], None]
        lows = [low for low, _high, _label in AGE_GROUPS] + [AGE_GROUPS[-1][1] + 1]
        self.bounds = [[years_before(end, low) for end in ends] for low in lows]
        # The days a birth date is compared with: those born between two
        # of them (after one, on or before the next) share their spans.
        self.days = sorted({day for bound in self.bounds for day in bound})
        self.known = {}

    def of(self, born: datetime.date) -> list[tuple[str | None, int, int]]:
        """(age group, first index, index after the last), covering every index."""
        spans = self.known.get(born)
        if spans is None:
            edges = [0, *[bisect.bisect_left(bound, born) for bound in self.bounds], self.count]
            spans = [
                (label, first, after)
                for label, first, after in zip(self.labels, edges, edges[1:], strict=False)
                if first < after
            ]
            self.known[born] = spans
        return spans

    def at_position(self, position: int) -> list[tuple[str | None, int, int]]:
        """The spans of those born after ``days[position - 1]`` and on or
        before ``days[position]`` (``bisect_left(days, born)``)."""
        if position < len(self.days):
            return self.of(self.days[position])
        return self.of(self.days[-1] + datetime.timedelta(days=1))


def opening_days(
    opening_hours: dict, holidays: Iterable[datetime.date], start: datetime.date, end: datetime.date
) -> int:
    """The days from ``start`` to ``end`` a library was open: weekdays with
    opening hours (every day when it has recorded none) less its dated
    holidays — the calendar the desk's due dates follow."""
    open_weekdays = _open_weekdays(opening_hours)
    total = sum(_weekday_count(weekday, start, end) for weekday in open_weekdays)
    closed = {day for day in holidays if start <= day <= end and day.weekday() in open_weekdays}
    return total - len(closed)


def _open_weekdays(opening_hours: dict) -> set[int]:
    if not opening_hours:
        return set(range(7))
    return {weekday for weekday in range(7) if opening_hours.get(str(weekday))}


def _weekday_count(weekday: int, start: datetime.date, end: datetime.date) -> int:
    """How many days from ``start`` to ``end`` fall on ``weekday``."""
    first = start + datetime.timedelta(days=(weekday - start.weekday()) % 7)
    return 0 if first > end else (end - first).days // 7 + 1


def ratio(numerator, denominator, places: int) -> float | None:
    """``numerator / denominator`` rounded, ``None`` when it cannot be said."""
    if numerator is None or not denominator:
        return None
    return round(float(numerator) / float(denominator), places)


@dataclass(frozen=True)
class Progress:
    """Where an indicator stands against its target for the year: the value
    so far, the share of the target reached, and the share expected by now
    (for figures that grow through the year; ``None`` for levels and ratios)."""

    target: Decimal
    value: float | int | None
    reached: float | None
    expected: float | None

    @property
    def on_track(self) -> bool | None:
        if self.reached is None:
            return None
        return self.reached >= (self.expected if self.expected is not None else 1.0)


def progress(*, target: Decimal, value, grows: bool, year: int, through: datetime.date) -> Progress:
    """Progress of ``value`` (the year so far, up to ``through``) towards
    ``target``. A figure that ``grows`` through the year (visits, loans...)
    is expected to have reached the share of the year gone by."""
    reached = None if value is None or not target else float(value) / float(target)
    expected = None
    if grows:
        first, last = datetime.date(year, 1, 1), datetime.date(year, 12, 31)
        gone = (min(max(through, first - datetime.timedelta(days=1)), last) - first).days + 1
        expected = gone / ((last - first).days + 1)
    return Progress(target=target, value=value, reached=reached, expected=expected)


def sort_key(value_of: Callable, descending: bool) -> Callable:
    """A sort key that puts rows without a value last, whichever the direction."""

    def key(row):
        value = value_of(row)
        if value is None:
            return (1, 0)
        return (0, -value if descending else value)

    return key
