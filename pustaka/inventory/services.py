"""Every change made by a stock take: starting it, scanning, marking missing
copies lost and closing it."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from pustaka.catalog.identifiers import barcode_clean
from pustaka.catalog.models import Item
from pustaka.catalog.search.documents import holdings_refresh
from pustaka.core.errors import Invalid, NotPermitted
from pustaka.core.permissions import access_for
from pustaka.core.writes import insert_logged, update_logged
from pustaka.inventory import queries
from pustaka.inventory.models import StockTake, StockTakeScan
from pustaka.libraries.models import Library


@transaction.atomic
def stocktake_start(*, actor, library: Library) -> StockTake:
    """Start a stock take of ``library``; one at a time per library."""
    _check(actor, library.pk)
    if StockTake.objects.filter(library=library, status=StockTake.Status.OPEN).exists():
        raise Invalid(
            _("A stock take of this library is already in progress."), code="stocktake_open"
        )
    return insert_logged(StockTake(library=library, started_by=actor), actor=actor)


@transaction.atomic
def stocktake_scan(*, actor, stock_take: StockTake, barcode: str) -> StockTakeScan:
    """Record one scanned barcode and say what it is: found, another library's
    copy, unknown, or scanned before."""
    _check_open(actor, stock_take)
    barcode = barcode_clean(barcode)
    if not barcode:
        raise Invalid(fields={"barcode": [_("Scan or type a barcode.")]})
    item = Item.objects.filter(barcode=barcode, deleted_at__isnull=True).first()
    scan = StockTakeScan(
        stock_take=stock_take,
        barcode=barcode,
        item=item,
        outcome=_outcome(stock_take, barcode, item),
        scanned_by=actor,
    )
    return insert_logged(scan, actor=actor)


@transaction.atomic
def stocktake_mark_missing_lost(
    *, actor, stock_take: StockTake, expected: int | None = None
) -> int:
    """Mark every copy the stock take did not find as lost, in one step.

    ``expected`` is the count the librarian was shown on the button: if a scan
    made since (at another device) changed it, nothing is marked, so no copy is
    marked lost that the librarian did not see listed."""
    _check_open(actor, stock_take)
    missing = list(queries.missing_items(stock_take).select_for_update())
    if expected is not None and expected != len(missing):
        raise Invalid(
            ngettext(
                "The list changed: %(count)d copy is missing now. Check it and try again.",
                "The list changed: %(count)d copies are missing now. Check it and try again.",
                len(missing),
            )
            % {"count": len(missing)},
            code="stocktake_changed",
        )
    for item in missing:
        update_logged(item, actor=actor, changes={"status": Item.Status.LOST}, allowed={"status"})
    holdings_refresh(item.record_id for item in missing)  # no longer on the shelf
    update_logged(
        stock_take,
        actor=actor,
        changes={"marked_lost": stock_take.marked_lost + len(missing)},
        allowed={"marked_lost"},
    )
    return len(missing)


@transaction.atomic
def stocktake_close(*, actor, stock_take: StockTake) -> None:
    """Finish the stock take; its report stays readable."""
    _check_open(actor, stock_take)
    update_logged(
        stock_take,
        actor=actor,
        changes={"status": StockTake.Status.CLOSED, "closed_at": timezone.now()},
        allowed={"status", "closed_at"},
    )


def _outcome(stock_take: StockTake, barcode: str, item: Item | None) -> str:
    if item is None:
        return StockTakeScan.Outcome.UNKNOWN
    if item.library_id != stock_take.library_id:
        return StockTakeScan.Outcome.MISPLACED
    seen = stock_take.scans.filter(barcode=barcode).exists()
    return StockTakeScan.Outcome.REPEATED if seen else StockTakeScan.Outcome.FOUND


def _check(actor, library_id) -> None:
    if not access_for(actor).can_manage_items(library_id):
        raise NotPermitted


def _check_open(actor, stock_take: StockTake) -> None:
    _check(actor, stock_take.library_id)
    if stock_take.status != StockTake.Status.OPEN:
        raise Invalid(_("This stock take is closed."), code="stocktake_closed")
