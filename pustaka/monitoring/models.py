"""What monitoring stores: a library's profile figures with the date they
were true, the office's targets, and the dashboard's monthly roll-up with
each month's named borrowers (derived data kept by ``rollup.py``, node-local
and never synced), the office's yearly IPLM inputs and the reports
generated for download."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from pustaka.core.models import BaseModel, SyncedModel
from pustaka.libraries.models import Library
from pustaka.programs.storage import private_storage


class FigureKind(models.TextChoices):
    """The profile figures that are not daily work."""

    POPULATION_SERVED = "population_served", _("Population served")
    STAFF = "staff", _("Staff")
    FLOOR_AREA = "floor_area", _("Floor area (m²)")
    OPENING_HOURS = "opening_hours", _("Opening hours per week")
    INTERNET = "internet_mbps", _("Internet connection (Mbit/s, 0: none)")
    BUDGET = "budget_idr", _("Budget for the year (Rp)")


class LibraryFigure(SyncedModel):
    """A profile figure of a library (population served, staff, ...) and the
    day it was true; a period uses the latest value as of its last day."""

    library = models.ForeignKey(
        Library, on_delete=models.PROTECT, related_name="figures", verbose_name=_("library")
    )
    kind = models.CharField(_("figure"), max_length=20, choices=FigureKind.choices)
    value = models.DecimalField(_("value"), max_digits=16, decimal_places=2)
    as_of = models.DateField(_("true on"))
    source = models.CharField(
        _("source"), max_length=200, blank=True, help_text=_("E.g. the village profile 2025.")
    )

    class Meta:
        ordering = ["library", "kind", "-as_of"]
        verbose_name = _("library figure")
        verbose_name_plural = _("library figures")
        constraints = [
            models.UniqueConstraint(
                fields=["library", "kind", "as_of"],
                condition=Q(deleted_at__isnull=True),
                name="libraryfigure_one_per_day",
            )
        ]

    def __str__(self):
        return f"{self.library_id} {self.kind} {self.as_of}: {self.value}"


class Target(SyncedModel):
    """What the office aims at for an indicator in a year: for one library,
    or for every library that has no target of its own (no library)."""

    indicator = models.CharField(_("indicator"), max_length=60)
    library = models.ForeignKey(
        Library,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="targets",
        verbose_name=_("library"),
        help_text=_("Empty: every library without a target of its own."),
    )
    year = models.PositiveSmallIntegerField(_("year"))
    value = models.DecimalField(_("target"), max_digits=16, decimal_places=2)

    class Meta:
        ordering = ["year", "indicator"]
        verbose_name = _("target")
        verbose_name_plural = _("targets")
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "library", "year"],
                condition=Q(deleted_at__isnull=True, library__isnull=False),
                name="target_one_per_library",
            ),
            models.UniqueConstraint(
                fields=["indicator", "year"],
                condition=Q(deleted_at__isnull=True, library__isnull=True),
                name="target_one_for_every_library",
            ),
        ]

    def __str__(self):
        return f"{self.indicator} {self.year} {self.library_id or '*'}: {self.value}"


class MonthlyRollup(models.Model):
    """One library's figure of one month for the district dashboard, computed
    by the same counting as the indicators (``rollup.py``). Derived data:
    node-local, never synced, rebuilt from the rows it counts."""

    library = models.ForeignKey(Library, on_delete=models.CASCADE, related_name="+")
    month = models.DateField()
    code = models.CharField(max_length=40)
    value = models.BigIntegerField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["library", "month", "code"], name="rollup_one_cell")
        ]
        indexes = [
            models.Index(fields=["month"], name="rollup_month_idx"),
            # The dashboard's reads: a few codes of every library and month,
            # read from the index alone (value included).
            models.Index(fields=["code", "library", "month", "value"], name="rollup_code_idx"),
        ]

    def __str__(self):
        return f"{self.library_id} {self.month:%Y-%m} {self.code}: {self.value}"


class MonthlyBorrower(models.Model):
    """A member named by a loan at a library in a month (a loan still naming
    its borrower), kept with the roll-up so that the distinct borrowers of a
    quarter or a year are counted from these rows instead of its loans
    (``borrowers.py``). Derived data: node-local, never synced."""

    library = models.ForeignKey(Library, on_delete=models.CASCADE, related_name="+")
    month = models.DateField()
    member_id = models.UUIDField()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["library", "month", "member_id"], name="rollup_one_borrower"
            )
        ]

    def __str__(self):
        return f"{self.library_id} {self.month:%Y-%m} {self.member_id}"


class RollupState(models.Model):
    """How far the roll-up has read the change log (one row): the last
    sequence number read, and the numbers below it not seen yet (a
    transaction still open, or rolled back) with when they were first missed."""

    last_seq = models.BigIntegerField(default=0)
    gaps = models.JSONField(default=list)
    built_at = models.DateTimeField(null=True)
    refreshed_at = models.DateTimeField(null=True)

    def __str__(self):
        return f"roll-up up to change {self.last_seq}"


class IplmInput(SyncedModel):
    """The figures of a year the IPLM needs and Pustaka cannot count: the
    district's population, and per element the figures of school,
    higher-education and special libraries and of public libraries outside
    Pustaka (``figures``: library type -> element code -> number)."""

    year = models.PositiveSmallIntegerField(_("year"))
    population = models.PositiveIntegerField(_("population of the district"))
    figures = models.JSONField(_("figures of other libraries"), default=dict, blank=True)
    source = models.CharField(
        _("source"), max_length=200, blank=True, help_text=_("E.g. BPS 2025, Dapodik 2025.")
    )

    class Meta:
        ordering = ["-year"]
        verbose_name = _("IPLM input")
        verbose_name_plural = _("IPLM inputs")
        constraints = [
            models.UniqueConstraint(
                fields=["year"], condition=Q(deleted_at__isnull=True), name="iplminput_one_per_year"
            )
        ]

    def __str__(self):
        return f"IPLM {self.year}"


class Report(BaseModel):
    """A report asked for on the staff pages or the API, generated in the
    background and kept for download (bookkeeping of this installation)."""

    class Kind(models.TextChoices):
        BRIEF = "brief", _("Library impact brief (PDF)")
        DISTRICT_PDF = "district_pdf", _("District report (PDF)")
        DISTRICT_XLSX = "district_xlsx", _("District tables (Excel)")

    class Status(models.TextChoices):
        QUEUED = "queued", _("Waiting")
        RUNNING = "running", _("Being made")
        DONE = "done", _("Ready")
        FAILED = "failed", _("Failed")

    kind = models.CharField(_("report"), max_length=20, choices=Kind.choices)
    library = models.ForeignKey(
        Library,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("library"),
        help_text=_("Empty for the district's reports."),
    )
    start = models.DateField(_("from"))
    end = models.DateField(_("to"))
    grain = models.CharField(_("figures per"), max_length=10, default="month")
    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.QUEUED
    )
    progress = models.PositiveSmallIntegerField(_("progress (%)"), default=0)
    file = models.FileField(_("file"), upload_to="reports/%Y/", storage=private_storage, blank=True)
    error = models.TextField(_("error"), blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("asked for by"),
    )
    started_at = models.DateTimeField(_("started"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("report")
        verbose_name_plural = _("reports")

    def __str__(self):
        return f"{self.kind} {self.start}–{self.end}"

    @property
    def is_running(self) -> bool:
        return self.status in {self.Status.QUEUED, self.Status.RUNNING}

    @property
    def is_district(self) -> bool:
        return self.kind != self.Kind.BRIEF
