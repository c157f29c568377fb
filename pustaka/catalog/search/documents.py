"""What is indexed for a record, and keeping the index in step with the records.

The catalogue services call ``index_records`` / ``unindex_records`` inside their
own transaction, so the index never disagrees with the catalogue.
"""

from collections.abc import Iterable

from pustaka.catalog.models import Record, SearchDocument
from pustaka.catalog.search import backends
from pustaka.catalog.search.text import terms

DOCUMENT_FIELDS = [
    "terms_title",
    "terms_subject",
    "terms_other",
    "terms_notes",
    "material_type",
    "language",
    "year",
    "ddc_hundreds",
    "audience",
]


def ddc_hundreds(ddc: str) -> int | None:
    """``"899.221"`` -> 800; None when the class does not start with three digits."""
    digits = (ddc or "").strip()[:3]
    return int(digits) // 100 * 100 if len(digits) == 3 and digits.isdigit() else None


def isbn_forms(isbns: list[str]) -> list[str]:
    """Each ISBN-13 and, for 978 ones, its ISBN-10, so either form finds the record."""
    from stdnum import isbn

    forms = []
    for value in isbns:
        forms.append(value)
        if value.startswith("978"):
            forms.append(isbn.to_isbn10(value))
    return forms


def document_for(record: Record) -> SearchDocument:
    """The search document of ``record`` (not saved)."""
    authors = " ".join(author.get("name", "") for author in record.authors)
    return SearchDocument(
        record_id=record.pk,
        terms_title=terms(record.title, record.subtitle, authors),
        terms_subject=terms(" ".join(record.subjects), record.series),
        terms_other=terms(
            " ".join(isbn_forms(record.isbns)), record.publisher, record.responsibility, record.ddc
        ),
        terms_notes=terms(record.notes),
        material_type=record.material_type,
        language=record.language,
        year=record.year,
        ddc_hundreds=ddc_hundreds(record.ddc),
        audience=record.audience,
    )


def index_records(records: Iterable[Record]) -> None:
    """Add or refresh the search documents of ``records`` (call inside the write's
    transaction)."""
    documents = [document_for(record) for record in records]
    if not documents:
        return
    record_ids = [document.record_id for document in documents]
    existing = dict(
        SearchDocument.objects.filter(record_id__in=record_ids).values_list("record_id", "id")
    )
    backend = backends.current()
    if existing:
        backend.remove(list(existing.values()))
    for document in documents:
        document.id = existing.get(document.record_id)
    fresh = [document for document in documents if document.id is None]
    stale = [document for document in documents if document.id is not None]
    SearchDocument.objects.bulk_create(fresh, batch_size=500)
    if stale:
        SearchDocument.objects.bulk_update(stale, DOCUMENT_FIELDS, batch_size=500)
    backend.add([document.id for document in documents])


def unindex_records(record_ids: Iterable) -> None:
    """Take records out of the search index (withdrawn records)."""
    ids = list(
        SearchDocument.objects.filter(record_id__in=list(record_ids)).values_list("id", flat=True)
    )
    if ids:
        backends.current().remove(ids)
        SearchDocument.objects.filter(id__in=ids).delete()
