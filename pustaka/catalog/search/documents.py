"""What is indexed for a record, and keeping the index in step with the records.

The catalogue services call ``index_records`` / ``unindex_records`` inside their
own transaction, so the index never disagrees with the catalogue, and
``holdings_refresh`` (``holdings_refresh_copy`` at the desk) whenever copies
are added or change status, so the holdings the library and "available now"
filters and facets read stay exact.
Each of them journals what the documents were before (``journal``), so the
remembered broad searches can be brought up to date.
"""

from collections.abc import Iterable
from functools import lru_cache

from django.db import connection

from pustaka.catalog.identifiers import isbn10
from pustaka.catalog.models import Item, Record, SearchDocument
from pustaka.catalog.search import backends, journal
from pustaka.catalog.search.text import repeated_terms, terms
from pustaka.core.bulk import built, rows_insert
from pustaka.core.rows import for_update, key_param, key_value, rows_update

# What a document holds besides its record (the journal keeps them as they were).
DOCUMENT_FIELDS = list(journal.STATE)
# The facets a document's ``facet_key`` holds, in order (the language last:
# it is the one value that is not a code or a number).
FACET_KEY = ("material_type", "audience", "ddc_hundreds", "decade", "language")
NUMERIC_FACETS = {"ddc_hundreds", "decade"}
AVAILABLE_MARK = "+"
HOLDINGS_REMEMBERED = 32_768


def ddc_hundreds(ddc: str) -> int | None:
    """``"899.221"`` -> 800; None when the class does not start with three digits."""
    digits = (ddc or "").strip()[:3]
    return int(digits) // 100 * 100 if len(digits) == 3 and digits.isdigit() else None


def isbn_forms(isbns: list[str]) -> list[str]:
    """Each ISBN-13 and, for 978 ones, its ISBN-10, so either form finds the record."""
    forms = []
    for value in isbns:
        forms.append(value)
        if value.startswith("978"):
            forms.append(isbn10(value))
    return forms


def holdings_of(record_ids: Iterable) -> dict:
    """The holdings of each record, from its live copies (not withdrawn):
    ``"<library id hex>[+] ..."``, one token per library in id order, ``+``
    when at least one copy there is on the shelf; records without live
    copies are left out."""
    copies: list = []
    for part in backends.chunks(list(dict.fromkeys(record_ids))):
        copies += (
            Item.objects.filter(record_id__in=part, deleted_at__isnull=True)
            .exclude(status=Item.Status.WITHDRAWN)
            .values_list("record_id", "library_id", "status")
        )
    return holdings_from(copies)


def holdings_from(copies: Iterable[tuple]) -> dict:
    """``holdings_of`` the records of these live copies, given as
    ``(record id, library id, status)``."""
    libraries: dict = {}
    for record_id, library_id, status in copies:
        held = libraries.setdefault(record_id, {})
        held[library_id.hex] = held.get(library_id.hex, False) or status == Item.Status.AVAILABLE
    return {
        record_id: " ".join(
            code + (AVAILABLE_MARK if available else "") for code, available in sorted(held.items())
        )
        for record_id, held in libraries.items()
    }


def holdings_refresh(record_ids: Iterable) -> None:
    """Bring the holdings of these records' search documents up to date (call
    inside the transaction that added copies or changed their status).

    The documents are locked first, so two desks lending copies of one record
    at once count its copies one after the other, each seeing the other's."""
    ids = list(dict.fromkeys(record_ids))
    if ids:
        _holdings_update(_locked_documents(ids), ids)


# What a desk's scan reads and writes of the search documents, as SQL (see
# ``core.rows``): the record's document, locked; its live copies; its holdings.
RECORD_DOCUMENT = "SELECT id, holdings FROM catalog_searchdocument WHERE record_id = %s"
RECORD_COPIES = (
    "SELECT library_id, status FROM catalog_item"
    " WHERE record_id = %s AND deleted_at IS NULL AND status <> %s"
)
HOLDINGS_SET = "UPDATE catalog_searchdocument SET holdings = %s WHERE id = %s"


