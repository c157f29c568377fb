"""Trainings (Bimtek) the district office runs for library staff: their
sessions, the trainees with their attendance and test scores; and the
mentoring visits to libraries afterwards with the action items agreed there."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from pustaka.core.models import SyncedModel
from pustaka.libraries.models import Library

SCORE_VALIDATORS = [MinValueValidator(0), MaxValueValidator(100)]
CODE_VALIDATOR = RegexValidator(
    r"^[A-Z0-9][A-Z0-9-]*$", _("Use capital letters, digits and hyphens, e.g. BIMTEK-TIK.")
)


class Training(SyncedModel):
    """A training (Bimtek) of the district office for library staff, over one
    or more days; the office's own, not a library's."""

    code = models.CharField(
        _("code"),
        max_length=30,
        unique=True,
        validators=[CODE_VALIDATOR],
        help_text=_("Short, printed in the certificate numbers, e.g. BIMTEK-TIK."),
    )
    title = models.CharField(_("title"), max_length=200)
    theme = models.CharField(_("theme"), max_length=200, blank=True)
    organiser = models.CharField(_("organiser"), max_length=200)
    venue = models.CharField(_("venue"), max_length=200)
    starts_on = models.DateField(_("first day"))
    ends_on = models.DateField(_("last day"))
    description = models.TextField(_("description"), blank=True)
    minimum_attendance = models.PositiveSmallIntegerField(
        _("minimum attendance for a certificate (%)"),
        default=75,
        validators=[MinValueValidator(1), MaxValueValidator(100)],
        help_text=_("The share of sessions a trainee must attend to get a certificate."),
    )
    evaluation = models.ForeignKey(
        "surveys.Survey",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("evaluation survey"),
        help_text=_("The participants' evaluation of the training."),
    )

    class Meta:
        ordering = ["-starts_on", "title"]
        verbose_name = _("training")
        verbose_name_plural = _("trainings")
        constraints = [
            models.CheckConstraint(
                name="training_ends_after_start",
                condition=models.Q(ends_on__gte=models.F("starts_on")),
            )
        ]

    def __str__(self):
        return self.title


class Session(SyncedModel):
    """One session of a training: a topic on a day, with its speaker."""

    training = models.ForeignKey(
        Training, on_delete=models.PROTECT, related_name="sessions", verbose_name=_("training")
    )
    date = models.DateField(_("date"))
    starts_at = models.TimeField(_("starts"))
    ends_at = models.TimeField(_("ends"))
    topic = models.CharField(_("topic"), max_length=200)
    speaker = models.CharField(_("speaker"), max_length=200, blank=True)

    class Meta:
        ordering = ["date", "starts_at"]
        verbose_name = _("session")
        verbose_name_plural = _("sessions")
        constraints = [
            models.CheckConstraint(
                name="session_ends_after_start",
                condition=models.Q(ends_at__gt=models.F("starts_at")),
            )
        ]

    def __str__(self):
        return f"{self.date:%Y-%m-%d} {self.starts_at:%H:%M} {self.topic}"


class Trainee(SyncedModel):
    """A person from a library taking part in a training: a staff account's
    holder or someone without an account (a village official)."""

    class Role(models.TextChoices):
        MANAGER = "manager", _("Library manager")
        VOLUNTEER = "volunteer", _("Volunteer")
        VILLAGE_OFFICIAL = "village_official", _("Village official")
        OTHER = "other", _("Other")

    training = models.ForeignKey(
        Training, on_delete=models.PROTECT, related_name="trainees", verbose_name=_("training")
    )
    number = models.PositiveIntegerField(
        _("number"), help_text=_("The trainee's number in the training, on the certificate.")
    )
    library = models.ForeignKey(
        Library, on_delete=models.PROTECT, related_name="trainees", verbose_name=_("library")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="trainings_taken",
        verbose_name=_("staff account"),
    )
    name = models.CharField(_("name"), max_length=150)
    role = models.CharField(_("role at the library"), max_length=20, choices=Role.choices)
    pre_score = models.PositiveSmallIntegerField(
        _("pre-test score"), null=True, blank=True, validators=SCORE_VALIDATORS
    )
    post_score = models.PositiveSmallIntegerField(
        _("post-test score"), null=True, blank=True, validators=SCORE_VALIDATORS
    )

    class Meta:
        ordering = ["number"]
        verbose_name = _("trainee")
        verbose_name_plural = _("trainees")
        constraints = [
            models.UniqueConstraint(fields=["training", "number"], name="trainee_number_unique"),
            models.UniqueConstraint(
                fields=["training", "user"],
                condition=models.Q(user__isnull=False, deleted_at__isnull=True),
                name="trainee_user_once",
            ),
        ]

    def __str__(self):
        return self.name


class Attendance(SyncedModel):
    """Whether one trainee was present at one session."""

    trainee = models.ForeignKey(
        Trainee, on_delete=models.PROTECT, related_name="attendances", verbose_name=_("trainee")
    )
    session = models.ForeignKey(
        Session, on_delete=models.PROTECT, related_name="attendances", verbose_name=_("session")
    )
    present = models.BooleanField(_("present"), default=False)

    class Meta:
        verbose_name = _("attendance")
        verbose_name_plural = _("attendances")
        constraints = [
            models.UniqueConstraint(fields=["trainee", "session"], name="attendance_once")
        ]

    def __str__(self):
        return f"{self.trainee_id} @ {self.session_id}: {self.present}"


class MentoringVisit(SyncedModel):
    """A mentor's visit to a library (pendampingan), usually after a training:
    what they found and, in its action items, what was agreed."""

    library = models.ForeignKey(
        Library,
        on_delete=models.PROTECT,
        related_name="mentoring_visits",
        verbose_name=_("library"),
    )
    visited_on = models.DateField(_("date of the visit"))
    mentor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("mentor's staff account"),
    )
    mentor_name = models.CharField(_("mentor"), max_length=150)
    training = models.ForeignKey(
        Training,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="mentoring_visits",
        verbose_name=_("follows the training"),
    )
    findings = models.TextField(_("findings"), blank=True)

    class Meta:
        ordering = ["-visited_on", "-created_at"]
        verbose_name = _("mentoring visit")
        verbose_name_plural = _("mentoring visits")

    def __str__(self):
        return f"{self.library} {self.visited_on:%Y-%m-%d}"


class ActionItem(SyncedModel):
    """A step agreed at a mentoring visit, with who does it and by when;
    followed until it is done."""

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        IN_PROGRESS = "in_progress", _("In progress")
        DONE = "done", _("Done")

    visit = models.ForeignKey(
        MentoringVisit,
        on_delete=models.PROTECT,
        related_name="action_items",
        verbose_name=_("mentoring visit"),
    )
    description = models.TextField(_("what is to be done"))
    owner = models.CharField(_("who does it"), max_length=150)
    due_on = models.DateField(_("due date"))
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.OPEN
    )
    done_on = models.DateField(_("done on"), null=True, blank=True)

    class Meta:
        ordering = ["due_on", "created_at"]
        verbose_name = _("action item")
        verbose_name_plural = _("action items")
        constraints = [
            models.CheckConstraint(
                name="actionitem_done_on_when_done",
                condition=models.Q(status="done", done_on__isnull=False)
                | (~models.Q(status="done") & models.Q(done_on__isnull=True)),
            )
        ]
        indexes = [models.Index(fields=["status", "due_on"], name="actionitem_status_due_idx")]

    def __str__(self):
        return self.description[:60]
