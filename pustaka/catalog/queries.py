"""Reads of the union catalogue shared by pages, API, imports and reports."""

from django.db.models import Prefetch, QuerySet
from django.http import Http404

from pustaka.catalog.identifiers import isbn13
from pustaka.catalog.models import Item, Record
from pustaka.catalog.search.service import catalog_search
from pustaka.catalog.search.text import fold
from pustaka.core.permissions import scope_to_user

# How many best matches of a name or subject are read to find related records.
RELATED_CANDIDATES = 12


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


def records_newest(limit: int) -> list[Record]:
    """The records catalogued last, with their live copies and libraries: the
    newest keys (UUIDv7 keys grow with time), read from the primary key's index."""
    copies = Item.objects.filter(deleted_at__isnull=True).select_related("library")
    newest = records_live().order_by("-pk")[:limit]
    return list(
        newest.prefetch_related(
            Prefetch("items", queryset=copies.order_by("library__code", "barcode"))
        )
    )


def items_for_user(user) -> QuerySet[Item]:
    """Copies of the libraries ``user`` may see."""
    items = Item.objects.filter(deleted_at__isnull=True).select_related("record", "library")
    return scope_to_user(items, user)


def item_by_barcode(barcode: str) -> Item | None:
    return Item.objects.select_related("record", "library").filter(barcode=barcode).first()


def records_by_author(name: str, *, exclude=None, limit: int = 5) -> list[Record]:
    """Up to ``limit`` records naming ``name`` (case and accents aside) among
    their authors, other than ``exclude``: the search index's best matches of
    the name, kept where it is really an author's (no scan of the catalogue)."""
    wanted = fold(name)
    return _related(name, lambda record: wanted in map(fold, record.author_names), exclude, limit)


def records_on_subject(subject: str, *, exclude=None, limit: int = 5) -> list[Record]:
    """Up to ``limit`` records with ``subject`` among their subjects, other than
    ``exclude``, found like ``records_by_author``."""
    wanted = fold(subject)
    return _related(subject, lambda record: wanted in map(fold, record.subjects), exclude, limit)


def _related(words: str, keep, exclude, limit: int) -> list[Record]:
    found = catalog_search(query=words, per_page=RELATED_CANDIDATES, with_facets=False).records
    return [record for record in found if record.pk != exclude and keep(record)][:limit]
