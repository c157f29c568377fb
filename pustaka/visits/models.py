"""The visitor book (buku tamu) of a library — a member's scan, a guest's
answers, a group with its counts — and the sessions on its computers.

Counting never needs a person: each row keeps who came as the programme
counts them (gender, age group, disability, village) at the time of the
visit, like a loan keeps its borrower's figures; they stay when the member
is later anonymised. A member's row also links the member (it is part of
what is held about them)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from pustaka.core.models import SyncedModel
from pustaka.libraries.models import Library, Region
from pustaka.members.models import Gender, Member
from pustaka.members.policies import AGE_GROUP_CHOICES


class Purpose(models.TextChoices):
    """Why someone came to the library (the visitor book's question)."""

    READ = "read", _("Read")
    BORROW = "borrow", _("Borrow or return books")
    INTERNET = "internet", _("Internet and computers")
    ACTIVITY = "activity", _("Join an activity")
    STUDY = "study", _("Study")
    OTHER = "other", _("Something else")


class ComputerPurpose(models.TextChoices):
    """What a library computer or its internet was used for."""

    INFORMATION = "information", _("Looking for information")
    SCHOOL = "school", _("School work")
    JOBS = "jobs", _("Looking for work")
    BUSINESS = "business", _("Business and marketing")
    GOVERNMENT = "government", _("Government services")
    OTHER = "other", _("Something else")


class Disability(models.TextChoices):
    """Self-declared; left empty when not asked or not answered."""

    YES = "yes", _("Yes")
    NO = "no", _("No")


class Visitor(models.Model):
    """Who came, as the programme counts people: a member's figures are
    copied from the member at the time; a guest answers for themself."""

    gender = models.CharField(_("gender"), max_length=6, choices=Gender.choices, blank=True)
    age_group = models.CharField(
        _("age group"), max_length=5, choices=AGE_GROUP_CHOICES, blank=True
    )
    disability = models.CharField(
        _("disability (self-declared)"), max_length=3, choices=Disability.choices, blank=True
    )
    village = models.ForeignKey(
        Region,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("village"),
    )

    class Meta:
        abstract = True


class Visit(SyncedModel, Visitor):
    """One entry of a library's visitor book: a member, a guest, or a group
    (a school class...) counted by gender and age group."""

    class Kind(models.TextChoices):
        MEMBER = "member", _("Member")
        GUEST = "guest", _("Guest")
        GROUP = "group", _("Group")

    library = models.ForeignKey(
        Library, on_delete=models.PROTECT, related_name="visits", verbose_name=_("library")
    )
    member = models.ForeignKey(
        Member,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="visits",
        verbose_name=_("member"),
    )
    visited_at = models.DateTimeField(_("time of the visit"))
    # The day in the libraries' time zone: counted per day without time-zone
    # arithmetic in SQL, and the day a mistaken entry may still be corrected.
    visited_on = models.DateField(_("day of the visit"))
    kind = models.CharField(_("kind"), max_length=6, choices=Kind.choices)
    purpose = models.CharField(
        _("purpose of the visit"),
        max_length=10,
        choices=Purpose.choices,
        blank=True,
        help_text=_("Empty when a member scanned their card and did not say."),
    )
    people = models.PositiveIntegerField(_("number of people"), default=1)
    description = models.CharField(
        _("group"), max_length=200, blank=True, help_text=_("E.g. class 5 of SDN 001.")
    )
    disabled_people = models.PositiveIntegerField(
        _("people with a disability in the group"),
        null=True,
        blank=True,
        help_text=_("Leave empty when not asked."),
    )

    class Meta:
        ordering = ["-visited_at"]
        verbose_name = _("visit")
        verbose_name_plural = _("visits")
        indexes = [models.Index(fields=["library", "visited_on"], name="visit_library_day_idx")]
        constraints = [
            models.CheckConstraint(condition=models.Q(people__gte=1), name="visit_people_positive")
        ]

    def __str__(self):
        return f"{self.library_id} {self.visited_at:%Y-%m-%d %H:%M} {self.kind}"


class GroupCount(SyncedModel):
    """How many people of one gender and age group came with a group visit."""

    visit = models.ForeignKey(
        Visit, on_delete=models.PROTECT, related_name="counts", verbose_name=_("visit")
    )
    gender = models.CharField(_("gender"), max_length=6, choices=Gender.choices)
    age_group = models.CharField(_("age group"), max_length=5, choices=AGE_GROUP_CHOICES)
    people = models.PositiveIntegerField(_("number of people"))

    class Meta:
        verbose_name = _("group count")
        verbose_name_plural = _("group counts")
        constraints = [
            models.UniqueConstraint(
                fields=["visit", "gender", "age_group"], name="groupcount_one_per_cell"
            )
        ]

    def __str__(self):
        return f"{self.gender} {self.age_group}: {self.people}"


class ComputerSession(SyncedModel, Visitor):
    """A person's use of a library computer or its internet: when, how long, what for."""

    library = models.ForeignKey(
        Library,
        on_delete=models.PROTECT,
        related_name="computer_sessions",
        verbose_name=_("library"),
    )
    member = models.ForeignKey(
        Member,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="computer_sessions",
        verbose_name=_("member"),
    )
    started_at = models.DateTimeField(_("started"))
    started_on = models.DateField(_("day"))
    minutes = models.PositiveSmallIntegerField(_("minutes"))
    purpose = models.CharField(_("used for"), max_length=11, choices=ComputerPurpose.choices)

    class Meta:
        ordering = ["-started_at"]
        verbose_name = _("computer session")
        verbose_name_plural = _("computer sessions")
        indexes = [models.Index(fields=["library", "started_on"], name="computersession_day_idx")]

    def __str__(self):
        return f"{self.library_id} {self.started_at:%Y-%m-%d %H:%M} {self.minutes} min"