def holdings_refresh_copy(item: Item) -> None:
    """``holdings_refresh`` of the record of one copy whose status the desk
    just changed. A copy back on the shelf of a library the holdings already
    show a copy on the shelf at changes nothing: its record's copies are not
    read (most returns). The document is locked all the same: a desk lending
    that other copy meanwhile waits, then counts this one as on the shelf."""
    record = key_param(item.record_id)
    with connection.cursor() as cursor:
        cursor.execute(RECORD_DOCUMENT + for_update(), [record])
        document = cursor.fetchone()
        if document is None:
            return
        document_id, holdings = document
        if item.status == Item.Status.AVAILABLE and (
            item.library_id.hex + AVAILABLE_MARK in holdings.split()
        ):
            return
        cursor.execute(RECORD_COPIES, [record, Item.Status.WITHDRAWN.value])
        copies = [(item.record_id, key_value(library), status) for library, status in cursor]
        now = holdings_from(copies).get(item.record_id, "")
        if now == holdings:
            return
        cursor.execute(HOLDINGS_SET, [now, document_id])
    journal.record_holdings([(document_id, item.record_id, holdings)])  # one: always journalled


def _locked_documents(record_ids: list) -> list[tuple]:
    """``(id, record id, holdings)`` of these records' search documents, locked
    for the rest of the transaction."""
    documents = []
    for part in backends.chunks(record_ids):
        locked = SearchDocument.objects.select_for_update().filter(record_id__in=part)
        documents.extend(locked.order_by("id").values_list("id", "record_id", "holdings"))
    return documents


def _holdings_update(documents: list[tuple], record_ids: list) -> None:
    """Write the holdings of ``documents`` (locked) that their records' copies
    no longer match, and journal what they were."""
    holdings = holdings_of(record_ids)
    stale = [row for row in documents if holdings.get(row[1], "") != row[2]]
    if not stale:
        return
    rows_update(
        SearchDocument,
        [
            SearchDocument(id=doc_id, holdings=holdings.get(record_id, ""))
            for doc_id, record_id, _ in stale
        ],
        ["holdings"],
    )
    if journal.wanted(len(stale)):
        journal.record_holdings(stale)


