"""Members of the district's libraries: categories, the member record, and
the consent each gave to the use of their data.

Personal data is minimised (DOMAIN.md §6): the NIK is never stored, only a
keyed hash (to find the same person registered twice in the district) and
its last four digits; an anonymised member keeps its row, so loans keep
their counts, but loses everything that names the person."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from pustaka.core.models import SyncedModel
from pustaka.libraries.models import Library, Region


class MemberCategory(SyncedModel):
    """A kind of member the loan rules tell apart (children, students, ...);
    the office edits the list."""

    code = models.SlugField(_("code"), max_length=20, unique=True)
    name = models.CharField(_("name"), max_length=100)
    membership_months = models.PositiveSmallIntegerField(
        _("membership length (months)"), default=12
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("member category")
        verbose_name_plural = _("member categories")

    def __str__(self):
        return self.name


class Gender(models.TextChoices):
    FEMALE = "female", _("Female")
    MALE = "male", _("Male")


class Disability(models.TextChoices):
    """Self-declared, optional; counted for the inclusion figures."""

    PHYSICAL = "physical", _("Physical")
    VISUAL = "visual", _("Visual")
    HEARING = "hearing", _("Hearing")
    INTELLECTUAL = "intellectual", _("Intellectual")
    MENTAL = "mental", _("Mental or psychosocial")
    MULTIPLE = "multiple", _("More than one")


class Member(SyncedModel):
    """A person registered at a library (their home library); they may borrow
    at any library of the district."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for confirmation")
        ACTIVE = "active", _("Active")
        ANONYMISED = "anonymised", _("Anonymised")

    library = models.ForeignKey(
        Library, on_delete=models.PROTECT, related_name="members", verbose_name=_("home library")
    )
    number = models.CharField(_("member number"), max_length=32, unique=True)
    name = models.CharField(_("name"), max_length=200)
    gender = models.CharField(_("gender"), max_length=6, choices=Gender.choices, blank=True)
    birth_date = models.DateField(_("date of birth"), null=True, blank=True)
    category = models.ForeignKey(
        MemberCategory, on_delete=models.PROTECT, related_name="members", verbose_name=_("category")
    )
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    address = models.TextField(_("address"), blank=True)
    village = models.ForeignKey(
        Region,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("village"),
    )
    disability = models.CharField(
        _("disability (self-declared)"), max_length=12, choices=Disability.choices, blank=True
    )
    occupation = models.CharField(_("occupation"), max_length=100, blank=True)
    nik_hash = models.CharField(max_length=64, blank=True, db_index=True)
    nik_last4 = models.CharField(_("NIK (last four digits)"), max_length=4, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.ACTIVE
    )
    expires_on = models.DateField(_("membership expires"), null=True, blank=True)
    blocked_reason = models.CharField(_("reason for the block"), max_length=255, blank=True)
    blocked_at = models.DateTimeField(_("blocked"), null=True, blank=True)
    keeps_history = models.BooleanField(_("keep my reading history"), default=False)
    notices_by = models.CharField(
        _("send notices by"),
        max_length=10,
        choices=[("email", _("E-mail")), ("sms", _("SMS / WhatsApp")), ("none", _("No notices"))],
        default="email",
    )
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="member",
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("member")
        verbose_name_plural = _("members")
        indexes = [models.Index(fields=["library", "name"], name="member_library_name_idx")]

    def __str__(self):
        return f"{self.name} ({self.number})"

    @property
    def is_blocked(self) -> bool:
        return self.blocked_at is not None


class Consent(SyncedModel):
    """The consent a member (or, under 18, their parent or guardian) gave to the
    use of their data: when, and the exact text they were shown."""

    member = models.ForeignKey(
        Member, on_delete=models.CASCADE, related_name="consents", verbose_name=_("member")
    )
    given_on = models.DateField(_("consent given on"))
    statement = models.TextField(_("what was shown"))
    given_by = models.CharField(
        _("given by (parent or guardian)"),
        max_length=200,
        blank=True,
        help_text=_("Name of the parent or guardian, for a member under 18."),
    )
    guardian_relation = models.CharField(_("relation to the member"), max_length=50, blank=True)
    withdrawn_on = models.DateField(_("withdrawn on"), null=True, blank=True)

    class Meta:
        ordering = ["-given_on"]
        verbose_name = _("consent")
        verbose_name_plural = _("consents")

    def __str__(self):
        return f"{self.member} – {self.given_on}"
