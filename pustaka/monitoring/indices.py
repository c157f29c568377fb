"""Reads of the official indices, for pages, the API and reports alike: the
satisfaction index (IKM) and reading interest (TGM) from the answers of their
surveys in a period, per library and for the district (every answer of the
district pooled); the elements of the IPLM for a year, with their inputs; and
each library's checklist against the national standard (``checklists.py``).

Who sees what: the district's figures are for every staff member; a
library's (its IKM, TGM and checklist) only for those who may see the
library — a library manager sees their own library and the district."""

import datetime
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, Q, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from pustaka.core.errors import Invalid, NotFound, NotPermitted
from pustaka.core.permissions import access_for
from pustaka.libraries.models import District, Library
from pustaka.libraries.queries import libraries_for_user
from pustaka.monitoring import counting, iplm, standard
from pustaka.monitoring.checklists import (
    LibraryChecklist,
    checklist_day,
    checklists,
    library_facts,
)
from pustaka.monitoring.indicators import indicators
from pustaka.monitoring.iplm import IplmIndex
from pustaka.monitoring.models import IplmInput
from pustaka.monitoring.policies import local_midnight
from pustaka.surveys import policies as survey_policies
from pustaka.surveys.models import Answer, Question, Survey

LIVE = Q(deleted_at__isnull=True)
FIRST_YEAR = 2000
DISTRICT = "district"


def year_span(year: int) -> tuple[datetime.date, datetime.date]:
    """The first and last day of ``year``; ``Invalid`` for a year out of range."""
    if not FIRST_YEAR <= year <= timezone.localdate().year + 1:
        message = _("Give a year from %(first)s to next year.") % {"first": FIRST_YEAR}
        raise Invalid(fields={"year": [message]})
    return datetime.date(year, 1, 1), datetime.date(year, 12, 31)


def _check_staff(user) -> None:
    if not access_for(user).is_staff_member:
        raise NotPermitted


# -- IKM and TGM from survey answers ------------------------------------------------


def _answers_in(kind: str, start: datetime.date, end: datetime.date):
    """Live answers to live surveys of ``kind`` given from ``start`` to ``end`` (local days)."""
    return Answer.objects.filter(
        LIVE,
        question__deleted_at__isnull=True,
        response__deleted_at__isnull=True,
        question__survey__deleted_at__isnull=True,
        question__survey__kind=kind,
        response__submitted_at__gte=local_midnight(start),
        response__submitted_at__lt=local_midnight(end + datetime.timedelta(days=1)),
        number__isnull=False,
    )


@dataclass(frozen=True)
class SurveyIndex:
    """An index from the answers of a library (or of the district) and how many answered."""

    respondents: int
    index: object  # survey_policies.SkmIndex or TgmIndex


def skm_indices(start: datetime.date, end: datetime.date) -> dict:
    """The IKM of each library with SKM answers in the period, and the
    district's (``DISTRICT``: every answer pooled, the district's own surveys
    included): library id -> ``SurveyIndex``."""
    answers = _answers_in(Survey.Kind.SKM, start, end).filter(
        question__kind=Question.Kind.LIKERT4, question__code__in=survey_policies.SKM_CODES
    )
    rows = answers.values_list("question__survey__library_id", "question__code").annotate(
        total=Sum("number"), count=Count("number")
    )
    totals = defaultdict(lambda: defaultdict(lambda: [0, 0]))
    for library_id, code, total, count in rows.order_by():
        for key in (library_id, DISTRICT):
            totals[key][code][0] += total
            totals[key][code][1] += count
    totals.pop(None, None)
    respondents = _respondents(answers)
    return {
        key: SurveyIndex(
            respondents.get(key, 0),
            survey_policies.skm_index({code: tuple(pair) for code, pair in figures.items()}),
        )
        for key, figures in totals.items()
    }


