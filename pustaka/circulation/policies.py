"""Pure circulation rules: which loan rule applies, due dates that skip
closed days, why a checkout is refused, fines, and rebuilding a copy's
state from its events."""

import datetime
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

# How far ahead a due date may be pushed past closed days before giving up
# (a library closed for a year has no due dates to offer).
MAX_CLOSED_RUN = 366


def rule_specificity(rule, *, library_id, category_id, material_type) -> tuple | None:
    """How specifically ``rule`` matches (higher wins), or None when it does
    not: a library's own rule beats the district's, then a category, then a
    material type."""
    for value, wanted in (
        (rule.library_id, library_id),
        (rule.category_id, category_id),
        (rule.material_type or None, material_type),
    ):
        if value is not None and value != wanted:
            return None
    return (rule.library_id is not None, rule.category_id is not None, bool(rule.material_type))


def rule_for(rules: Iterable, *, library_id, category_id, material_type: str):
    """The most specific of ``rules`` for this library, member category and
    material type; None when none matches."""
    ranked = [
        (specificity, rule)
        for rule in rules
        if (
            specificity := rule_specificity(
                rule, library_id=library_id, category_id=category_id, material_type=material_type
            )
        )
        is not None
    ]
    return max(ranked, key=lambda pair: pair[0])[1] if ranked else None


def closed_checker(opening_hours: dict, holidays: set[datetime.date]) -> Callable:
    """Whether a library is closed on a date: a holiday, or a weekday without
    opening hours (when it has recorded hours at all)."""

    def closed(day: datetime.date) -> bool:
        if day in holidays:
            return True
        return bool(opening_hours) and not opening_hours.get(str(day.weekday()))

    return closed


def next_open_day(day: datetime.date, closed: Callable) -> datetime.date:
    """``day`` itself when the library is open, else the next day it is."""
    for _step in range(MAX_CLOSED_RUN):
        if not closed(day):
            return day
        day += datetime.timedelta(days=1)
    return day


def due_date(start: datetime.date, days: int, closed: Callable) -> datetime.date:
    """``days`` after ``start``, moved on to the next day the library is open."""
    return next_open_day(start + datetime.timedelta(days=days), closed)


@dataclass(frozen=True)
class Refusal:
    """Why a checkout or renewal is refused, in words for the desk; ``code``
    for the API; ``overridable`` when staff may lend anyway."""

    code: str
    message: str
    overridable: bool = True


REFUSALS = {
    "not_available": _("This copy is not on the shelf: %(status)s."),
    "on_loan_to_member": _("This member already has this copy."),
    "held_for_other": _("This copy is set aside for another member's hold."),
    "limit_reached": _("The member already has %(count)s items on loan (the limit is %(limit)s)."),
    "expired": _("The membership expired on %(date)s."),
    "blocked": _("The member is blocked: %(reason)s"),
    "pending": _("The member's registration is not confirmed yet."),
    "no_renewals_left": _("This loan has been renewed %(count)s times, the most the rule allows."),
    "hold_waiting": _("Another member is waiting for this book."),
    "anonymised": _("This member's data was deleted on request."),
}


def refusal(code: str, *, overridable: bool = True, **values) -> Refusal:
    return Refusal(
        code, str(REFUSALS[code]) % values if values else str(REFUSALS[code]), overridable
    )


def days_overdue(due_on: datetime.date, today: datetime.date) -> int:
    return max((today - due_on).days, 0)


def fine_for(due_on: datetime.date, returned_on: datetime.date, rule) -> int:
    """The fine in rupiah: per day overdue beyond the grace days; 0 when the
    rule fines nothing (most village libraries)."""
    late = days_overdue(due_on, returned_on)
    if not rule.fine_per_day or late <= rule.grace_days:
        return 0
    return late * rule.fine_per_day


# A copy's status after each kind of event when the event does not say.
STATUS_AFTER = {
    "checkout": "on_loan",
    "renew": "on_loan",
    "return": "available",
    "hold_trapped": "on_hold_shelf",
    "hold_released": "available",
    "transfer_sent": "in_transit",
    "transfer_received": "available",
    "lost": "lost",
    "found": "available",
}


def replay(events: Iterable, initial_status: str = "available") -> dict:
    """A copy's state from its events in order: its status, its open loan and
    the loan's due date. Each event records the status it left, so the
    replay needs nothing else."""
    state = {"status": initial_status, "loan_id": None, "due_on": None}
    for event in events:
        state["status"] = event.status_after or STATUS_AFTER[event.kind]
        if event.kind in ("checkout", "renew"):
            state["loan_id"], state["due_on"] = event.loan_id, event.due_on
        elif event.kind in ("return", "lost"):
            state["loan_id"], state["due_on"] = None, None
    return state
