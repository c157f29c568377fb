"""Figures the reports read from an ``IndicatorTable``: an indicator over the
whole span of a report (flows added up, levels as at its end), the change
on the span before it, and who was reached by gender, age and disability."""

import datetime
from dataclasses import dataclass

from django.utils.formats import date_format
from django.utils.translation import gettext as _

from pustaka.monitoring.definitions import AGE_GROUPS, DISABILITY, FLOW, GENDERS, YEARLY
from pustaka.monitoring.indicators import IndicatorRow, IndicatorTable
from pustaka.monitoring.policies import Period

MONTHS_BY_MONTH = 13  # a span up to this many months is shown month by month
YEARS_BY_QUARTER = 3


def grain_for(start: datetime.date, end: datetime.date) -> str:
    """Months for a span up to a year or so, quarters up to three years, else years."""
    months = (end.year - start.year) * 12 + end.month - start.month + 1
    if months <= MONTHS_BY_MONTH:
        return "month"
    return "quarter" if months <= YEARS_BY_QUARTER * 12 else "year"


def span_before(start: datetime.date, end: datetime.date) -> tuple[datetime.date, datetime.date]:
    """The span of the same length that ends the day before ``start``."""
    before_end = start - datetime.timedelta(days=1)
    return before_end - (end - start), before_end


def span_value(table: IndicatorTable, row: IndicatorRow, code: str):
    """``code`` over the table's whole span: a flow added up over its
    periods, a yearly amount once per year, anything else as at the end."""
    kind = next(item.kind for item in table.definitions if item.code == code)
    values = row.series(code)
    if kind == FLOW:
        return sum(value or 0 for value in values)
    if kind == YEARLY:
        per_year = {
            period.start.year: value
            for period, value in zip(table.periods, values, strict=True)
            if value is not None
        }
        return sum(per_year.values()) if per_year else None
    return values[-1] if values else None


def change(now, before) -> str:
    """The change from ``before`` to ``now`` in words ("+12%", "new")."""
    if now is None or before is None:
        return ""
    if not before:
        return _("new") if now else ""
    percent = round((float(now) - float(before)) / float(before) * 100)
    return f"{percent:+d}%"


def period_label(period: Period) -> str:
    """A period's short name on a chart: "Jan 25", else its key ("2025-Q1", "2025")."""
    if period.grain == "month":
        return date_format(period.start, "M y")
    return period.key


@dataclass(frozen=True)
class ReachRow:
    """People reached in one group: visitors and participants of activities."""

    label: str
    visitors: int | None
    participants: int | None


def reach(table: IndicatorTable, row: IndicatorRow) -> list[tuple[str, list[ReachRow]]]:
    """Visitors and participants by gender, age group and disability (the
    visitor book does not ask everyone about disability: "not asked")."""
    groups = (
        (_("Gender"), "gender", GENDERS),
        (_("Age group"), "age", AGE_GROUPS),
        (_("Disability"), "disability", DISABILITY),
    )
    found = []
    for title, part, choices in groups:
        rows = [
            ReachRow(
                str(label),
                span_value(table, row, f"visits.people.{part}.{code}"),
                span_value(table, row, f"participants.{part}.{code}"),
            )
            for code, label in choices
        ]
        found.append((title, [item for item in rows if item.visitors or item.participants]))
    return found