def tgm_indices(start: datetime.date, end: datetime.date) -> dict:
    """The TGM of each library with TGM answers in the period, and the
    district's (``DISTRICT``: every answer pooled): library id -> ``SurveyIndex``."""
    answers = _answers_in(Survey.Kind.TGM, start, end).filter(
        question__kind=Question.Kind.NUMBER, question__code__in=survey_policies.TGM_CODES
    )
    values = defaultdict(lambda: defaultdict(list))
    rows = answers.values_list("question__survey__library_id", "question__code", "number")
    for library_id, code, number in rows.order_by():
        for key in (library_id, DISTRICT):
            values[key][code].append(number)
    values.pop(None, None)
    respondents = _respondents(answers)
    return {
        key: SurveyIndex(respondents.get(key, 0), survey_policies.tgm_index(measures))
        for key, measures in values.items()
    }


def _respondents(answers) -> dict:
    """People who answered, per library and for the district."""
    rows = answers.values_list("question__survey__library_id").annotate(
        people=Count("response_id", distinct=True)
    )
    counted = dict(rows.order_by())
    district = answers.aggregate(people=Count("response_id", distinct=True))["people"]
    counted.pop(None, None)
    return {**counted, DISTRICT: district}


# -- IPLM ---------------------------------------------------------------------------


def district_libraries() -> list[Library]:
    """The district's libraries the indices count (deleted ones left out)."""
    return list(Library.objects.filter(LIVE).order_by("name"))


def iplm_input(year: int) -> IplmInput | None:
    return IplmInput.objects.filter(LIVE, year=year).first()


@dataclass(frozen=True)
class IplmResult:
    """The IPLM of a year, its inputs and where the population comes from."""

    year: int
    index: IplmIndex
    input: IplmInput | None
    population_source: str
    pustaka_figures: dict  # element code -> the figure of Pustaka's public libraries


def iplm_for_year(*, user, year: int, libraries: list[Library] | None = None) -> IplmResult:
    """The IPLM of ``year`` for the district: Pustaka's public libraries'
    figures (counted as the indicators count them), the office's inputs for
    the other library types, and the district's population."""
    start, end = year_span(year)
    libraries = libraries if libraries is not None else district_libraries()
    entered = iplm_input(year)
    population, source = _population(entered)
    own = _pustaka_figures(user, libraries, start, end)
    other = entered.figures if entered else {}
    elements = tuple(
        iplm.iplm_element(definition, _element_figures(definition.code, own, other), population)
        for definition in iplm.IPLM_ELEMENTS
    )
    return IplmResult(
        year=year,
        index=iplm.iplm_index(elements, population),
        input=entered,
        population_source=source,
        pustaka_figures=own,
    )


def district_population() -> int | None:
    """The population on the district's profile, if recorded."""
    district = District.objects.filter(LIVE).first()
    return district.population if district is not None and district.population else None


def _population(entered: IplmInput | None) -> tuple[int | None, str]:
    if entered is not None:
        return entered.population, _("entered for the year")
    population = district_population()
    if population:
        return population, _("the district's profile (no figure entered for the year)")
    return None, _("not entered")


def _element_figures(code: str, own: dict, other: dict) -> dict:
    """Library type -> figure of element ``code``: public is Pustaka's plus
    public libraries outside it (none when not entered); the other types as
    entered (``None``: not entered)."""
    figures = {iplm.PUBLIC: own[code] + _entered(other, iplm.PUBLIC_OTHER, code, 0)}
    for kind in (iplm.SCHOOL, iplm.UNIVERSITY, iplm.SPECIAL):
        figures[kind] = _entered(other, kind, code, None)
    return figures


def _entered(other: dict, kind: str, code: str, default):
    value = (other.get(kind) or {}).get(code)
    return default if value is None else Decimal(str(value))


