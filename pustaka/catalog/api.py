"""The catalogue's API: search the union catalogue, read, describe and withdraw
records, add, change and withdraw copies. Every staff member sees every
library's copies; only a copy's own library (or the district office) changes it."""

import datetime
from typing import Literal
from uuid import UUID

from django.http import Http404
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema, Status
from pydantic import ConfigDict

from pustaka.api.auth import caller
from pustaka.api.errors import ErrorOut
from pustaka.catalog import display, queries, services
from pustaka.catalog.duplicates import duplicate_message, record_with_any_isbn
from pustaka.catalog.models import Item, MaterialType, Record
from pustaka.catalog.search.service import SearchFilters, catalog_search
from pustaka.core.errors import Invalid, NotPermitted
from pustaka.core.permissions import access_for
from pustaka.libraries.queries import libraries_public

router = Router(tags=["catalogue"])

READ_ERRORS = frozenset({401, 403, 404})
WRITE_ERRORS = frozenset({401, 403, 404, 422})
HAND_STATUSES = (Item.Status.AVAILABLE, Item.Status.DAMAGED, Item.Status.LOST)
HandStatus = Literal["available", "damaged", "lost"]
Sort = Literal["relevance", "newest", "title"]


class Author(Schema):
    name: str = Field(min_length=1, examples=["Siti Aminah"])
    role: str = Field("author", description="author, editor, illustrator or translator")


class CopyBrief(Schema):
    library: str = Field(description="The holding library's code.")
    barcode: str
    status: Item.Status


class RecordSummary(Schema):
    id: str
    title: str
    authors: list[str]
    year: int | None
    isbns: list[str] = Field(description="ISBN-13s without hyphens.")
    material_type: MaterialType
    items: list[CopyBrief] = Field(description="Copies still in a collection, by library.")


class TextCount(Schema):
    value: str
    count: int


class NumberCount(Schema):
    value: int
    count: int


class Facets(Schema):
    """Counts over every match (not just the page), for the filters."""

    library: list[TextCount]
    material_type: list[TextCount]
    language: list[TextCount]
    audience: list[TextCount]
    ddc_hundreds: list[NumberCount]
    decade: list[NumberCount]
    available: int = Field(description="Matching records with a copy available now.")


class SearchOut(Schema):
    total: int
    page: int
    per_page: int
    results: list[RecordSummary]
    facets: Facets


class SearchParams(Schema):
    q: str = Field("", description="Words (all must match; the last also as a prefix) or an ISBN.")
    library: list[str] = Field([], description="Library codes; repeat for several.")
    material_type: list[MaterialType] = []
    language: list[str] = Field([], examples=[["ind"]])
    audience: list[str] = []
    ddc: list[int] = Field([], description="DDC hundreds classes: 0, 100, ... 900.")
    year_from: int | None = None
    year_to: int | None = None
    available: bool = Field(False, description="Only records with a copy available now.")
    sort: Sort = "relevance"
    page: int = Field(1, ge=1)
    per_page: int = Field(20, ge=1, le=100)

    def filters(self) -> SearchFilters:
        return SearchFilters(
            libraries=tuple(code.strip().upper() for code in self.library),
            material_types=tuple(self.material_type),
            languages=tuple(self.language),
            audiences=tuple(self.audience),
            ddc_hundreds=tuple(self.ddc),
            year_from=self.year_from,
            year_to=self.year_to,
            available=self.available,
        )


class ItemOut(Schema):
    id: UUID
    barcode: str
    record: UUID
    library: str = Field(description="The holding library's code.")
    call_number: str
    shelf: str
    acquired_on: datetime.date | None
    source: str
    price: int | None = Field(description="In rupiah.")
    condition: Item.Condition
    status: Item.Status
    notes: str

    @staticmethod
    def resolve_record(obj):
        return obj.record_id

    @staticmethod
    def resolve_library(obj):
        return obj.library.code


