"""Changes to the official indices' inputs: the office enters, per year, the
figures the IPLM needs that Pustaka cannot count."""

from decimal import Decimal, InvalidOperation

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from pustaka.core.errors import Invalid, NotPermitted
from pustaka.core.permissions import access_for
from pustaka.core.writes import insert_logged, update_logged
from pustaka.monitoring import iplm
from pustaka.monitoring.indices import FIRST_YEAR
from pustaka.monitoring.models_official import IplmInput

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


def iplm_figures_clean(figures: dict) -> dict:
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
    if not FIRST_YEAR <= year <= timezone.localdate().year + 1:
        message = _("Give a year from %(first)s to next year.") % {"first": FIRST_YEAR}
        raise Invalid(fields={"year": [message]})
    if population is None or not 1 <= population <= POPULATION_MAX:
        raise Invalid(fields={"population": [_("Give the population, a whole number above 0.")]})
    cleaned = iplm_figures_clean(figures)
    source = " ".join((source or "").split())[:200]
    existing = IplmInput.objects.select_for_update().filter(year=year, deleted_at__isnull=True)
    entered = existing.first()
    if entered is None:
        entered = IplmInput(year=year, population=population, figures=cleaned, source=source)
        return insert_logged(entered, actor=actor)
    changes = {"population": population, "figures": cleaned, "source": source}
    update_logged(entered, actor=actor, changes=changes, allowed=set(changes))
    return entered
