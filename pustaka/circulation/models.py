"""Circulation: the loan rules matrix, closed days, loans, the append-only
circulation events, holds across the district, transfers between libraries,
rotating collections and the notices sent to members.

A copy's status (``catalog.Item.status``), its open loan and its events are
written together by ``circulation.services``; replaying a copy's events in
order gives its state again (``policies.replay``)."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from pustaka.catalog.models import Item, MaterialType, Record
from pustaka.core.models import BaseModel, SyncedModel
from pustaka.libraries.models import Library
from pustaka.members.models import Member, MemberCategory


class LoanRule(SyncedModel):
    """One cell of the rules matrix: library x member category x material
    type, each optional (empty matches all). The most specific rule that
    matches wins; rules without a library are the district's defaults.
    One live rule per cell: the services check it (a unique index cannot,
    as its empty cells are NULL)."""

    library = models.ForeignKey(
        Library,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="loan_rules",
        verbose_name=_("library"),
    )
    category = models.ForeignKey(
        MemberCategory,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="loan_rules",
        verbose_name=_("member category"),
    )
    material_type = models.CharField(
        _("material type"), max_length=20, choices=MaterialType.choices, blank=True
    )
    loan_days = models.PositiveSmallIntegerField(_("loan period (days)"), default=14)
    max_loans = models.PositiveSmallIntegerField(_("maximum items on loan"), default=3)
    renewals = models.PositiveSmallIntegerField(_("renewals allowed"), default=1)
    holds_allowed = models.BooleanField(_("holds allowed"), default=True)
    fine_per_day = models.PositiveIntegerField(_("fine per overdue day (IDR)"), default=0)
    grace_days = models.PositiveSmallIntegerField(_("grace days"), default=0)
    hold_pickup_days = models.PositiveSmallIntegerField(_("days a ready hold waits"), default=7)
    overrides_allowed = models.BooleanField(_("staff may override a refusal"), default=True)

    class Meta:
        verbose_name = _("loan rule")
        verbose_name_plural = _("loan rules")

    def __str__(self):
        parts = [
            str(self.library) if self.library_id else _("District"),
            str(self.category) if self.category_id else _("every category"),
            self.get_material_type_display() if self.material_type else _("every material"),
        ]
        return " · ".join(str(part) for part in parts)


class Holiday(SyncedModel):
    """A dated closed day: for one library, or for every library (no library).
    Weekly closing days are the days without opening hours."""

    library = models.ForeignKey(
        Library,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="holidays",
        verbose_name=_("library"),
    )
    date = models.DateField(_("date"))
    name = models.CharField(_("name"), max_length=120)

    class Meta:
        ordering = ["date"]
        verbose_name = _("holiday")
        verbose_name_plural = _("holidays")

    def __str__(self):
        return f"{self.date} {self.name}"


class Loan(SyncedModel):
    """A copy lent to a member. At most one open loan per copy (a partial
    unique index on both databases, besides the copy's status)."""

    item = models.ForeignKey(
        Item, on_delete=models.PROTECT, related_name="loans", verbose_name=_("copy")
    )
    member = models.ForeignKey(
        Member,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="loans",
        verbose_name=_("member"),
    )
    library = models.ForeignKey(
        Library, on_delete=models.PROTECT, related_name="loans", verbose_name=_("lent at")
    )
    checked_out_at = models.DateTimeField(_("lent on"))
    due_on = models.DateField(_("due"))
    renewals = models.PositiveSmallIntegerField(_("times renewed"), default=0)
    returned_at = models.DateTimeField(_("returned"), null=True, blank=True)
    returned_library = models.ForeignKey(
        Library,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("returned at"),
    )
    overridden = models.BooleanField(_("lent despite a refusal"), default=False)
    # Who borrowed, as statistics keep it once the loan no longer names the
    # member (returned without reading history kept, or anonymised).
    borrower_category = models.ForeignKey(
        MemberCategory, null=True, on_delete=models.PROTECT, related_name="+"
    )
    borrower_gender = models.CharField(max_length=6, blank=True)
    borrower_age_group = models.CharField(max_length=5, blank=True)
    borrower_disability = models.BooleanField(default=False)

    class Meta:
        verbose_name = _("loan")
        verbose_name_plural = _("loans")
        constraints = [
            models.UniqueConstraint(
                fields=["item"],
                condition=Q(returned_at__isnull=True),
                name="loan_one_open_per_item",
            )
        ]
        indexes = [
            models.Index(fields=["member", "returned_at"], name="loan_member_open_idx"),
            models.Index(fields=["due_on"], name="loan_due_idx"),
            # Monitoring recounts a library's loans and returns of a period.
            models.Index(fields=["library", "checked_out_at"], name="loan_library_out_idx"),
            models.Index(fields=["returned_library", "returned_at"], name="loan_returned_idx"),
        ]

    def __str__(self):
        return f"{self.item} → {self.member}"


class Event(SyncedModel):
    """One thing that happened to a copy at a desk; never changed afterwards."""

    class Kind(models.TextChoices):
        CHECKOUT = "checkout", _("Lent")
        RETURN = "return", _("Returned")
        RENEW = "renew", _("Renewed")
        HOLD_TRAPPED = "hold_trapped", _("Put aside for a hold")
        HOLD_RELEASED = "hold_released", _("Released from the hold shelf")
        TRANSFER_SENT = "transfer_sent", _("Sent to another library")
        TRANSFER_RECEIVED = "transfer_received", _("Received from another library")
        LOST = "lost", _("Lost")
        FOUND = "found", _("Found")

    item = models.ForeignKey(Item, on_delete=models.PROTECT, related_name="events")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    library = models.ForeignKey(Library, on_delete=models.PROTECT, related_name="+")
    # The member is named by the loan or hold, which forget them when the
    # member keeps no reading history; an event never names anyone itself.
    loan = models.ForeignKey(
        Loan, null=True, blank=True, on_delete=models.PROTECT, related_name="events"
    )
    occurred_at = models.DateTimeField()
    status_after = models.CharField(max_length=20, choices=Item.Status.choices)
    due_on = models.DateField(null=True, blank=True)
    hold = models.ForeignKey(
        "Hold", null=True, blank=True, on_delete=models.PROTECT, related_name="events"
    )
    transfer = models.ForeignKey(
        "Transfer", null=True, blank=True, on_delete=models.PROTECT, related_name="events"
    )
    staff = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    detail = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["occurred_at", "id"]
        indexes = [models.Index(fields=["item", "occurred_at"], name="event_item_time_idx")]

    def __str__(self):
        return f"{self.get_kind_display()} {self.item}"


class Hold(SyncedModel):
    """A member's reservation of a record (any copy) or of one copy, to pick up
    at a chosen library. One queue per record across the district."""

    class Status(models.TextChoices):
        WAITING = "waiting", _("Waiting")
        IN_TRANSIT = "in_transit", _("On its way to the pickup library")
        READY = "ready", _("Ready for pickup")
        FULFILLED = "fulfilled", _("Collected")
        CANCELLED = "cancelled", _("Cancelled")
        EXPIRED = "expired", _("Not collected in time")

    OPEN = (Status.WAITING, Status.IN_TRANSIT, Status.READY)

    record = models.ForeignKey(
        Record, on_delete=models.PROTECT, related_name="holds", verbose_name=_("record")
    )
    item = models.ForeignKey(
        Item,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="holds",
        verbose_name=_("this copy only"),
    )
    member = models.ForeignKey(
        Member,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="holds",
        verbose_name=_("member"),
    )
    pickup_library = models.ForeignKey(
        Library, on_delete=models.PROTECT, related_name="pickups", verbose_name=_("pickup at")
    )
    placed_at = models.DateTimeField(_("placed"))
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.WAITING
    )
    trapped_item = models.ForeignKey(
        Item,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("copy set aside"),
    )
    ready_at = models.DateTimeField(_("ready since"), null=True, blank=True)
    expires_on = models.DateField(_("collect by"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)

    class Meta:
        ordering = ["placed_at", "id"]
        verbose_name = _("hold")
        verbose_name_plural = _("holds")
        indexes = [models.Index(fields=["record", "status", "placed_at"], name="hold_queue_idx")]

    def __str__(self):
        return f"{self.record} – {self.member}"


class Transfer(SyncedModel):
    """A copy sent from one library to another: for a hold, back to its home
    library, or in a rotating collection."""

    class Reason(models.TextChoices):
        HOLD = "hold", _("For a hold")
        RETURN_HOME = "return_home", _("Back to its library")

    class Status(models.TextChoices):
        TO_SEND = "to_send", _("To send")
        IN_TRANSIT = "in_transit", _("In transit")
        RECEIVED = "received", _("Received")
        CANCELLED = "cancelled", _("Cancelled")

    item = models.ForeignKey(Item, on_delete=models.PROTECT, related_name="transfers")
    from_library = models.ForeignKey(Library, on_delete=models.PROTECT, related_name="+")
    to_library = models.ForeignKey(Library, on_delete=models.PROTECT, related_name="+")
    reason = models.CharField(_("reason"), max_length=12, choices=Reason.choices)
    hold = models.ForeignKey(
        Hold, null=True, blank=True, on_delete=models.PROTECT, related_name="transfers"
    )
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.TO_SEND
    )
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)
    received_at = models.DateTimeField(_("received"), null=True, blank=True)

    class Meta:
        ordering = ["created_at"]
        verbose_name = _("transfer")
        verbose_name_plural = _("transfers")

    def __str__(self):
        return f"{self.item}: {self.from_library} → {self.to_library}"


