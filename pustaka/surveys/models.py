"""Surveys: a questionnaire of a library (or of the whole district), its
questions, and the responses people give on the public page, each answer a row."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from pustaka.core.models import SyncedModel
from pustaka.libraries.models import Library


class Survey(SyncedModel):
    """A questionnaire people answer through its public link (or a QR code
    poster) without an account; a library's, or the district's when
    ``library`` is empty."""

    class Kind(models.TextChoices):
        GENERAL = "general", _("General")
        TRAINING_EVALUATION = "training_evaluation", _("Training evaluation")
        SKM = "skm", _("Community satisfaction (SKM)")
        TGM = "tgm", _("Reading interest (TGM)")

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        OPEN = "open", _("Open")
        CLOSED = "closed", _("Closed")

    library = models.ForeignKey(
        Library,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="surveys",
        verbose_name=_("library"),
        help_text=_("Empty for a survey of the whole district."),
    )
    title = models.CharField(_("title"), max_length=200)
    intro = models.TextField(_("introduction"), blank=True)
    kind = models.CharField(_("kind"), max_length=24, choices=Kind.choices, default=Kind.GENERAL)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    one_per_person = models.BooleanField(
        _("one answer per person"),
        default=True,
        help_text=_("A phone that has answered once cannot answer again."),
    )
    token = models.CharField(_("link code"), max_length=16, unique=True)
    opened_at = models.DateTimeField(_("opened"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("survey")
        verbose_name_plural = _("surveys")

    def __str__(self):
        return self.title


class Question(SyncedModel):
    """One question of a survey, in its place; choice questions carry their
    options, and questions of the official surveys a code (an SKM element, a
    TGM measure, a respondent's detail) that the indices read."""

    class Kind(models.TextChoices):
        LIKERT4 = "likert4", _("Scale of 4")
        LIKERT5 = "likert5", _("Scale of 5")
        SINGLE = "single", _("One choice")
        MULTIPLE = "multiple", _("Several choices")
        NUMBER = "number", _("Number")
        SHORT_TEXT = "short_text", _("Short text")
        LONG_TEXT = "long_text", _("Long text")

    survey = models.ForeignKey(
        Survey, on_delete=models.PROTECT, related_name="questions", verbose_name=_("survey")
    )
    position = models.PositiveIntegerField(_("position"))
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    text = models.CharField(_("question"), max_length=500)
    help_text = models.CharField(_("hint"), max_length=300, blank=True)
    required = models.BooleanField(_("an answer is required"), default=True)
    options = models.JSONField(
        _("options"),
        default=list,
        blank=True,
        help_text=_("The choices; for a scale, its labels from lowest to highest (optional)."),
    )
    min_value = models.DecimalField(
        _("smallest number"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    max_value = models.DecimalField(
        _("largest number"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    code = models.CharField(
        _("code"),
        max_length=20,
        blank=True,
        help_text=_("What an official index reads this question as (an SKM element, ...)."),
    )

    class Meta:
        ordering = ["position"]
        verbose_name = _("question")
        verbose_name_plural = _("questions")
        constraints = [
            models.UniqueConstraint(
                fields=["survey", "code"],
                condition=~Q(code="") & Q(deleted_at__isnull=True),
                name="question_code_unique_in_survey",
            )
        ]

    def __str__(self):
        return self.text

    @property
    def is_scale(self) -> bool:
        return self.kind in {self.Kind.LIKERT4, self.Kind.LIKERT5}

    @property
    def has_options(self) -> bool:
        return self.kind in {self.Kind.SINGLE, self.Kind.MULTIPLE}


class Response(SyncedModel):
    """One person's answers to a survey. ``person_key`` (surveys with one answer
    per person only) is a keyed hash of a random id kept in the answering
    phone's cookie, different for every survey: it says that phone answered,
    never who answered."""

    class Source(models.TextChoices):
        ONLINE = "online", _("Answered online")
        STAFF = "staff", _("Typed in by staff")

    survey = models.ForeignKey(
        Survey, on_delete=models.PROTECT, related_name="responses", verbose_name=_("survey")
    )
    submitted_at = models.DateTimeField(_("submitted"))
    source = models.CharField(
        _("source"), max_length=10, choices=Source.choices, default=Source.ONLINE
    )
    person_key = models.CharField(max_length=64, blank=True, editable=False)

    class Meta:
        ordering = ["submitted_at"]
        verbose_name = _("response")
        verbose_name_plural = _("responses")
        constraints = [
            # The last guard of "one answer per person": two sends at once.
            models.UniqueConstraint(
                fields=["survey", "person_key"],
                condition=~Q(person_key=""),
                name="response_one_per_person",
            )
        ]

    def __str__(self):
        return f"{self.survey} · {self.submitted_at:%Y-%m-%d %H:%M}"


class Answer(SyncedModel):
    """One answer to one question: a scale point or a number in ``number``, a
    chosen option (its index) in ``choice`` — one row per option chosen of a
    question with several choices — or a text."""

    response = models.ForeignKey(
        Response, on_delete=models.PROTECT, related_name="answers", verbose_name=_("response")
    )
    question = models.ForeignKey(
        Question, on_delete=models.PROTECT, related_name="answers", verbose_name=_("question")
    )
    number = models.DecimalField(
        _("number"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    choice = models.PositiveSmallIntegerField(_("option"), null=True, blank=True)
    text = models.TextField(_("text"), blank=True)

    class Meta:
        verbose_name = _("answer")
        verbose_name_plural = _("answers")
        indexes = [models.Index(fields=["question", "choice"], name="answer_question_choice_idx")]

    def __str__(self):
        given = (
            value for value in (self.number, self.choice, self.text) if value not in (None, "")
        )
        return f"{self.question_id}: {next(given, '')}"
