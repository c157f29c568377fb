"""Stock takes: a library scans every copy on its shelves, then sees what is
missing, misplaced or unknown."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from pustaka.catalog.models import Item
from pustaka.core.models import SyncedModel
from pustaka.libraries.models import Library


class StockTake(SyncedModel):
    """One stock take of one library, from its start until it is closed."""

    class Status(models.TextChoices):
        OPEN = "open", _("In progress")
        CLOSED = "closed", _("Closed")

    library = models.ForeignKey(
        Library, on_delete=models.PROTECT, related_name="stock_takes", verbose_name=_("library")
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.OPEN
    )
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)
    marked_lost = models.PositiveIntegerField(_("copies marked lost"), default=0)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("stock take")
        verbose_name_plural = _("stock takes")
        constraints = [
            models.UniqueConstraint(
                fields=["library"],
                condition=models.Q(status="open"),
                name="stocktake_one_open_per_library",
            )
        ]

    def __str__(self):
        return f"{self.library} {self.created_at:%Y-%m-%d}"


class StockTakeScan(SyncedModel):
    """One barcode scanned on the shelves during a stock take."""

    class Outcome(models.TextChoices):
        FOUND = "found", _("Found")
        MISPLACED = "misplaced", _("Another library's copy")
        UNKNOWN = "unknown", _("Unknown barcode")
        REPEATED = "repeated", _("Already scanned")

    stock_take = models.ForeignKey(StockTake, on_delete=models.CASCADE, related_name="scans")
    barcode = models.CharField(_("barcode"), max_length=64)
    item = models.ForeignKey(
        Item, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    outcome = models.CharField(_("outcome"), max_length=10, choices=Outcome.choices)
    scanned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-created_at"]
        indexes = [
            models.Index(fields=["stock_take", "barcode"], name="scan_stocktake_barcode_idx")
        ]

    def __str__(self):
        return f"{self.barcode} {self.outcome}"
