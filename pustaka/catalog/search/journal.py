"""The journal of search-document changes: what each changed document was
before, so a remembered broad search can be brought up to date instead of
run again (``delta``).

The catalogue's writes call ``record_*`` inside their transaction, with the
document rows they change locked. A write that changes more than ``LIMIT``
documents (an import) journals nothing and makes every remembered search
stale instead (``cache.catalogue_changed``): bringing a search up to date
from thousands of changes would cost more than running it.

``mark_sql`` is a column a search statement adds, telling which changes its
snapshot saw: on SQLite the highest change id (writes happen one at a time,
so ids are in commit order); on PostgreSQL the snapshot itself, because
concurrent transactions commit in another order than they take ids.
``since`` reads, in one statement, the changes a mark did not see, each with
its document as it is now, and the mark that covers them."""

import datetime
from dataclasses import dataclass

from django.db import connection
from django.utils import timezone

from pustaka.catalog.models import SearchChange, SearchDocument
from pustaka.catalog.search import cache

LIMIT = 50
PRUNE_EVERY = 1000
# Longer than a remembered search lives (the search cache keeps an entry a day).
KEEP = datetime.timedelta(days=2)
# The fields of a document a described change keeps (its terms and facet values).
DESCRIBED = (
    "terms_title",
    "terms_subject",
    "terms_other",
    "terms_notes",
    "material_type",
    "language",
    "year",
    "ddc_hundreds",
    "audience",
    "facet_key",
)
STATE = (*DESCRIBED, "holdings")


@dataclass
class Change:
    """A document's change since a mark: ``before`` and ``now`` are its states
    (``STATE`` fields; None when it did not exist / no longer exists);
    ``title`` is its record's title in lower case, now."""

    document_id: int
    record_id: str
    before: dict | None
    now: dict | None
    title: str | None


def wanted(count: int) -> bool:
    """Whether a write changing ``count`` documents is journalled; when not,
    every remembered search is forgotten once it commits."""
    if count <= LIMIT:
        return True
    cache.catalogue_changed()
    return False


def record_described(documents: list[dict]) -> None:
    """Documents about to change or go, as they are (``id``, ``record_id`` and
    ``STATE`` fields)."""
    _insert(
        SearchChange(
            document_id=document["id"],
            record_id=document["record_id"],
            described=True,
            **{name: _blank(document[name], name) for name in STATE},
        )
        for document in documents
    )


def record_added(documents: list[SearchDocument]) -> None:
    """Documents that did not exist before."""
    _insert(
        SearchChange(document_id=document.id, record_id=document.record_id, existed=False)
        for document in documents
    )


def record_holdings(rows: list[tuple]) -> None:
    """Documents whose holdings change: ``(id, record_id, holdings before)``."""
    _insert(
        SearchChange(document_id=doc_id, record_id=record_id, holdings=holdings)
        for doc_id, record_id, holdings in rows
    )


def _blank(value, name: str):
    """NULL stays NULL only where the column allows it (year, DDC hundreds)."""
    return value if value is not None or name in ("year", "ddc_hundreds") else ""


def _insert(changes) -> None:
    rows = SearchChange.objects.bulk_create(list(changes))
    if rows and rows[-1].id and rows[-1].id % PRUNE_EVERY < len(rows):
        SearchChange.objects.filter(created_at__lt=timezone.now() - KEEP).delete()


def mark_sql() -> str:
    """The column a search statement selects to say which changes it saw."""
    if connection.vendor == "postgresql":
        return "pg_current_snapshot()::text"
    return "(SELECT MAX(id) FROM catalog_searchchange)"


def since(mark, limit: int) -> tuple[object, list[Change]] | None:
    """The changes ``mark`` did not see, oldest first, folded to one per
    document, and the mark that covers them; None when there are more than
    ``limit``."""
    columns = ", ".join(f"j.{name}" for name in STATE)
    current = ", ".join(f"d.{name}" for name in STATE)
    if connection.vendor == "postgresql":
        high, unseen = (
            "pg_current_snapshot()::text",
            (
                "j.xid >= pg_snapshot_xmin(%s::pg_snapshot) "
                "AND NOT pg_visible_in_snapshot(j.xid, %s::pg_snapshot)"
            ),
        )
        params = [mark, mark]
    else:
        high, unseen = "(SELECT MAX(id) FROM catalog_searchchange)", "j.id > %s"
        params = [mark or 0]
    sql = (
        f"SELECT h.high, j.id, j.document_id, j.record_id, j.existed, j.described, {columns}, "
        f"d.id, {current}, LOWER(r.title) "
        f"FROM (SELECT {high} AS high) h "
        f"LEFT JOIN catalog_searchchange j ON {unseen} "
        "LEFT JOIN catalog_searchdocument d ON d.id = j.document_id "
        "LEFT JOIN catalog_record r ON r.id = d.record_id "
        "ORDER BY j.id LIMIT %s"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [*params, limit + 1])
        rows = cursor.fetchall()
    if len(rows) > limit:
        return None
    return rows[0][0], _folded([row[1:] for row in rows if row[1] is not None])


def _folded(rows: list[tuple]) -> list[Change]:
    """One change per document: its state before the first unseen change
    (terms from the first described one: until then they had not changed),
    and now."""
    size = len(STATE)
    changes: dict[int, Change] = {}
    described_seen: set[int] = set()
    for row in rows:
        _id, doc_id, record_id, existed, described = row[:5]
        old = dict(zip(STATE, row[5 : 5 + size], strict=True))
        now_id, now, title = row[5 + size], row[6 + size : 6 + 2 * size], row[-1]
        change = changes.get(doc_id)
        if change is None:
            now_state = dict(zip(STATE, now, strict=True)) if now_id is not None else None
            before = old if existed else None
            change = changes[doc_id] = Change(
                doc_id, record_hex(record_id), before, now_state, title
            )
            if described or not existed:
                described_seen.add(doc_id)
        elif described and doc_id not in described_seen and change.before is not None:
            change.before.update({name: old[name] for name in DESCRIBED})
            described_seen.add(doc_id)
    for doc_id, change in changes.items():
        if doc_id not in described_seen and change.before is not None:
            change.before.update({name: (change.now or {}).get(name) for name in DESCRIBED})
    return list(changes.values())


def record_hex(record_id) -> str:
    """A record id as one form for both databases (SQLite gives hex, PostgreSQL a UUID)."""
    return str(record_id).replace("-", "")
