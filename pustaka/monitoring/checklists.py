"""Reads behind the checklist against the national standard: what Pustaka
knows of each library on a day (titles held by age and kind, recent titles,
reference works and periodicals, the profile's staff and floor area, opening
hours, services offered, loans of the year, the manager's training), read in
a few grouped queries for any number of libraries, and each library's
checklist (``standard.standard_checklist``)."""

import datetime
from dataclasses import dataclass

from django.db.models import Count, Q
from django.utils import timezone

from pustaka.catalog.models import Audience, MaterialType
from pustaka.circulation.models import Loan
from pustaka.core.permissions import LIBRARY_ROLES
from pustaka.libraries.models import Library, StaffRole
from pustaka.monitoring import counting, standard
from pustaka.monitoring.models import FigureKind, LibraryFigure
from pustaka.monitoring.policies import Period
from pustaka.monitoring.standard import Criterion, LibraryFacts
from pustaka.training.models import Attendance, Trainee

LIVE = Q(deleted_at__isnull=True)


def _held_on(day: datetime.date):
    """Copies held at the end of ``day`` (as the indicators count them)."""
    return counting.held_copies().filter(counting.added_by(Period(day, day, "year")))


def _distinct_titles(condition: Q | None = None) -> Count:
    return Count("record_id", distinct=True, filter=condition)


def _collection_facts(library_ids: list, day: datetime.date) -> dict:
    since = standard.recent_since(day.year)
    encyclopedia = (
        Q(record__ddc__startswith="03")
        | Q(record__title__icontains="ensiklopedi")
        | Q(record__title__icontains="encyclopedi")
    )
    dictionary = (
        Q(record__ddc__regex=r"^4[0-9]3")
        | Q(record__title__icontains="kamus")
        | Q(record__title__icontains="dictionar")
    )
    rows = (
        _held_on(day)
        .filter(library_id__in=library_ids)
        .values("library_id")
        .annotate(
            titles=_distinct_titles(),
            recent_titles=_distinct_titles(Q(record__year__gte=since, record__year__lte=day.year)),
            dated_titles=_distinct_titles(Q(record__year__isnull=False)),
            children_titles=_distinct_titles(Q(record__audience=Audience.CHILDREN)),
            teen_titles=_distinct_titles(Q(record__audience=Audience.TEENS)),
            adult_titles=_distinct_titles(
                Q(record__audience__in=[Audience.ADULTS, Audience.GENERAL])
            ),
            audience_titles=_distinct_titles(~Q(record__audience="")),
            encyclopedias=_distinct_titles(encyclopedia),
            dictionaries=_distinct_titles(dictionary),
            periodicals=_distinct_titles(Q(record__material_type=MaterialType.MAGAZINE)),
        )
        .order_by()
    )
    return {row.pop("library_id"): row for row in rows}


def _profile_figures(library_ids: list, day: datetime.date) -> dict:
    """(library id, kind) -> the latest staff and floor-area figure true by ``day``."""
    figures = LibraryFigure.objects.filter(
        LIVE,
        library_id__in=library_ids,
        kind__in=[FigureKind.STAFF, FigureKind.FLOOR_AREA],
        as_of__lte=day,
    ).order_by("library_id", "kind", "-as_of")
    latest = {}
    for library_id, kind, value in figures.values_list("library_id", "kind", "value"):
        latest.setdefault((library_id, kind), value)
    return latest


def _staff_accounts(library_ids: list) -> dict:
    rows = (
        StaffRole.objects.filter(
            LIVE, library_id__in=library_ids, role__in=LIBRARY_ROLES, user__is_active=True
        )
        .values_list("library_id")
        .annotate(staff=Count("pk"))
    )
    return dict(rows.order_by())


def _loans(library_ids: list, day: datetime.date) -> dict:
    year = Period(datetime.date(day.year, 1, 1), day, "year")
    rows = (
        Loan.objects.filter(LIVE, counting.during("checked_out_at")(year))
        .filter(library_id__in=library_ids)
        .values_list("library_id")
        .annotate(loans=Count("pk"))
    )
    return dict(rows.order_by())


def _trained_managers(library_ids: list, day: datetime.date) -> set:
    """Libraries whose manager was present at a session of the office's trainings by ``day``."""
    present = Attendance.objects.filter(
        LIVE,
        present=True,
        session__deleted_at__isnull=True,
        session__date__lte=day,
        trainee__deleted_at__isnull=True,
        trainee__role=Trainee.Role.MANAGER,
        trainee__library_id__in=library_ids,
    )
    return set(present.values_list("trainee__library_id", flat=True).distinct())


def library_facts(libraries: list[Library], day: datetime.date) -> dict:
    """What Pustaka knows of each of ``libraries`` on ``day``: library id -> ``LibraryFacts``."""
    ids = [library.pk for library in libraries]
    collection = _collection_facts(ids, day)
    profile = _profile_figures(ids, day)
    accounts = _staff_accounts(ids)
    loans = _loans(ids, day)
    trained = _trained_managers(ids, day)
    facts = {}
    for library in libraries:
        held = collection.get(library.pk) or dict.fromkeys(_COLLECTION_FIELDS, 0)
        staff = profile.get((library.pk, FigureKind.STAFF))
        area = profile.get((library.pk, FigureKind.FLOOR_AREA))
        facts[library.pk] = LibraryFacts(
            **held,
            floor_area=area,
            opening_hours=library.opening_hours or {},
            offers=tuple(library.offers or ()),
            loans=loans.get(library.pk, 0),
            staff=int(staff) if staff is not None else accounts.get(library.pk),
            staff_from_accounts=staff is None and library.pk in accounts,
            manager_trained=library.pk in trained,
            year=day.year,
        )
    return facts


_COLLECTION_FIELDS = (
    "titles",
    "recent_titles",
    "dated_titles",
    "children_titles",
    "teen_titles",
    "adult_titles",
    "audience_titles",
    "encyclopedias",
    "dictionaries",
    "periodicals",
)


def checklist_day(end: datetime.date) -> datetime.date:
    """The day a checklist is for: the period's last day, or today if sooner."""
    return min(end, timezone.localdate())


@dataclass(frozen=True)
class LibraryChecklist:
    library: Library
    criteria: list[Criterion]

    @property
    def meets(self) -> bool:
        return standard.meets_standard(self.criteria)

    def counts(self) -> dict:
        """How many criteria are met, not met and not known."""
        counted = dict.fromkeys((standard.PASS, standard.FAIL, standard.UNKNOWN), 0)
        for criterion in self.criteria:
            counted[criterion.status] += 1
        return counted


def checklists(libraries: list[Library], day: datetime.date) -> list[LibraryChecklist]:
    facts = library_facts(libraries, day)
    return [
        LibraryChecklist(library, standard.standard_checklist(facts[library.pk]))
        for library in libraries
    ]
