"""Reads of the union catalogue shared by pages, API, imports and reports."""

from django.db.models import Prefetch, QuerySet
from django.http import Http404

from pustaka.catalog.identifiers import isbn13
from pustaka.catalog.models import Item, Record
from pustaka.core.permissions import scope_to_user


def records_live() -> QuerySet[Record]:
    return Record.objects.filter(deleted_at__isnull=True)


def records_with_isbn(value: str) -> QuerySet[Record]:
    """Live records carrying the ISBN in ``value`` (any form); none if invalid."""
    normalised = isbn13(value)
    if normalised is None:
        return Record.objects.none()
    return records_live().filter(isbn_rows__isbn=normalised).distinct()


def record_with_copies(record_id) -> Record:
    """A live record with its live copies and their libraries; 404 if none."""
    copies = Item.objects.filter(deleted_at__isnull=True).select_related("library")
    record = (
        records_live()
        .prefetch_related(Prefetch("items", queryset=copies.order_by("library__code", "barcode")))
        .filter(pk=record_id)
        .first()
    )
    if record is None:
        raise Http404
    return record


def items_for_user(user) -> QuerySet[Item]:
    """Copies of the libraries ``user`` may see."""
    items = Item.objects.filter(deleted_at__isnull=True).select_related("record", "library")
    return scope_to_user(items, user)


def item_by_barcode(barcode: str) -> Item | None:
    return Item.objects.select_related("record", "library").filter(barcode=barcode).first()
