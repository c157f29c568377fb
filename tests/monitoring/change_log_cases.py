"""Change-log cases for the monitoring services (collected by tests/core/test_change_log.py).

A case that changes an existing row makes that row directly first (no change
log of its own), so the service's row is the only one for it."""

import datetime
from decimal import Decimal

from pustaka.monitoring import services
from pustaka.monitoring.models import LibraryFigure, Target
from tests.change_log import Expected

DAY = datetime.date(2025, 7, 1)


def _row(instance, operation, **fields):
    return Expected(instance._meta.label_lower, str(instance.pk), operation, fields)


def case_library_figure_record(manager_a, library_a):
    figure = services.library_figure_record(
        actor=manager_a, library=library_a, kind="staff", value=Decimal(2), as_of=DAY
    )
    return [_row(figure, "create", kind="staff", value="2", as_of="2025-07-01")]


def case_library_figure_delete(manager_a, library_a):
    figure = LibraryFigure.objects.create(library=library_a, kind="staff", value=2, as_of=DAY)
    services.library_figure_delete(actor=manager_a, figure=figure)
    figure.refresh_from_db()
    return [_row(figure, "update", deleted_at=figure.deleted_at.isoformat())]


def case_target_set(admin, library_a):
    target = services.target_set(
        actor=admin, indicator="loans", library=library_a, year=2026, value=Decimal(1200)
    )
    return [_row(target, "create", indicator="loans", year=2026, value="1200")]


def case_target_delete(admin, district):
    target = Target.objects.create(indicator="loans", library=None, year=2026, value=100)
    services.target_delete(actor=admin, target=target)
    target.refresh_from_db()
    return [_row(target, "update", deleted_at=target.deleted_at.isoformat())]


def case_iplm_input_set(admin):
    entered = services.iplm_input_set(
        actor=admin, year=2025, population=1000, figures={"school": {"staff": 4}}
    )
    return [_row(entered, "create", year=2025, population=1000, figures={"school": {"staff": "4"}})]


CASES = {
    f"pustaka.monitoring.services.{case.__name__.removeprefix('case_')}": case
    for case in [
        case_library_figure_record,
        case_library_figure_delete,
        case_target_set,
        case_target_delete,
        case_iplm_input_set,
    ]
}
