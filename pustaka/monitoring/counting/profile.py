"""Profile figures as recorded last on or before each period's end."""

import datetime
from collections import defaultdict
from decimal import Decimal

from pustaka.monitoring.counting.base import LIVE, Counter
from pustaka.monitoring.models import FigureKind, LibraryFigure


def count_profile(counter: Counter) -> None:
    """Each profile figure as recorded last on or before a period's end; the
    population served falls back on the library profile's (undated) figure."""
    rows = (
        LibraryFigure.objects.filter(LIVE, library_id__in=counter.ids, as_of__lte=counter.span.end)
        .order_by("as_of")
        .values_list("library_id", "kind", "as_of", "value")
    )
    history = defaultdict(list)
    for library_id, kind, as_of, value in rows:
        history[(library_id, kind)].append((as_of, value))
    for library in counter.libraries:
        for kind in FigureKind.values:
            fallback = library.population_served if kind == FigureKind.POPULATION_SERVED else None
            for index, period in enumerate(counter.periods):
                value = _latest(history[(library.pk, kind)], period.end, fallback)
                if value is not None:  # 0 is a figure too (no internet)
                    counter.values[(library.pk, index, f"profile.{kind}")] = value


def _latest(history: list, day: datetime.date, fallback):
    value = fallback
    for as_of, recorded in history:
        if as_of > day:
            break
        value = recorded
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    return value
