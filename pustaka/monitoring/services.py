"""Every change monitoring makes: a library's profile figures with the day
they were true, and the office's targets.

Who may do what: a library's manager records their library's profile
figures (the office any library's); only the office sets targets."""

import datetime
from decimal import Decimal

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from pustaka.core.errors import Invalid, NotPermitted
from pustaka.core.permissions import access_for
from pustaka.core.writes import insert_logged, update_logged
from pustaka.libraries.models import Library
from pustaka.monitoring import queries
from pustaka.monitoring.models import FigureKind, LibraryFigure, Target

FIRST_YEAR = 2000
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
