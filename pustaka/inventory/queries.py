"""What a stock take found and did not find."""

from django.db.models import Count, QuerySet
from django.http import Http404

from pustaka.catalog.models import Item
from pustaka.core.permissions import scope_to_user
from pustaka.inventory.models import StockTake, StockTakeScan

# Copies that should be on the shelf: not lent out, travelling, held or gone.
SHELF_STATUSES = [Item.Status.AVAILABLE, Item.Status.DAMAGED]


def stock_takes_for_user(user) -> QuerySet[StockTake]:
    return scope_to_user(StockTake.objects.select_related("library"), user)


def stock_take_for_user(user, stock_take_id) -> StockTake:
    stock_take = stock_takes_for_user(user).filter(pk=stock_take_id).first()
    if stock_take is None:
        raise Http404
    return stock_take


def missing_items(stock_take: StockTake) -> QuerySet[Item]:
    """Copies of the library that belong on the shelf but were not scanned."""
    scanned = StockTakeScan.objects.filter(stock_take=stock_take, item__isnull=False)
    return (
        Item.objects.filter(
            library_id=stock_take.library_id, deleted_at__isnull=True, status__in=SHELF_STATUSES
        )
        .exclude(pk__in=scanned.values("item_id"))
        .select_related("record")
        .order_by("call_number", "barcode")
    )


def scans_with(stock_take: StockTake, outcome: str) -> QuerySet[StockTakeScan]:
    return stock_take.scans.filter(outcome=outcome).select_related("item__record", "item__library")


def outcome_counts(stock_take: StockTake) -> dict[str, int]:
    rows = stock_take.scans.values("outcome").annotate(total=Count("pk"))
    counts = dict.fromkeys(StockTakeScan.Outcome.values, 0)
    counts.update({row["outcome"]: row["total"] for row in rows})
    return counts
