"""The union catalogue: bibliographic records shared by the district, the copies
each library holds, the original MARC of each record, and the search index."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from pustaka.core.models import BaseModel, SyncedModel
from pustaka.libraries.models import Library


class MaterialType(models.TextChoices):
    BOOK = "book", _("Book")
    PICTURE_BOOK = "picture_book", _("Children's picture book")
    MAGAZINE = "magazine", _("Magazine or newspaper")
    EBOOK = "ebook", _("E-book")
    AUDIO = "audio", _("Audio recording")
    VIDEO = "video", _("Video")
    MAP = "map", _("Map")
    SCORE = "score", _("Music score")
    PICTURE = "picture", _("Picture or photograph")
    OTHER = "other", _("Other")


class Audience(models.TextChoices):
    CHILDREN = "children", _("Children")
    TEENS = "teens", _("Teens")
    ADULTS = "adults", _("Adults")
    GENERAL = "general", _("Everyone")


class Record(SyncedModel):
    """A bibliographic description in the union catalogue, described once and
    shared by every library's copies."""

    title = models.CharField(_("title"), max_length=500)
    subtitle = models.CharField(_("subtitle"), max_length=500, blank=True)
    responsibility = models.CharField(_("statement of responsibility"), max_length=500, blank=True)
    authors = models.JSONField(
        _("authors"), default=list, blank=True, help_text=_('[{"name": ..., "role": ...}]')
    )
    publisher = models.CharField(_("publisher"), max_length=255, blank=True)
    place = models.CharField(_("place of publication"), max_length=255, blank=True)
    year = models.PositiveSmallIntegerField(_("year"), null=True, blank=True)
    edition = models.CharField(_("edition"), max_length=100, blank=True)
    isbns = models.JSONField(_("ISBNs"), default=list, blank=True)
    language = models.CharField(_("language"), max_length=3, blank=True)
    ddc = models.CharField(_("DDC class"), max_length=30, blank=True)
    subjects = models.JSONField(_("subjects"), default=list, blank=True)
    series = models.CharField(_("series"), max_length=255, blank=True)
    physical_description = models.CharField(_("physical description"), max_length=255, blank=True)
    material_type = models.CharField(
        _("material type"), max_length=20, choices=MaterialType.choices, default=MaterialType.BOOK
    )
    audience = models.CharField(_("audience"), max_length=10, choices=Audience.choices, blank=True)
    notes = models.TextField(_("notes"), blank=True)
    cover = models.ImageField(_("cover"), upload_to="covers/", blank=True)
    control_number = models.CharField(_("control number"), max_length=64, blank=True)
    control_source = models.CharField(_("control number source"), max_length=32, blank=True)

    class Meta:
        verbose_name = _("record")
        verbose_name_plural = _("records")
        indexes = [
            models.Index(fields=["control_number", "control_source"], name="record_control_idx")
        ]

    def __str__(self):
        return self.title

    @property
    def author_names(self) -> list[str]:
        return [author["name"] for author in self.authors]


class RecordIsbn(models.Model):
    """One normalised ISBN-13 of a record: how copy cataloguing and imports
    find an existing record."""

    # Found by record through the unique (record, isbn) below.
    record = models.ForeignKey(
        Record, on_delete=models.CASCADE, related_name="isbn_rows", db_index=False
    )
    isbn = models.CharField(max_length=13, db_index=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["record", "isbn"], name="recordisbn_unique")]

    def __str__(self):
        return self.isbn


class RecordMarc(models.Model):
    """The record's MARC 21 as imported or last generated (UTF-8, ISO 2709), so
    export gives back every field, including those Pustaka does not edit."""

    record = models.OneToOneField(
        Record, primary_key=True, on_delete=models.CASCADE, related_name="marc"
    )
    data = models.BinaryField()
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self):
        return f"MARC of {self.record_id}"


