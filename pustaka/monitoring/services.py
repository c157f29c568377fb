"""Every change monitoring makes: a library's profile figures with the day
they were true, and the office's targets.

Who may do what: a library's manager records their library's profile
figures (the office any library's); only the office sets targets and enters
the figures the IPLM needs that Pustaka cannot count."""

import datetime
from decimal import Decimal, InvalidOperation

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from pustaka.core.errors import Invalid, NotPermitted
from pustaka.core.permissions import access_for
from pustaka.core.writes import insert_logged, update_logged
from pustaka.libraries.models import Library
from pustaka.monitoring import iplm, queries
from pustaka.monitoring.indices import FIRST_YEAR, year_span
from pustaka.monitoring.models import FigureKind, IplmInput, LibraryFigure, Target

VALUE_MAX = Decimal("99999999999999")


def _check_value(value: Decimal, field: str = "value") -> None:
    if value is None or value < 0 or value > VALUE_MAX:
        raise Invalid(fields={field: [_("Give a number from 0 upwards.")]})


@transaction.atomic
def library_figure_record(
    *,
    actor,
    library: Library,
    kind: str,
    value: Decimal,
    as_of: datetime.date,
    source: str = "",
) -> LibraryFigure:
    """Record that ``library``'s figure ``kind`` was ``value`` on ``as_of``
    (the same figure of the same day again corrects it)."""
    if not access_for(actor).can_edit_library(library.pk):
        raise NotPermitted
    if kind not in FigureKind.values:
        raise Invalid(fields={"kind": [_("Choose one of the figures listed.")]})
    _check_value(value)
    if as_of > timezone.localdate():
        raise Invalid(fields={"as_of": [_("Give a day that has passed, not a future one.")]})
    source = " ".join(source.split())[:200]
    existing = (
        LibraryFigure.objects.select_for_update()
        .filter(library=library, kind=kind, as_of=as_of, deleted_at__isnull=True)
        .first()
    )
    if existing is None:
        figure = LibraryFigure(library=library, kind=kind, value=value, as_of=as_of, source=source)
        return insert_logged(figure, actor=actor)
    changes = {"value": value, "source": source}
    update_logged(existing, actor=actor, changes=changes, allowed=set(changes))
    return existing


@transaction.atomic
def library_figure_delete(*, actor, figure: LibraryFigure) -> None:
    """Take back a figure recorded by mistake."""
    if not access_for(actor).can_edit_library(figure.library_id):
        raise NotPermitted
    changes = {"deleted_at": timezone.now()}
    update_logged(figure, actor=actor, changes=changes, allowed={"deleted_at"})


@transaction.atomic
def target_set(
    *, actor, indicator: str, library: Library | None, year: int, value: Decimal
) -> Target:
    """The office's target for ``indicator`` in ``year``: for ``library``, or
    for every library without its own (``None``). Setting it again corrects it."""
    if not access_for(actor).is_district_admin:
        raise NotPermitted
    if indicator not in queries.target_indicator_codes():
        raise Invalid(fields={"indicator": [_("Choose one of the indicators listed.")]})
    if not FIRST_YEAR <= year <= timezone.localdate().year + 5:
        message = _("Give a year from %(first)s to five years ahead.") % {"first": FIRST_YEAR}
        raise Invalid(fields={"year": [message]})
    _check_value(value)
    existing = (
        Target.objects.select_for_update()
        .filter(indicator=indicator, library=library, year=year, deleted_at__isnull=True)
        .first()
    )
    if existing is None:
        target = Target(indicator=indicator, library=library, year=year, value=value)
        return insert_logged(target, actor=actor)
    update_logged(existing, actor=actor, changes={"value": value}, allowed={"value"})
    return existing


@transaction.atomic
def target_delete(*, actor, target: Target) -> None:
    if not access_for(actor).is_district_admin:
        raise NotPermitted
    changes = {"deleted_at": timezone.now()}
    update_logged(target, actor=actor, changes=changes, allowed={"deleted_at"})


FIGURE_MAX = Decimal("999999999")
POPULATION_MAX = 300_000_000


def _figure(value, field: str) -> str | None:
    """One entered figure as text (``None``: left empty)."""
    if value is None or value == "":
        return None
    try:
        number = Decimal(str(value))
    except InvalidOperation:
        number = None
    if number is None or not number.is_finite() or not 0 <= number <= FIGURE_MAX:
        raise Invalid(fields={field: [_("Give a number from 0 upwards.")]})
    return str(number.quantize(Decimal("0.01")).normalize())


def _iplm_figures_clean(figures: dict) -> dict:
    """``figures`` (library type -> element code -> number or empty) checked,
    with the empty ones left out; ``Invalid`` names each refused field as
    ``<type>.<element>``."""
    types = {code for code, _name in iplm.IPLM_INPUT_TYPES}
    cleaned, problems = {}, {}
    for kind, values in (figures or {}).items():
        if kind not in types or not isinstance(values, dict):
            problems[kind] = [_("Unknown library type.")]
            continue
        for code, value in values.items():
            field = f"{kind}.{code}"
            if code not in iplm.IPLM_ELEMENT_CODES:
                problems[field] = [_("Unknown element.")]
                continue
            try:
                figure = _figure(value, field)
            except Invalid as error:
                problems.update(error.fields)
                continue
            if figure is not None:
                cleaned.setdefault(kind, {})[code] = figure
    if problems:
        raise Invalid(fields=problems)
    return cleaned


@transaction.atomic
def iplm_input_set(
    *, actor, year: int, population: int, figures: dict, source: str = ""
) -> IplmInput:
    """The office's IPLM inputs of ``year``: the district's population and
    the other library types' figures. Setting them again corrects them."""
    if not access_for(actor).is_district_admin:
        raise NotPermitted
    year_span(year)
    if population is None or not 1 <= population <= POPULATION_MAX:
        raise Invalid(fields={"population": [_("Give the population, a whole number above 0.")]})
    cleaned = _iplm_figures_clean(figures)
    source = " ".join((source or "").split())[:200]
    existing = IplmInput.objects.select_for_update().filter(year=year, deleted_at__isnull=True)
    entered = existing.first()
    if entered is None:
        entered = IplmInput(year=year, population=population, figures=cleaned, source=source)
        return insert_logged(entered, actor=actor)
    changes = {"population": population, "figures": cleaned, "source": source}
    update_logged(entered, actor=actor, changes=changes, allowed=set(changes))
    return entered