class RotatingCollection(SyncedModel):
    """A named box of copies lent by one library to another for a period;
    while it is there its copies are lent and returned at the receiving library."""

    class Status(models.TextChoices):
        PREPARED = "prepared", _("Being prepared")
        IN_TRANSIT = "in_transit", _("On its way")
        ARRIVED = "arrived", _("At the receiving library")
        RETURNING = "returning", _("On its way back")
        RETURNED = "returned", _("Back home")

    name = models.CharField(_("name"), max_length=200)
    from_library = models.ForeignKey(
        Library, on_delete=models.PROTECT, related_name="+", verbose_name=_("lent by")
    )
    to_library = models.ForeignKey(
        Library, on_delete=models.PROTECT, related_name="+", verbose_name=_("lent to")
    )
    items = models.ManyToManyField(
        Item, through="CollectionItem", related_name="rotating_collections", blank=True
    )
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.PREPARED
    )
    due_back_on = models.DateField(_("due back"))
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)
    arrived_at = models.DateTimeField(_("arrived"), null=True, blank=True)
    sent_back_at = models.DateTimeField(_("sent back"), null=True, blank=True)
    returned_at = models.DateTimeField(_("back home"), null=True, blank=True)
    missing_on_return = models.JSONField(_("missing when it came back"), default=list, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("rotating collection")
        verbose_name_plural = _("rotating collections")

    def __str__(self):
        return self.name


class CollectionItem(SyncedModel):
    """A copy packed in a rotating collection. A row of its own (not Django's
    automatic many-to-many table, whose integer keys would collide between
    nodes) so that packing is change-logged and synced like everything else;
    a copy taken out of a box being prepared loses its row."""

    collection = models.ForeignKey(
        RotatingCollection, on_delete=models.PROTECT, related_name="memberships"
    )
    item = models.ForeignKey(Item, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["created_at"]
        constraints = [
            models.UniqueConstraint(fields=["collection", "item"], name="collection_item_once")
        ]

    def __str__(self):
        return f"{self.collection}: {self.item}"


class Notice(BaseModel):
    """A message to a member (due soon, overdue, hold ready) and how sending it
    went. ``key`` makes each notice unique, so a notice is never sent twice."""

    class Kind(models.TextChoices):
        DUE_SOON = "due_soon", _("Due soon")
        OVERDUE = "overdue", _("Overdue")
        HOLD_READY = "hold_ready", _("Ready for pickup")

    class Status(models.TextChoices):
        QUEUED = "queued", _("Waiting to be sent")
        SENDING = "sending", _("Being sent")
        SENT = "sent", _("Sent")
        FAILED = "failed", _("Failed, will be retried")
        GAVE_UP = "gave_up", _("Failed")
        # The process died while sending it: it may have gone out, so it is
        # never sent again (not even by staff).
        UNKNOWN = "unknown", _("Interrupted, may have been sent")

    # What staff may send again: the gateway refused it, so it did not go out.
    RETRYABLE = (Status.FAILED, Status.GAVE_UP)

    key = models.CharField(max_length=120, unique=True)
    member = models.ForeignKey(Member, on_delete=models.CASCADE, related_name="notices")
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    channel = models.CharField(_("channel"), max_length=10)
    address = models.CharField(_("sent to"), max_length=200)
    subject = models.CharField(max_length=200)
    body = models.TextField()
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.QUEUED
    )
    attempts = models.PositiveSmallIntegerField(default=0)
    last_error = models.TextField(blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    # When a failed notice is tried again (empty: as soon as possible); while
    # it is being sent, when that attempt began.
    next_attempt_at = models.DateTimeField(_("next attempt"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("notice")
        verbose_name_plural = _("notices")
        indexes = [
            models.Index(fields=["status", "next_attempt_at"], name="notice_to_send_idx"),
            # The notices page, newest first (the office's: ~1 s -> ~40 ms with
            # 200k notices on SQLite).
            models.Index(fields=["created_at", "id"], name="notice_created_idx"),
        ]

    def __str__(self):
        return self.key

    @property
    def is_retryable(self) -> bool:
        return self.status in self.RETRYABLE


class OutboxMessage(BaseModel):
    """A text message the default SMS/WhatsApp gateway wrote instead of sending
    it, waiting for staff (from a phone) or a bridge program to pass it on.

    ``notice`` is the notice it carries (its member's home library scopes it);
    empty for a message written before the outbox kept it."""

    notice = models.ForeignKey(
        Notice,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="outbox_messages",
    )
    to = models.CharField(_("phone"), max_length=30)
    text = models.TextField(_("text"))
    passed_on_at = models.DateTimeField(_("passed on"), null=True, blank=True)

    class Meta:
        ordering = ["created_at"]
        indexes = [models.Index(fields=["passed_on_at", "created_at"], name="outbox_waiting_idx")]
