"""What a library does with its community: activities and who took part
(by name or counted), online registrations with a waiting list, photos and
documents, partners and what they contribute, the village fund, and stories
of change told with the person's consent.

Attendance never needs a person to be counted: a named participant keeps
their gender, age group, disability and village as they were on the day
(like a loan keeps its borrower's figures), and a counted activity keeps one
row per gender x age group x disability; both add up the same way
(``queries.attendance_totals``)."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from pustaka.core.models import SyncedModel
from pustaka.libraries.models import Library, Region
from pustaka.members.models import Gender, Member
from pustaka.members.policies import AGE_GROUP_CHOICES
from pustaka.programs.storage import private_storage


class Disability(models.TextChoices):
    """Self-declared; left empty when not asked."""

    YES = "yes", _("With a disability")
    NO = "no", _("Without a disability")


class ActivityCategory(SyncedModel):
    """A kind of activity the programme counts (digital literacy, reading
    promotion, ...); the office edits the list."""

    class Strategy(models.TextChoices):
        COMMUNITY = "community", _("Community involvement")
        ADVOCACY = "advocacy", _("Advocacy")
        SERVICES = "services", _("Information services")

    code = models.SlugField(_("code"), max_length=30, unique=True)
    name = models.CharField(_("name"), max_length=100)
    description = models.TextField(_("description"), blank=True)
    strategy = models.CharField(
        _("programme strategy"),
        max_length=10,
        choices=Strategy.choices,
        default=Strategy.COMMUNITY,
        help_text=_("How the programme's figures count activities of this category."),
    )
    position = models.PositiveSmallIntegerField(_("position in lists"), default=0)
    is_active = models.BooleanField(
        _("in use"), default=True, help_text=_("Categories no longer in use keep their activities.")
    )

    class Meta:
        ordering = ["position", "name"]
        verbose_name = _("activity category")
        verbose_name_plural = _("activity categories")

    def __str__(self):
        return self.name


class Partner(SyncedModel):
    """Someone who works with a library (or with the whole district): the
    village government, a school, a business, ..."""

    class Kind(models.TextChoices):
        VILLAGE_GOVERNMENT = "village_government", _("Village government")
        SCHOOL = "school", _("School")
        RELIGIOUS = "religious_group", _("Religious group")
        BUSINESS = "business", _("Business or CSR")
        NGO = "ngo", _("NGO")
        GOVERNMENT = "government_office", _("Government office")
        COMMUNITY = "community_group", _("Community group")
        INDIVIDUAL = "individual", _("Individual")

    library = models.ForeignKey(
        Library,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="partners",
        verbose_name=_("library"),
        help_text=_("Empty for a partner of the whole district."),
    )
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("type"), max_length=20, choices=Kind.choices)
    contact_person = models.CharField(_("contact person"), max_length=200, blank=True)
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    address = models.TextField(_("address"), blank=True)
    mou_start = models.DateField(_("agreement (MoU) from"), null=True, blank=True)
    mou_end = models.DateField(_("agreement (MoU) until"), null=True, blank=True)
    notes = models.TextField(_("notes"), blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("partner")
        verbose_name_plural = _("partners")

    def __str__(self):
        return self.name


class Activity(SyncedModel):
    """An activity a library plans and runs: a class, a reading club, a
    meeting with the village government, ..."""

    class Status(models.TextChoices):
        PLANNED = "planned", _("Planned")
        DONE = "done", _("Done")
        CANCELLED = "cancelled", _("Cancelled")

    class TargetGroup(models.TextChoices):
        EVERYONE = "everyone", _("Everyone")
        CHILDREN = "children", _("Children")
        YOUTH = "youth", _("Young people")
        WOMEN = "women", _("Women")
        SMALL_BUSINESS = "small_business", _("Small businesses (UMKM)")
        DISABILITY = "disability", _("People with disabilities")
        OLDER_PEOPLE = "older_people", _("Older people")
        OTHER = "other", _("Another group")

    class Funding(models.TextChoices):
        LIBRARY = "library", _("The library's budget")
        VILLAGE_FUND = "village_fund", _("Village fund (dana desa)")
        GOVERNMENT = "government", _("District or national government")
        PARTNER = "partner", _("A partner")
        COMMUNITY = "community", _("The community (swadaya)")
        NONE = "none", _("No cost")

    library = models.ForeignKey(
        Library, on_delete=models.PROTECT, related_name="activities", verbose_name=_("library")
    )
    title = models.CharField(_("title"), max_length=200)
    category = models.ForeignKey(
        ActivityCategory,
        on_delete=models.PROTECT,
        related_name="activities",
        verbose_name=_("category"),
    )
    description = models.TextField(_("description"), blank=True)
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    place = models.CharField(_("place"), max_length=200, blank=True)
    facilitators = models.CharField(_("facilitators"), max_length=300, blank=True)
    partners = models.ManyToManyField(
        Partner,
        through="ActivityPartner",
        related_name="activities",
        blank=True,
        verbose_name=_("partners involved"),
    )
    target_group = models.CharField(
        _("target group"), max_length=20, choices=TargetGroup.choices, default=TargetGroup.EVERYONE
    )
    funding = models.CharField(
        _("funding source"), max_length=20, choices=Funding.choices, blank=True
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PLANNED
    )
    is_public = models.BooleanField(_("shown on the public site"), default=False)
    capacity = models.PositiveIntegerField(
        _("places for online registration"),
        null=True,
        blank=True,
        help_text=_("Empty: no online registration."),
    )
    outcomes = models.TextField(_("outcomes"), blank=True)

    class Meta:
        ordering = ["-starts_at"]
        verbose_name = _("activity")
        verbose_name_plural = _("activities")
        indexes = [models.Index(fields=["library", "starts_at"], name="activity_library_start_idx")]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gte=models.F("starts_at")), name="activity_ends_after_start"
            )
        ]

    def __str__(self):
        return self.title


class ActivityPartner(SyncedModel):
    """A partner involved in an activity. A row of its own (not Django's
    automatic table, whose integer keys would collide between nodes), so it
    is change-logged and synced; a partner taken off loses its row."""

    activity = models.ForeignKey(Activity, on_delete=models.PROTECT, related_name="+")
    partner = models.ForeignKey(Partner, on_delete=models.PROTECT, related_name="+")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["activity", "partner"], name="activity_partner_once")
        ]

    def __str__(self):
        return f"{self.activity_id}: {self.partner_id}"


class Registration(SyncedModel):
    """Someone who registered online for an upcoming activity: with a place,
    waiting for one, or cancelled. Names are for the library's staff only."""

    class Status(models.TextChoices):
        CONFIRMED = "confirmed", _("Has a place")
        WAITING = "waiting", _("On the waiting list")
        CANCELLED = "cancelled", _("Cancelled")

    activity = models.ForeignKey(
        Activity, on_delete=models.PROTECT, related_name="registrations", verbose_name=_("activity")
    )
    name = models.CharField(_("name"), max_length=200)
    phone = models.CharField(_("phone or WhatsApp"), max_length=30, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    gender = models.CharField(_("gender"), max_length=6, choices=Gender.choices)
    age_group = models.CharField(_("age group"), max_length=5, choices=AGE_GROUP_CHOICES)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices)
    cancelled_at = models.DateTimeField(_("cancelled"), null=True, blank=True)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        indexes = [models.Index(fields=["activity", "status"], name="registration_status_idx")]

    def __str__(self):
        return f"{self.name} ({self.get_status_display()})"


