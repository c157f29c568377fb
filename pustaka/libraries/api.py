"""The libraries app's API: the district and its libraries, read and changed."""

import datetime
from decimal import Decimal
from uuid import UUID

from django.core.exceptions import ValidationError
from django.http import Http404
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema
from ninja.pagination import LimitOffsetPagination, paginate
from pydantic import ConfigDict

from pustaka.api.auth import caller
from pustaka.api.errors import ErrorOut
from pustaka.core.errors import Invalid
from pustaka.libraries import policies, queries, services
from pustaka.libraries.models import District, Library

router = Router()

READ_ERRORS = frozenset({401, 403, 404})
WRITE_ERRORS = frozenset({401, 403, 404, 422})


class RegionOut(Schema):
    code: str
    name: str


class DistrictOut(Schema):
    name: str
    region_code: str
    population: int | None
    office_name: str
    address: str
    phone: str
    email: str


class DistrictPatch(Schema):
    """Only the fields sent are changed."""

    model_config = ConfigDict(extra="forbid")

    name: str = None
    region_code: str = Field(None, examples=["64.02"])
    population: int | None = Field(None, ge=0)
    office_name: str = None
    address: str = None
    phone: str = None
    email: str = None


OpeningHours = dict[str, list[list[str]]]
HOURS_EXAMPLE = {"0": [["08:00", "12:00"], ["13:00", "16:00"]], "5": [["08:00", "12:00"]]}


class LibraryOut(Schema):
    id: UUID
    code: str
    name: str
    kind: str
    kecamatan: RegionOut
    village: RegionOut | None
    address: str
    latitude: float | None
    longitude: float | None
    opening_hours: OpeningHours = Field(
        description="Weekday (0 = Monday) to opening ranges; closed days are left out.",
        examples=[HOURS_EXAMPLE],
    )
    phone: str
    email: str
    website: str
    established_on: datetime.date | None
    population_served: int | None
    description: str
    offers: list[Library.Offer] = Field(description="What the library offers.")
    is_active: bool


class LibraryPatch(Schema):
    """Only the fields sent are changed. ``code``, ``kind``, ``kecamatan``, ``village``
    and ``is_active`` are for the district office; regions are given by code."""

    model_config = ConfigDict(extra="forbid")

    code: str = None
    name: str = None
    kind: Library.Kind = None
    kecamatan: str = Field(None, examples=["64.02.06"])
    village: str | None = Field(None, examples=["64.02.06.2001"])
    is_active: bool = None
    address: str = None
    latitude: Decimal | None = None
    longitude: Decimal | None = None
    opening_hours: OpeningHours = Field(None, examples=[HOURS_EXAMPLE])
    phone: str = None
    email: str = None
    website: str = None
    established_on: datetime.date | None = None
    population_served: int | None = Field(None, ge=0)
    description: str = None
    offers: list[Library.Offer] = None


@router.get("/district", response={200: DistrictOut, READ_ERRORS: ErrorOut}, tags=["district"])
def district_get(request):
    """The district this installation serves (any staff role)."""
    return current_district()


@router.patch("/district", response={200: DistrictOut, WRITE_ERRORS: ErrorOut}, tags=["district"])
def district_patch(request, payload: DistrictPatch):
    """Change the district's details (district administrators only)."""
    district = current_district()
    services.district_update(
        actor=caller(request), district=district, changes=payload.model_dump(exclude_unset=True)
    )
    return district


@router.get(
    "/libraries", response={200: list[LibraryOut], READ_ERRORS: ErrorOut}, tags=["libraries"]
)
@paginate(LimitOffsetPagination)
def library_list(request, q: str = "", kecamatan: str = ""):
    """The libraries the caller may see, by kecamatan then name.

    ``q`` matches name, code or village; ``kecamatan`` is a kecamatan code.
    Paged with ``limit`` (default 100) and ``offset``: ``{"items": [...], "count": n}``.
    """
    return queries.libraries_for_user(
        caller(request), search=q.strip(), kecamatan_code=kecamatan.strip()
    )


@router.get(
    "/libraries/{code}", response={200: LibraryOut, READ_ERRORS: ErrorOut}, tags=["libraries"]
)
def library_get(request, code: str):
    """One library by code; 404 when the caller may not see it."""
    return queries.library_for_user(caller(request), code)


@router.patch(
    "/libraries/{code}", response={200: LibraryOut, WRITE_ERRORS: ErrorOut}, tags=["libraries"]
)
def library_patch(request, code: str, payload: LibraryPatch):
    """Change a library: its manager edits the profile, the district office everything."""
    user = caller(request)
    library = queries.library_for_user(user, code)
    changes = library_changes(payload.model_dump(exclude_unset=True))
    services.library_update(actor=user, library=library, changes=changes)
    return library


def current_district() -> District:
    district = queries.district_current()
    if district is None:
        raise Http404
    return district


def library_changes(sent: dict) -> dict:
    """The sent values as the service's ``changes``: region codes become regions and
    opening hours are checked; every problem is reported at once."""
    changes, problems = dict(sent), {}
    for name, convert in CONVERSIONS.items():
        if name not in sent:
            continue
        try:
            changes[name] = convert(sent[name])
        except ValidationError as error:
            problems[name] = error.messages
    if problems:
        raise Invalid(fields=problems)
    return changes


def kecamatan_by_code(code: str):
    kecamatan = queries.kecamatan_list().filter(code=code.strip()).first()
    if kecamatan is None:
        raise ValidationError(_("There is no kecamatan with code “%(code)s”.") % {"code": code})
    return kecamatan


def village_by_code(code: str | None):
    if code is None:
        return None
    village = queries.villages_of(None).filter(code=code.strip()).first()
    if village is None:
        raise ValidationError(_("There is no village with code “%(code)s”.") % {"code": code})
    return village


def offer_codes(offers: list) -> list[str]:
    """The chosen offers as plain codes, in the order of ``Library.Offer``."""
    chosen = {str(offer) for offer in offers}
    return [code for code in Library.Offer.values if code in chosen]


CONVERSIONS = {
    "kecamatan": kecamatan_by_code,
    "village": village_by_code,
    "opening_hours": policies.check_opening_hours,
    "offers": offer_codes,
}
