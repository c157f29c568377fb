"""Reads of libraries, regions and staff, always scoped to the asking user."""

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db.models import Count, F, Q, QuerySet
from django.http import Http404

from pustaka.core.permissions import access_for, scope_to_user
from pustaka.libraries.models import District, Library, Region


def district_current() -> District | None:
    """The installation's district (there is one)."""
    return District.objects.filter(deleted_at__isnull=True).order_by("created_at").first()


def libraries_public() -> QuerySet[Library]:
    """Active libraries, for the public site."""
    return (
        Library.objects.filter(deleted_at__isnull=True, is_active=True)
        .select_related("kecamatan", "village")
        .order_by("kecamatan__name", "name")
    )


def libraries_for_user(user, *, search: str = "", kecamatan_code: str = "") -> QuerySet[Library]:
    """The libraries ``user`` may see, optionally filtered by text and kecamatan."""
    libraries = scope_to_user(
        Library.objects.filter(deleted_at__isnull=True).select_related("kecamatan", "village"),
        user,
        library_field="pk",
    )
    if search:
        libraries = libraries.filter(
            Q(name__icontains=search)
            | Q(code__icontains=search)
            | Q(village__name__icontains=search)
        )
    if kecamatan_code:
        libraries = libraries.filter(kecamatan__code=kecamatan_code)
    return libraries.order_by("kecamatan__name", "name")


def libraries_managed_by(user) -> QuerySet[Library]:
    """The libraries whose copies and stock ``user`` may change (``Access.can_manage_items``)."""
    access = access_for(user)
    libraries = libraries_for_user(user)
    return libraries.filter(pk__in=[lib.pk for lib in libraries if access.can_manage_items(lib.pk)])


def library_for_user(user, code: str) -> Library:
    """One library by code if ``user`` may see it; 404 otherwise (never reveal it exists)."""
    library = libraries_for_user(user).filter(code=code.upper()).first()
    if library is None:
        raise Http404
    return library


def library_public(code: str) -> Library:
    library = libraries_public().filter(code=code.upper()).first()
    if library is None:
        raise Http404
    return library


def library_kind_counts(libraries: QuerySet[Library]) -> list[tuple[str, int]]:
    """``(kind label, number of libraries)`` in the order of ``Library.Kind``."""
    rows = libraries.order_by().values("kind").annotate(total=Count("pk"))
    totals = {row["kind"]: row["total"] for row in rows}
    return [(kind.label, totals[kind]) for kind in Library.Kind if kind in totals]


def kecamatan_list() -> QuerySet[Region]:
    return Region.objects.filter(level=Region.Level.KECAMATAN, deleted_at__isnull=True)


def kecamatan_by_id(value) -> Region | None:
    """The kecamatan with key ``value``; ``None`` when unknown or malformed (user input)."""
    if not value:
        return None
    try:
        return kecamatan_list().filter(pk=value).first()
    except ValidationError:
        return None


def villages_of(kecamatan: Region | None) -> QuerySet[Region]:
    villages = Region.objects.filter(
        level__in=[Region.Level.DESA, Region.Level.KELURAHAN], deleted_at__isnull=True
    )
    return villages.filter(parent=kecamatan) if kecamatan else villages


def staff_for_user(user) -> QuerySet:
    """Staff accounts ``user`` may see: all for the office, own library's otherwise."""
    accounts = get_user_model().objects.filter(staff_role__isnull=False)
    accounts = scope_to_user(accounts, user, library_field="staff_role__library")
    # District office accounts first, on SQLite and PostgreSQL alike.
    return accounts.select_related("staff_role", "staff_role__library").order_by(
        F("staff_role__library__name").asc(nulls_first=True), "username"
    )


def staff_account_for_user(user, account_id) -> object:
    account = staff_for_user(user).filter(pk=account_id).first()
    if account is None:
        raise Http404
    return account