class Participant(SyncedModel):
    """A person who took part in an activity, by name: a member whose card
    was scanned, or someone else (their name is optional). Counted as they
    were on the day."""

    activity = models.ForeignKey(
        Activity, on_delete=models.PROTECT, related_name="participants", verbose_name=_("activity")
    )
    member = models.ForeignKey(
        Member,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="activity_participations",
        verbose_name=_("member"),
    )
    name = models.CharField(_("name"), max_length=200, blank=True)
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
    registration = models.OneToOneField(
        Registration,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="participant",
        verbose_name=_("registration"),
    )

    class Meta:
        ordering = ["created_at"]
        verbose_name = _("participant")
        verbose_name_plural = _("participants")
        constraints = [
            models.UniqueConstraint(
                fields=["activity", "member"],
                condition=Q(member__isnull=False, deleted_at__isnull=True),
                name="participant_member_once",
            )
        ]

    def __str__(self):
        return self.name or str(self.member or self.pk)


class AttendanceCount(SyncedModel):
    """How many people of one gender, age group and disability took part in
    an activity whose participants were counted, not named."""

    activity = models.ForeignKey(
        Activity, on_delete=models.PROTECT, related_name="counts", verbose_name=_("activity")
    )
    gender = models.CharField(_("gender"), max_length=6, choices=Gender.choices)
    age_group = models.CharField(_("age group"), max_length=5, choices=AGE_GROUP_CHOICES)
    disability = models.CharField(
        _("disability"), max_length=3, choices=Disability.choices, blank=True
    )
    people = models.PositiveIntegerField(_("number of people"))

    class Meta:
        verbose_name = _("attendance count")
        verbose_name_plural = _("attendance counts")
        constraints = [
            models.UniqueConstraint(
                fields=["activity", "gender", "age_group", "disability"],
                name="attendancecount_one_per_cell",
            )
        ]

    def __str__(self):
        return f"{self.gender} {self.age_group} {self.disability}: {self.people}"