class RecordOut(Schema):
    id: UUID
    title: str
    subtitle: str
    responsibility: str
    authors: list[Author]
    publisher: str
    place: str
    year: int | None
    edition: str
    isbns: list[str]
    language: str
    ddc: str
    subjects: list[str]
    series: str
    physical_description: str
    material_type: MaterialType
    audience: str
    notes: str
    cover: str | None = Field(description="Address of the cover image, if any.")
    items: list[ItemOut] = Field(description="Every library's copies (withdrawn ones too).")

    @staticmethod
    def resolve_cover(obj):
        return obj.cover.url if obj.cover else None

    @staticmethod
    def resolve_items(obj):
        return list(obj.items.all())


class RecordIn(Schema):
    """A new record. ISBNs in either form are stored as ISBN-13; an ISBN the
    district already has is refused (add a copy to that record instead)."""

    model_config = ConfigDict(extra="forbid")

    title: str = Field(examples=["Budidaya Lele di Kolam Terpal"])
    subtitle: str = ""
    responsibility: str = ""
    authors: list[Author] = []
    publisher: str = ""
    place: str = ""
    year: int | None = Field(None, examples=[2019])
    edition: str = ""
    isbns: list[str] = Field([], examples=[["978-602-03-3295-6"]])
    language: str = Field("", max_length=3, examples=["ind"])
    ddc: str = Field("", examples=["639.3"])
    subjects: list[str] = []
    series: str = ""
    physical_description: str = ""
    material_type: MaterialType = MaterialType.BOOK
    audience: str = Field("", description="children, teens, adults, general or empty")
    notes: str = ""


class RecordPatch(Schema):
    """Only the fields sent are changed."""

    model_config = ConfigDict(extra="forbid")

    title: str = None
    subtitle: str = None
    responsibility: str = None
    authors: list[Author] = None
    publisher: str = None
    place: str = None
    year: int | None = None
    edition: str = None
    isbns: list[str] = None
    language: str = Field(None, max_length=3)
    ddc: str = None
    subjects: list[str] = None
    series: str = None
    physical_description: str = None
    material_type: MaterialType = None
    audience: str = None
    notes: str = None


class ItemIn(Schema):
    """A new copy. Without ``barcode`` one is minted (``DSA-000123``); without
    ``call_number`` it is made from the record (DDC class, author, title)."""

    model_config = ConfigDict(extra="forbid")

    library: str | None = Field(
        None, description="Library code; default: the caller's own library.", examples=["DSA"]
    )
    barcode: str = ""
    call_number: str | None = None
    shelf: str = ""
    acquired_on: datetime.date | None = None
    source: Item.Source | None = None
    price: int | None = Field(None, ge=0)
    condition: Item.Condition = Item.Condition.GOOD
    status: HandStatus = "available"
    notes: str = ""


class ItemPatch(Schema):
    """Only the fields sent are changed. ``status`` is set by hand only between
    available, damaged and lost; loans and transfers change it otherwise."""

    model_config = ConfigDict(extra="forbid")

    call_number: str = None
    shelf: str = None
    acquired_on: datetime.date | None = None
    source: Item.Source | None = None
    price: int | None = Field(None, ge=0)
    condition: Item.Condition = None
    status: HandStatus = None
    notes: str = None


@router.get("/records", response={200: SearchOut, READ_ERRORS: ErrorOut})
def record_search(request, params: Query[SearchParams]):
    """Search the union catalogue, with filters and facet counts (any staff role)."""
    result = catalog_search(
        query=params.q,
        filters=params.filters(),
        sort=params.sort,
        page=params.page,
        per_page=params.per_page,
    )
    return display.search_data(result)


@router.get("/records/{id}", response={200: RecordOut, READ_ERRORS: ErrorOut})
def record_get(request, id: UUID):
    """One record with every library's copies."""
    return queries.record_with_copies(id)