def _pustaka_figures(user, libraries: list[Library], start, end) -> dict:
    """Element code -> the figure of Pustaka's libraries for the year."""
    table = indicators(user=user, libraries=[], start=start, end=end, grain="year")
    district = table.district
    day = checklist_day(end)
    facts = library_facts(libraries, day)
    visits = counting.count(
        libraries=libraries, periods=table.periods, groups=("visits", "opening_days")
    )
    daily = sum(
        (
            Decimal(visits.get((library.pk, 0, "visits.people"), 0))
            / visits[(library.pk, 0, "opening_days")]
            for library in libraries
            if visits.get((library.pk, 0, "opening_days"))
        ),
        Decimal(0),
    )
    meeting = sum(
        standard.meets_standard(standard.standard_checklist(facts[library.pk]))
        for library in libraries
    )
    return {
        "libraries": Decimal(sum(library.is_active for library in libraries)),
        "collection": Decimal(district.value("collection.copies", 0) or 0),
        "staff": Decimal(sum(fact.staff or 0 for fact in facts.values())),
        "daily_visits": daily.quantize(Decimal("0.01")),
        "standard": Decimal(meeting),
        "participants": Decimal(district.value("participants", 0) or 0),
        "members": Decimal(district.value("members.total", 0) or 0),
    }


# -- what the pages and the API show --------------------------------------------------


@dataclass
class LibraryIndices:
    """A library's IKM, TGM and checklist for a period."""

    library: Library
    start: datetime.date
    end: datetime.date
    skm: SurveyIndex | None
    tgm: SurveyIndex | None
    checklist: LibraryChecklist

    @property
    def as_on(self) -> datetime.date:
        """The day the checklist is for."""
        return checklist_day(self.end)


@dataclass
class DistrictIndices:
    """The district's indices for a period (the IPLM of ``year``, the one it
    ends in), and those of the libraries the user sees."""

    year: int
    start: datetime.date
    end: datetime.date
    skm: SurveyIndex | None
    tgm: SurveyIndex | None
    iplm: IplmResult
    libraries: list[LibraryIndices]


def library_indices(*, user, library: Library, start, end) -> LibraryIndices:
    """``library``'s indices (404 for a library the user may not see)."""
    _check_staff(user)
    if not libraries_for_user(user).filter(pk=library.pk).exists():
        raise NotFound
    skm, tgm = skm_indices(start, end), tgm_indices(start, end)
    checklist = checklists([library], checklist_day(end))[0]
    return LibraryIndices(library, start, end, skm.get(library.pk), tgm.get(library.pk), checklist)


def period_span(
    year: int | None, start: datetime.date | None, end: datetime.date | None
) -> tuple[datetime.date, datetime.date]:
    """The days of a period given as a ``year`` or as its first and last day;
    ``Invalid`` in words for anything else."""
    if year is not None:
        return year_span(year)
    if start is None or end is None:
        raise Invalid(fields={"year": [_("Give a year, or the first and the last day.")]})
    if end < start:
        raise Invalid(fields={"end": [_("The end comes before the start.")]})
    year_span(end.year)
    return start, end


def district_indices(*, user, start: datetime.date, end: datetime.date) -> DistrictIndices:
    """The district's IKM and TGM from ``start`` to ``end``, its IPLM of the
    year the period ends in (the IPLM's inputs are yearly), and the IKM, TGM
    and checklist of each library ``user`` sees."""
    _check_staff(user)
    year = end.year
    skm, tgm = skm_indices(start, end), tgm_indices(start, end)
    shown = list(libraries_for_user(user).select_related("kecamatan"))
    lists = checklists(shown, checklist_day(end))
    rows = [
        LibraryIndices(library, start, end, skm.get(library.pk), tgm.get(library.pk), checklist)
        for library, checklist in zip(shown, lists, strict=True)
    ]
    return DistrictIndices(
        year=year,
        start=start,
        end=end,
        skm=skm.get(DISTRICT),
        tgm=tgm.get(DISTRICT),
        iplm=iplm_for_year(user=user, year=year),
        libraries=rows,
    )