class Story(SyncedModel):
    """A story of change: what changed in someone's life, and what of the
    library helped. Published only with the person's recorded consent."""

    class Theme(models.TextChoices):
        EDUCATION = "education", _("Education and learning")
        ECONOMIC = "economic", _("Work and income")
        SOCIAL = "social", _("Social life")
        HEALTH = "health", _("Health")
        DIGITAL = "digital", _("Digital skills")
        CULTURE = "culture", _("Culture")
        OTHER = "other", _("Something else")

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        PUBLISHED = "published", _("Published")

    library = models.ForeignKey(
        Library, on_delete=models.PROTECT, related_name="stories", verbose_name=_("library")
    )
    title = models.CharField(_("title"), max_length=200)
    member = models.ForeignKey(
        Member,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="stories",
        verbose_name=_("member"),
    )
    person_name = models.CharField(
        _("person"), max_length=200, blank=True, help_text=_("For someone who is not a member.")
    )
    shown_as = models.CharField(
        _("name shown on the public page"),
        max_length=100,
        blank=True,
        help_text=_("As the person agreed, e.g. “Ibu Siti, tailor”. Empty: not named."),
    )
    what_changed = models.TextField(_("what changed"))
    activity = models.ForeignKey(
        Activity,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="stories",
        verbose_name=_("activity that helped"),
    )
    helped_by = models.CharField(
        _("what of the library helped"),
        max_length=300,
        blank=True,
        help_text=_("An activity or service in words, e.g. “the computer corner”."),
    )
    happened_on = models.DateField(_("date"))
    theme = models.CharField(_("theme"), max_length=10, choices=Theme.choices)
    consent_given_on = models.DateField(_("consent given on"), null=True, blank=True)
    consent_given_by = models.CharField(
        _("consent given by"),
        max_length=200,
        blank=True,
        help_text=_("The person, or for a child their parent or guardian."),
    )
    consent_statement = models.TextField(_("what the person agreed to"), blank=True)
    consent_withdrawn_on = models.DateField(_("consent withdrawn on"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    published_at = models.DateTimeField(_("published"), null=True, blank=True)

    class Meta:
        ordering = ["-happened_on", "-created_at"]
        verbose_name = _("story of change")
        verbose_name_plural = _("stories of change")

    def __str__(self):
        return self.title

    @property
    def has_consent(self) -> bool:
        return self.consent_given_on is not None and self.consent_withdrawn_on is None


class Photo(SyncedModel):
    """A photo of an activity or of a story, made small on this server."""

    library = models.ForeignKey(
        Library, on_delete=models.PROTECT, related_name="+", verbose_name=_("library")
    )
    activity = models.ForeignKey(
        Activity, null=True, blank=True, on_delete=models.PROTECT, related_name="photos"
    )
    story = models.ForeignKey(
        Story, null=True, blank=True, on_delete=models.PROTECT, related_name="photos"
    )
    image = models.ImageField(_("photo"), upload_to="programs/")
    description = models.CharField(_("what the photo shows"), max_length=250)

    class Meta:
        ordering = ["created_at"]
        verbose_name = _("photo")
        verbose_name_plural = _("photos")
        constraints = [
            models.CheckConstraint(
                condition=Q(activity__isnull=False, story__isnull=True)
                | Q(activity__isnull=True, story__isnull=False),
                name="photo_of_activity_or_story",
            )
        ]

    def __str__(self):
        return self.description


class Document(SyncedModel):
    """A file kept with an activity (attendance sheet, report, letter), for
    staff only: kept outside the folder the public site serves."""

    library = models.ForeignKey(
        Library, on_delete=models.PROTECT, related_name="+", verbose_name=_("library")
    )
    activity = models.ForeignKey(
        Activity, on_delete=models.PROTECT, related_name="documents", verbose_name=_("activity")
    )
    title = models.CharField(_("title"), max_length=200)
    file = models.FileField(_("file"), upload_to="programs/%Y/", storage=private_storage)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField(_("size (bytes)"))

    class Meta:
        ordering = ["created_at"]
        verbose_name = _("document")
        verbose_name_plural = _("documents")

    def __str__(self):
        return self.title


class Contribution(SyncedModel):
    """What a partner gave a library (or the district's programme): money,
    goods, a venue, expertise or volunteers' time, with its value."""

    class Kind(models.TextChoices):
        MONEY = "money", _("Money")
        GOODS = "goods", _("Goods")
        VENUE = "venue", _("Venue")
        EXPERTISE = "expertise", _("Expertise")
        VOLUNTEER_TIME = "volunteer_time", _("Volunteers' time")

    partner = models.ForeignKey(
        Partner, on_delete=models.PROTECT, related_name="contributions", verbose_name=_("partner")
    )
    library = models.ForeignKey(
        Library,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="contributions",
        verbose_name=_("library"),
        help_text=_("Empty for a contribution to the district's programme."),
    )
    activity = models.ForeignKey(
        Activity,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="contributions",
        verbose_name=_("for the activity"),
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    given_on = models.DateField(_("date"))
    value_idr = models.PositiveBigIntegerField(
        _("value (Rp)"),
        default=0,
        help_text=_("The amount of money, or what the contribution is worth; 0 when unknown."),
    )
    hours = models.DecimalField(
        _("hours"),
        max_digits=7,
        decimal_places=1,
        null=True,
        blank=True,
        help_text=_("For volunteers' time."),
    )
    description = models.CharField(_("description"), max_length=300, blank=True)

    class Meta:
        ordering = ["-given_on", "-created_at"]
        verbose_name = _("contribution")
        verbose_name_plural = _("contributions")

    def __str__(self):
        return f"{self.partner}: {self.get_kind_display()} {self.given_on}"


class VillageFund(SyncedModel):
    """The village fund (dana desa) the village government allocated to its
    library in one year."""

    library = models.ForeignKey(
        Library, on_delete=models.PROTECT, related_name="village_funds", verbose_name=_("library")
    )
    year = models.PositiveSmallIntegerField(_("year"))
    amount_idr = models.PositiveBigIntegerField(_("amount (Rp)"))
    notes = models.CharField(_("notes"), max_length=300, blank=True)

    class Meta:
        ordering = ["-year", "library__name"]
        verbose_name = _("village fund allocation")
        verbose_name_plural = _("village fund allocations")
        constraints = [
            models.UniqueConstraint(fields=["library", "year"], name="villagefund_one_per_year")
        ]

    def __str__(self):
        return f"{self.library_id} {self.year}: {self.amount_idr}"
