"""Reads of the public catalogue: what anyone may know about a record, its
copies and its queue (counts and dates, never who borrowed or reserved)."""

from pustaka.catalog import display
from pustaka.catalog.models import Item, Record
from pustaka.catalog.queries import record_with_copies
from pustaka.circulation.models import Hold, Loan


def record_public(record_id) -> tuple[Record, list[Item]]:
    """A live record and its copies still in a collection (libraries joined);
    404 for a record withdrawn or never catalogued."""
    record = record_with_copies(record_id)
    return record, display.live_copies(record)


def holds_waiting(record: Record) -> int:
    """How many reservations of the record wait for a copy: the queue a new
    reservation joins at the end of."""
    return Hold.objects.filter(record=record, status=Hold.Status.WAITING).count()


def due_dates(items: list[Item]) -> dict:
    """The due date of each copy on loan among ``items``, by copy id."""
    on_loan = [item.pk for item in items if item.status == Item.Status.ON_LOAN]
    if not on_loan:
        return {}
    loans = Loan.objects.filter(item_id__in=on_loan, returned_at__isnull=True)
    return dict(loans.values_list("item_id", "due_on"))
