"""The demo district's monitoring: every library's profile figures (the
population served from its profile, staff, floor area, opening hours per
week from its hours, internet, budget) as of the start of last year and of
this year, and the office's targets for this year — for every library, and
higher ones for the district library. Written through the services; loaded
once (a district with profile figures keeps its own)."""

import datetime
import random
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.utils import timezone

from pustaka.libraries.models import Library
from pustaka.libraries.policies import minutes
from pustaka.monitoring import services
from pustaka.monitoring.models import FigureKind, LibraryFigure

DEMO_SEED = 2026
# indicator, target for every library, target for the district library (PUD)
TARGETS = [
    ("visits.people", 3_000, 20_000),
    ("loans", 1_500, 12_000),
    ("members.new", 100, 600),
    ("activities", 12, 48),
    ("participants", 240, 1_200),
    ("visits.per_opening_day", 12, 60),
]


def demo_load() -> dict:
    """Write the profile figures and this year's targets once."""
    admin = get_user_model().objects.filter(username="admin").first()
    libraries = list(Library.objects.filter(deleted_at__isnull=True).order_by("code"))
    if admin is None or not libraries or LibraryFigure.objects.exists():
        return {"profile figures": 0, "targets": 0}
    rng = random.Random(DEMO_SEED)
    this_year = timezone.localdate().year
    figures = 0
    for library in libraries:
        for year, grown in ((this_year - 1, 1.0), (this_year, 1.02)):
            for kind, value in _profile(library, rng, grown).items():
                services.library_figure_record(
                    actor=admin,
                    library=library,
                    kind=kind,
                    value=value,
                    as_of=datetime.date(year, 1, 1),
                    source="Profil desa" if kind == FigureKind.POPULATION_SERVED else "",
                )
                figures += 1
    return {"profile figures": figures, "targets": _targets(admin, libraries, this_year)}


def _profile(library: Library, rng, grown: float) -> dict:
    district = library.kind == Library.Kind.DISTRICT
    figures = {
        FigureKind.STAFF: Decimal(12 if district else rng.choice((1, 2, 2, 3))),
        FigureKind.FLOOR_AREA: Decimal(600 if district else rng.choice((36, 48, 56, 72))),
        FigureKind.OPENING_HOURS: Decimal(_weekly_hours(library.opening_hours or {})),
        FigureKind.INTERNET: Decimal(rng.choice((0, 5, 10, 20)) if not district else 100),
        FigureKind.BUDGET: Decimal(
            rng.randrange(5, 40) * 1_000_000 if not district else 900_000_000
        ),
    }
    if library.population_served:
        figures[FigureKind.POPULATION_SERVED] = Decimal(round(library.population_served * grown))
    return figures


def _weekly_hours(opening_hours: dict) -> float:
    """Hours open in a week, from the library's weekly opening hours."""
    total = sum(
        minutes(end) - minutes(start) for ranges in opening_hours.values() for start, end in ranges
    )
    return round(total / 60, 1)


def _targets(admin, libraries: list[Library], year: int) -> int:
    district_library = next((lib for lib in libraries if lib.kind == Library.Kind.DISTRICT), None)
    count = 0
    for indicator, every, district in TARGETS:
        services.target_set(
            actor=admin, indicator=indicator, library=None, year=year, value=Decimal(every)
        )
        count += 1
        if district_library is not None:
            services.target_set(
                actor=admin,
                indicator=indicator,
                library=district_library,
                year=year,
                value=Decimal(district),
            )
            count += 1
    return count
