"""What the official indices and the reports keep: the office's yearly IPLM
inputs (population, library types Pustaka does not hold) and the reports
generated for download. Loaded by ``MonitoringConfig.ready``."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from pustaka.core.models import BaseModel, SyncedModel
from pustaka.libraries.models import Library
from pustaka.programs.storage import private_storage


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
