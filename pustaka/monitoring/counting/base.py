"""What every count shares: the values being counted for libraries over
periods (``Counter``), the period a row falls in found in SQL, the local
day of a moment, and a count of grouped rows."""

import datetime
import uuid
from collections import defaultdict
from collections.abc import Callable

from django.db import connection
from django.db.models import Case, DateField, Func, IntegerField, Q, Value, When
from django.db.models.functions import TruncDate
from django.utils import timezone

from pustaka.catalog.models import Item
from pustaka.libraries.models import Library
from pustaka.monitoring import policies
from pustaka.monitoring.definitions import UNKNOWN
from pustaka.monitoring.policies import Period

GONE = (Item.Status.WITHDRAWN, Item.Status.LOST)


LIVE = Q(deleted_at__isnull=True)


# (library id or None, period index, code) -> value. ``None`` is the district:
# for figures that add up, its own rows (contributions to the district's
# programme); for distinct figures (titles, partners), the district's figure.
Values = dict[tuple, int | float]


class Counter:
    """The values being counted for ``libraries`` over ``periods``."""

    def __init__(self, libraries: list[Library], periods: list[Period]):
        self.libraries = libraries
        self.ids = [library.pk for library in libraries]
        self.periods = periods
        self.span = Period(periods[0].start, periods[-1].end, periods[0].grain)
        self.values: Values = defaultdict(int)

    def add(self, library_id, index, code: str, amount) -> None:
        if amount:
            self.values[(library_id, index, code)] += amount

    def placed(self, field: str, *, moment: bool = False, before=None) -> Case:
        """The index of the period a row's ``field`` falls in — a day, or
        with ``moment`` a moment on its local day — found by halves in SQL
        (a few comparisons per row whatever the number of periods); rows
        before the first period get ``before``, after the last ``NULL``."""
        periods = self.periods
        if moment:
            first, afters = periods[0].starts_at(), [p.ends_before() for p in periods]
        else:
            first = periods[0].start
            afters = [p.end + datetime.timedelta(days=1) for p in periods]
        return Case(
            When(**{f"{field}__lt": first}, then=Value(before)),
            When(**{f"{field}__gte": afters[-1]}, then=Value(None)),
            When(**{f"{field}__gte": first}, then=by_halves(field, afters, 0, len(afters))),
            default=Value(None),
            output_field=IntegerField(),
        )

    def index_of_day(self) -> dict[datetime.date, int]:
        days = {}
        for index, period in enumerate(self.periods):
            for offset in range(period.days):
                days[period.start + datetime.timedelta(days=offset)] = index
        return days


def by_halves(field: str, afters: list, low: int, high: int):
    """How many of ``afters`` (ascending) are at or below ``field``, known to
    be between ``low`` and ``high``: ``field`` compared with the one in the
    middle, then in the half it is in (``bisect_right`` in SQL)."""
    if low == high:
        return Value(low)
    middle = (low + high) // 2
    return Case(
        When(**{f"{field}__lt": afters[middle]}, then=by_halves(field, afters, low, middle)),
        default=by_halves(field, afters, middle + 1, high),
        output_field=IntegerField(),
    )


def on_days(field: str) -> Callable[[Period], Q]:
    """Rows whose date ``field`` is in the period."""
    return lambda period: Q(**{f"{field}__gte": period.start, f"{field}__lte": period.end})


def during(field: str) -> Callable[[Period], Q]:
    """Rows whose moment ``field`` is in the period (its local days)."""
    return lambda period: Q(
        **{f"{field}__gte": period.starts_at(), f"{field}__lt": period.ends_before()}
    )


def code_of(value: str) -> str:
    """A breakdown's code for a value kept on a row ("" is not said: unknown)."""
    return value or UNKNOWN


class LocalDay(Func):
    """The local day of a moment in SQL: Django's ``TruncDate`` in the
    libraries' time zone, except on SQLite when the zone keeps one offset
    all year (WITA does), where SQLite's own ``date()`` shifted by it spares
    a call into Python per row."""

    output_field = DateField()

    def as_sql(self, compiler, connection, **extra):
        zone = timezone.get_default_timezone()
        return compiler.compile(TruncDate(*self.source_expressions, tzinfo=zone))

    def as_sqlite(self, compiler, connection, **extra):
        minutes = policies.fixed_offset_minutes(timezone.get_default_timezone())
        if minutes is None:
            return self.as_sql(compiler, connection, **extra)
        sql, params = compiler.compile(self.source_expressions[0])
        return f"date({sql}, %s)", [*params, f"{minutes:+d} minutes"]


def grouped_count(queryset, columns: list[str]) -> list[tuple]:
    """``columns`` of ``queryset``'s rows and how many rows share them: a
    count of groups Django's ORM cannot group again (its rows are themselves
    grouped), in one statement."""
    sql, params = queryset.query.sql_with_params()
    names = ", ".join(connection.ops.quote_name(column) for column in columns)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {names}, COUNT(*) FROM ({sql}) grouped GROUP BY {names}", params)
        return cursor.fetchall()


def as_uuid(value) -> uuid.UUID:
    """A key read by raw SQL (SQLite gives its hex text) as Django reads it."""
    return value if isinstance(value, uuid.UUID) else uuid.UUID(value)