@router.post("/records", response={201: RecordOut, WRITE_ERRORS: ErrorOut})
def record_post(request, payload: RecordIn):
    """Describe a new record (everyone but the district viewer)."""
    fields = payload.model_dump()
    _refuse_known_isbns(fields["isbns"])
    record = services.record_create(actor=caller(request), fields=fields)
    return Status(201, queries.record_with_copies(record.pk))


@router.patch("/records/{id}", response={200: RecordOut, WRITE_ERRORS: ErrorOut})
def record_patch(request, id: UUID, payload: RecordPatch):
    """Change a record's description (everyone but the district viewer)."""
    record = queries.record_with_copies(id)
    changes = payload.model_dump(exclude_unset=True)
    if "isbns" in changes:
        _refuse_known_isbns(changes["isbns"] or [], record=record)
    services.record_update(actor=caller(request), record=record, changes=changes)
    return queries.record_with_copies(id)


@router.post("/records/{id}/withdraw", response={204: None, WRITE_ERRORS: ErrorOut})
def record_withdraw(request, id: UUID):
    """Take a record out of the catalogue once every copy is withdrawn (district office)."""
    record = queries.record_with_copies(id)
    services.record_withdraw(actor=caller(request), record=record)
    return Status(204, None)


@router.post("/records/{id}/items", response={201: ItemOut, WRITE_ERRORS: ErrorOut})
def item_post(request, id: UUID, payload: ItemIn):
    """Add a copy of the record to a library (the caller's own, unless district office)."""
    user = caller(request)
    record = queries.record_with_copies(id)
    details = payload.model_dump(exclude={"library", "barcode"})
    if details["call_number"] is None:
        details["call_number"] = display.default_call_number(record)
    details["source"] = details["source"] or ""
    item = services.item_create(
        actor=user,
        record=record,
        library=_library_of_new_copy(user, payload.library),
        barcode=payload.barcode,
        **details,
    )
    return Status(201, item)


@router.get("/items/{barcode}", response={200: ItemOut, READ_ERRORS: ErrorOut})
def item_get(request, barcode: str):
    """One copy by barcode, whichever library holds it."""
    return _item(barcode)


@router.patch("/items/{barcode}", response={200: ItemOut, WRITE_ERRORS: ErrorOut})
def item_patch(request, barcode: str, payload: ItemPatch):
    """Change a copy of the caller's library (any library for the district office)."""
    item = _item(barcode)
    changes = payload.model_dump(exclude_unset=True)
    if "source" in changes:
        changes["source"] = changes["source"] or ""
    if "status" in changes and item.status not in (*HAND_STATUSES, Item.Status.WITHDRAWN):
        raise Invalid(fields={"status": [_("This copy's status follows its loan or transfer.")]})
    services.item_update(actor=caller(request), item=item, changes=changes)
    return item


@router.post("/items/{barcode}/withdraw", response={200: ItemOut, WRITE_ERRORS: ErrorOut})
def item_withdraw(request, barcode: str):
    """Withdraw a copy from its library's collection; it stays in the history."""
    item = _item(barcode)
    services.item_withdraw(actor=caller(request), item=item)
    return item


def _item(barcode: str) -> Item:
    item = queries.item_by_barcode(barcode.strip())
    if item is None or item.deleted_at is not None:
        raise Http404
    return item


def _refuse_known_isbns(isbns: list[str], *, record: Record | None = None) -> None:
    taken = record_with_any_isbn(isbns, exclude=record)
    if taken is not None:
        raise Invalid(fields={"isbns": [duplicate_message(*taken)]}, code="duplicate_isbn")


def _library_of_new_copy(user, code: str | None):
    """The library named by ``code``, or the caller's own."""
    if code is None:
        access = access_for(user)
        if access.library_id is not None:
            return user.staff_role.library
        if not access.is_district_admin:
            raise NotPermitted
        raise Invalid(fields={"library": [_("Give the code of the library holding the copy.")]})
    library = libraries_public().filter(code=code.strip().upper()).first()
    if library is None:
        raise Invalid(
            fields={"library": [_("There is no library with code “%(code)s”.") % {"code": code}]}
        )
    return library