class Item(SyncedModel):
    """A copy of a record held by one library."""

    class Status(models.TextChoices):
        AVAILABLE = "available", _("Available")
        ON_LOAN = "on_loan", _("On loan")
        IN_TRANSIT = "in_transit", _("In transit")
        ON_HOLD_SHELF = "on_hold_shelf", _("On the hold shelf")
        LOST = "lost", _("Lost")
        DAMAGED = "damaged", _("Damaged")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    class Source(models.TextChoices):
        PURCHASE = "purchase", _("Purchase")
        DONATION = "donation", _("Donation")
        NATIONAL_LIBRARY = "national_library", _("National library grant")
        VILLAGE_FUND = "village_fund", _("Village fund")
        DISTRICT = "district", _("District office")
        OTHER = "other", _("Other")

    class Condition(models.TextChoices):
        NEW = "new", _("New")
        GOOD = "good", _("Good")
        FAIR = "fair", _("Fair")
        POOR = "poor", _("Poor")

    # Found by record through the index on (record, library, status) below.
    record = models.ForeignKey(
        Record,
        on_delete=models.PROTECT,
        related_name="items",
        verbose_name=_("record"),
        db_index=False,
    )
    library = models.ForeignKey(
        Library, on_delete=models.PROTECT, related_name="items", verbose_name=_("library")
    )
    barcode = models.CharField(_("barcode"), max_length=64, unique=True)
    call_number = models.CharField(_("call number"), max_length=64, blank=True)
    shelf = models.CharField(_("shelf location"), max_length=100, blank=True)
    acquired_on = models.DateField(_("acquisition date"), null=True, blank=True)
    source = models.CharField(_("source"), max_length=20, choices=Source.choices, blank=True)
    price = models.DecimalField(
        _("price (IDR)"), max_digits=12, decimal_places=0, null=True, blank=True
    )
    condition = models.CharField(
        _("condition"), max_length=10, choices=Condition.choices, default=Condition.GOOD
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.AVAILABLE
    )
    notes = models.CharField(_("notes"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("copy")
        verbose_name_plural = _("copies")
        indexes = [models.Index(fields=["record", "library", "status"], name="item_record_lib_idx")]

    def __str__(self):
        return self.barcode


class SearchDocument(models.Model):
    """What the search engine indexes for one record: stemmed terms by weight
    and the values filters and facets need, the libraries holding it included.
    The full-text index itself (FTS5 on SQLite, a tsvector with GIN on
    PostgreSQL) is made by the migration."""

    id = models.BigAutoField(primary_key=True)
    record = models.OneToOneField(Record, on_delete=models.CASCADE, related_name="search_document")
    terms_title = models.TextField(blank=True)
    terms_subject = models.TextField(blank=True)
    terms_other = models.TextField(blank=True)
    terms_notes = models.TextField(blank=True)
    material_type = models.CharField(max_length=20, db_index=True)
    language = models.CharField(max_length=3, blank=True)
    year = models.PositiveSmallIntegerField(null=True)
    ddc_hundreds = models.PositiveSmallIntegerField(null=True)
    audience = models.CharField(max_length=10, blank=True)
    # The libraries holding a live copy, so the library and "available now"
    # filters and facets need no join to the copies: "<library id hex>[+] ...",
    # "+" when a copy there is on the shelf (see ``search.documents``).
    holdings = models.TextField(blank=True, default="")
    # The facet values above as one string a search counts without grouping:
    # "material type|audience|DDC hundreds|decade|language".
    facet_key = models.TextField(blank=True, default="")

    def __str__(self):
        return f"search document of {self.record_id}"


class SearchChange(models.Model):
    """One change to a search document, with what the document was before it:
    a remembered broad search is brought up to date from these rows instead of
    being run again (see ``search.delta``). Derived data: node-local, never
    synced, pruned after two days (``search.journal``).

    ``described`` rows keep the document's terms and facet values as they were
    (a description changed, a record added or withdrawn); the others only its
    holdings (a copy lent, returned, added): its terms had not changed."""

    id = models.BigAutoField(primary_key=True)
    document_id = models.BigIntegerField()
    record_id = models.UUIDField()
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    existed = models.BooleanField(default=True)
    described = models.BooleanField(default=False)
    holdings = models.TextField(blank=True, default="")
    terms_title = models.TextField(blank=True, default="")
    terms_subject = models.TextField(blank=True, default="")
    terms_other = models.TextField(blank=True, default="")
    terms_notes = models.TextField(blank=True, default="")
    material_type = models.CharField(max_length=20, blank=True, default="")
    language = models.CharField(max_length=3, blank=True, default="")
    year = models.PositiveSmallIntegerField(null=True)
    ddc_hundreds = models.PositiveSmallIntegerField(null=True)
    audience = models.CharField(max_length=10, blank=True, default="")
    facet_key = models.TextField(blank=True, default="")

    def __str__(self):
        return f"change {self.pk} of search document {self.document_id}"


class MarcImport(BaseModel):
    """A MARC file uploaded for import, and how far its import has come
    (bookkeeping of this installation; the records it writes are synced)."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("Waiting")
        RUNNING = "running", _("Importing")
        DONE = "done", _("Finished")
        FAILED = "failed", _("Failed")

    library = models.ForeignKey(
        Library, on_delete=models.PROTECT, related_name="marc_imports", verbose_name=_("library")
    )
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("uploaded by"),
    )
    file = models.FileField(_("file"), upload_to="imports/")
    original_name = models.CharField(_("file name"), max_length=255, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.QUEUED
    )
    total = models.PositiveIntegerField(_("records in the file"), default=0)
    processed = models.PositiveIntegerField(_("records read"), default=0)
    imported = models.PositiveIntegerField(_("imported"), default=0)
    updated = models.PositiveIntegerField(_("updated"), default=0)
    skipped = models.PositiveIntegerField(_("skipped"), default=0)
    errors = models.JSONField(_("errors"), default=list, blank=True)
    warnings = models.JSONField(_("warnings"), default=list, blank=True)
    started_at = models.DateTimeField(_("started"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)

    class Meta:
        verbose_name = _("MARC import")
        verbose_name_plural = _("MARC imports")
        ordering = ["-created_at"]

    def __str__(self):
        return self.original_name or str(self.pk)

    @property
    def is_running(self) -> bool:
        return self.status in {self.Status.QUEUED, self.Status.RUNNING}