def facet_key(document: SearchDocument) -> str:
    """``FACET_KEY``'s values of ``document``, joined by ``|``."""
    ddc = "" if document.ddc_hundreds is None else str(document.ddc_hundreds)
    decade = "" if document.year in (None, "") else str(int(document.year) // 10 * 10)
    values = (document.material_type, document.audience, ddc, decade, document.language)
    return "|".join(value or "" for value in values)


def facet_values(key: str | None) -> dict:
    """The values a ``facet_key`` holds, by facet (numbers as numbers, a
    value the document has not as None)."""
    values = (key or "").split("|", len(FACET_KEY) - 1)
    if len(values) != len(FACET_KEY):
        return dict.fromkeys(FACET_KEY)
    return {
        name: None if value == "" else int(value) if name in NUMERIC_FACETS else value
        for name, value in zip(FACET_KEY, values, strict=True)
    }


@lru_cache(maxsize=HOLDINGS_REMEMBERED)
def holdings_libraries(holdings: str | None) -> tuple[tuple[str, ...], bool]:
    """The libraries (ids in hex) a document's holdings name, and whether a
    copy is on the shelf at any of them (what ``holdings_from`` wrote).
    Remembered: a search's facets read the same few thousand texts again
    and again (a catalogue of a million records had eleven thousand)."""
    holdings = holdings or ""
    named = tuple(token.rstrip(AVAILABLE_MARK) for token in holdings.split())
    return named, AVAILABLE_MARK in holdings


def document_terms(record: Record) -> tuple[str, str, str, str]:
    """The terms of ``record``'s search document: title and authors, subjects
    and series, identifiers and publisher, notes."""
    authors = " ".join(author.get("name", "") for author in record.authors)
    return (
        terms(record.title, record.subtitle, authors),
        repeated_terms(" ".join(record.subjects), record.series),
        terms(
            " ".join(isbn_forms(record.isbns)), record.publisher, record.responsibility, record.ddc
        ),
        repeated_terms(record.notes),
    )


def document_for(record: Record, known_terms: tuple | None = None) -> SearchDocument:
    """The search document of ``record`` (not saved; its holdings are filled
    in by ``index_documents``). ``known_terms``: its ``document_terms`` when
    already computed (the MARC import computes them while reading the file)."""
    title, subject, other, notes = known_terms or document_terms(record)
    document = built(
        SearchDocument,
        {
            "record_id": record.pk,
            "terms_title": title,
            "terms_subject": subject,
            "terms_other": other,
            "terms_notes": notes,
            "material_type": record.material_type,
            "language": record.language,
            "year": record.year,
            "ddc_hundreds": ddc_hundreds(record.ddc),
            "audience": record.audience,
        },
    )
    document.facet_key = facet_key(document)
    return document


def index_records(records: Iterable[Record]) -> None:
    """Add or refresh the search documents of ``records`` (call inside the write's
    transaction)."""
    index_documents([document_for(record) for record in records])


def index_documents(documents: list[SearchDocument], *, new_copies: list | None = None) -> None:
    """Add or refresh these search documents, made by ``document_for`` (call
    inside the write's transaction). ``new_copies``: when the documents'
    records were all created in this transaction, the copies added with them:
    their holdings come from those, and no document of theirs is looked for."""
    if not documents:
        return
    record_ids = [document.record_id for document in documents]
    if new_copies is None:
        holdings = holdings_of(record_ids)
        existing = dict(
            SearchDocument.objects.filter(record_id__among=record_ids).values_list(
                "record_id", "id"
            )
        )
    else:
        holdings = holdings_from((c.record_id, c.library_id, c.status) for c in new_copies)
        existing = {}
    for document in documents:
        document.holdings = holdings.get(document.record_id, "")
    journalled = journal.wanted(len(documents))
    if existing and journalled:
        journal.record_described(_states(list(existing.values())))
    backend = backends.current()
    if existing:
        backend.remove(list(existing.values()))
    for document in documents:
        document.id = existing.get(document.record_id)
    fresh = [document for document in documents if document.id is None]
    stale = [document for document in documents if document.id is not None]
    rows_insert(SearchDocument, fresh)
    _ids_fill(fresh)
    rows_update(SearchDocument, stale, DOCUMENT_FIELDS)
    backend.add([document.id for document in documents])
    if journalled:
        journal.record_added(fresh)


def index_tidy() -> None:
    """Tidy the full-text index after a large write (an import), so that the
    searches after it read no more than they need (``backends.*.tidy``)."""
    backends.current().tidy()


def unindex_records(record_ids: Iterable) -> None:
    """Take records out of the search index (withdrawn records)."""
    ids = list(
        SearchDocument.objects.filter(record_id__in=list(record_ids)).values_list("id", flat=True)
    )
    if ids:
        if journal.wanted(len(ids)):
            journal.record_described(_states(ids))
        backends.current().remove(ids)
        SearchDocument.objects.filter(id__in=ids).delete()


def _ids_fill(documents: list[SearchDocument]) -> None:
    """Set the ids the database gave ``documents``: inserted without asking
    for them back (``bulk_create`` costs more than this look-up), as a
    ``COPY`` on PostgreSQL cannot answer."""
    record_ids = [document.record_id for document in documents]
    rows = SearchDocument.objects.filter(record_id__among=record_ids).values_list("record_id", "id")
    ids = dict(rows)
    for document in documents:
        document.id = ids[document.record_id]


def _states(document_ids: list[int]) -> list[dict]:
    """The documents as they are, locked for the change about to be made."""
    documents = SearchDocument.objects.select_for_update().filter(id__in=document_ids)
    return list(documents.order_by("id").values("id", "record_id", *journal.STATE))
