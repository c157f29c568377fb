"""The district, its regions (kecamatan and villages), its libraries and their staff."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from pustaka.core.models import SyncedModel
from pustaka.core.permissions import Role


class District(SyncedModel):
    """The kabupaten whose office runs this Pustaka (one per installation)."""

    name = models.CharField(_("name"), max_length=200)
    region_code = models.CharField(
        _("region code"), max_length=13, help_text=_("Kemendagri code, e.g. 64.02")
    )
    population = models.PositiveIntegerField(_("population"), null=True, blank=True)
    office_name = models.CharField(_("library office"), max_length=200, blank=True)
    address = models.TextField(_("address"), blank=True)
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)

    class Meta:
        verbose_name = _("district")
        verbose_name_plural = _("districts")

    def __str__(self):
        return self.name


class Region(SyncedModel):
    """A kecamatan or village (desa/kelurahan) by its Kemendagri code."""

    class Level(models.TextChoices):
        KABUPATEN = "kabupaten", _("regency")
        KECAMATAN = "kecamatan", _("sub-district")
        DESA = "desa", _("village (desa)")
        KELURAHAN = "kelurahan", _("urban village (kelurahan)")

    code = models.CharField(_("code"), max_length=13, unique=True)
    name = models.CharField(_("name"), max_length=120)
    level = models.CharField(_("level"), max_length=10, choices=Level.choices)
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )

    class Meta:
        ordering = ["code"]
        verbose_name = _("region")
        verbose_name_plural = _("regions")

    def __str__(self):
        return self.name


def validate_offers(value) -> None:
    """What a library offers: a list of ``Library.Offer`` codes, each once."""
    codes = set(Library.Offer.values)
    if not isinstance(value, list) or not all(isinstance(code, str) for code in value):
        raise ValidationError(_("Give what the library offers as a list of codes."))
    unknown = [code for code in value if code not in codes]
    if unknown or len(set(value)) != len(value):
        raise ValidationError(
            _("Choose what the library offers from: %(codes)s.")
            % {"codes": ", ".join(Library.Offer.values)}
        )


class Library(SyncedModel):
    """One library of the district network: village, kelurahan, reading garden or
    the district library itself."""

    class Kind(models.TextChoices):
        DESA = "desa", _("Village library")
        KELURAHAN = "kelurahan", _("Kelurahan library")
        TAMAN_BACA = "taman_baca", _("Reading garden")
        DISTRICT = "district", _("District library")

    class Offer(models.TextChoices):
        """The services a library offers, shown on its public page."""

        LENDING = "lending", _("Book lending")
        READING_ROOM = "reading_room", _("Reading room")
        CHILDREN = "children", _("Children's corner")
        COMPUTERS = "computers", _("Computers and internet")
        WIFI = "wifi", _("Free Wi-Fi")
        ACTIVITIES = "activities", _("Activities and training")
        OUTREACH = "outreach", _("Mobile library and home visits")

    code = models.CharField(_("code"), max_length=12, unique=True)
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    kecamatan = models.ForeignKey(
        Region, on_delete=models.PROTECT, related_name="+", verbose_name=_("kecamatan")
    )
    village = models.ForeignKey(
        Region,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("village"),
    )
    address = models.TextField(_("address"), blank=True)
    latitude = models.DecimalField(
        _("latitude"), max_digits=9, decimal_places=6, null=True, blank=True
    )
    longitude = models.DecimalField(
        _("longitude"), max_digits=9, decimal_places=6, null=True, blank=True
    )
    opening_hours = models.JSONField(_("opening hours"), default=dict, blank=True)
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    website = models.URLField(_("website"), blank=True)
    established_on = models.DateField(_("date established"), null=True, blank=True)
    population_served = models.PositiveIntegerField(_("population served"), null=True, blank=True)
    description = models.TextField(_("description"), blank=True)
    offers = models.JSONField(
        _("what the library offers"), default=list, blank=True, validators=[validate_offers]
    )
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("library")
        verbose_name_plural = _("libraries")

    def __str__(self):
        return self.name

    @property
    def offer_labels(self) -> list[str]:
        """What the library offers, in words, in the order of ``Library.Offer``."""
        chosen = set(self.offers or [])
        return [offer.label for offer in Library.Offer if offer in chosen]


class StaffRole(SyncedModel):
    """The role of one staff account, bound to a library for library roles."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="staff_role"
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    library = models.ForeignKey(
        Library,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="staff_roles",
        verbose_name=_("library"),
    )

    class Meta:
        verbose_name = _("staff role")
        verbose_name_plural = _("staff roles")
        constraints = [
            models.CheckConstraint(
                name="staffrole_library_matches_role",
                condition=(
                    models.Q(role__in=["district_admin", "district_viewer"], library__isnull=True)
                    | models.Q(role__in=["library_manager", "volunteer"], library__isnull=False)
                ),
            )
        ]

    def __str__(self):
        return f"{self.user} – {self.get_role_display()}"


class LibraryCounter(models.Model):
    """The last number a library minted for a kind of code (copy barcodes, member
    numbers): codes are ``<LIBRARYCODE>-<sequence>``, so offline libraries never
    collide. Node-local: each library's node is the only writer of its counters."""

    library = models.ForeignKey(Library, on_delete=models.CASCADE, related_name="counters")
    name = models.CharField(max_length=30)
    value = models.PositiveBigIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["library", "name"], name="librarycounter_unique")
        ]

    def __str__(self):
        return f"{self.library_id} {self.name} {self.value}"
