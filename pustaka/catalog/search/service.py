"""``catalog_search``: keyword search of the union catalogue with filters, facets,
sorting and paging; the same results from either backend.

A search is one statement. The full-text match (FTS5 or tsvector) runs once,
into a materialised set of hits that carries each hit's score and its
document's facet key and holdings (see ``documents``); the page, the total and
the facets are all read from that set, so no facet re-runs the match and none
joins the copies. (On SQLite, words alone are matched twice in the statement,
which is cheaper there: bm25 ranks the page from the index, the documents are
read only for the summary.) The facets are counted here from two strings the
database joins (every hit's facet key, every hit's holdings): cheaper than one
``GROUP BY`` per facet, and the same code for both databases."""

from collections import Counter
from dataclasses import dataclass, field

from django.db import connection
from django.db.models import Prefetch
from stdnum import isbn as isbn_numbers

from pustaka.catalog.models import Item, Record
from pustaka.catalog.search import backends, cache, delta, journal
from pustaka.catalog.search.documents import AVAILABLE_MARK, FACET_KEY
from pustaka.catalog.search.text import query_words
from pustaka.libraries.models import Library

# Per sort: the two page keys (``k1``, ``k2``) taken from a hit and the order
# over them; the same order ranks the hits and the page rows of the statement.
SORTS = {
    "relevance": ("h.score", "h.id", "k1 DESC, k2"),
    "newest": ("h.year", "h.id", "k1 DESC NULLS LAST, k2 DESC"),
    "title": ("h.title", "h.id", "k1, k2"),
}
LATEST = ("h.id", "NULL", "k1 DESC")
NUMERIC_FACETS = {"ddc_hundreds", "decade"}
FACET_ORDER = (
    "material_type",
    "language",
    "audience",
    "ddc_hundreds",
    "decade",
    "library",
    "available",
)
SEPARATOR = "\x1e"


@dataclass(frozen=True)
class SearchFilters:
    """What a search is narrowed to; empty means no restriction."""

    libraries: tuple[str, ...] = ()
    material_types: tuple[str, ...] = ()
    languages: tuple[str, ...] = ()
    audiences: tuple[str, ...] = ()
    ddc_hundreds: tuple[int, ...] = ()
    year_from: int | None = None
    year_to: int | None = None
    available: bool = False


@dataclass
class SearchResult:
    total: int
    records: list[Record]
    facets: dict = field(default_factory=dict)
    page: int = 1
    per_page: int = 20


def catalog_search(
    *,
    query: str = "",
    filters: SearchFilters = SearchFilters(),
    sort: str = "relevance",
    page: int = 1,
    per_page: int = 20,
    with_facets: bool = True,
) -> SearchResult:
    """Records matching every word of ``query`` (the last also as a prefix),
    narrowed by ``filters``, best first.

    One statement gives the page, the total and what the facets are counted
    from (see the module docstring); then the page's records are read with
    their copies. A broad search's total, facets and first records are
    remembered and brought up to date with the catalogue's changes (see
    ``cache`` and ``delta``)."""
    words = search_words(query)
    page = max(page, 1)
    offset = (page - 1) * per_page
    if not (with_facets and offset + per_page <= cache.WINDOW):
        total, ranked, facets, _mark = _run(words, filters, sort, with_facets, per_page, offset)
        return SearchResult(total, _records([row[0] for row in ranked]), facets, page, per_page)
    key = cache.search_key(words, filters, sort)
    found = _remembered(key, delta.Query(words, filters, sort, _libraries), offset + per_page)
    if found is None:
        total, ranked, facets, mark = _run(words, filters, sort, True, cache.WINDOW, 0)
        found = {"total": total, "facets": facets, "ranked": ranked, "mark": mark}
        if total >= cache.min_hits() and not connection.in_atomic_block:
            cache.remember(key, found)
            cache.note_recent(query, filters, sort)
    record_ids = [row[0] for row in found["ranked"][offset : offset + per_page]]
    return SearchResult(found["total"], _records(record_ids), found["facets"], page, per_page)


def _remembered(key: str, query: "delta.Query", needed: int) -> dict | None:
    """The remembered search under ``key``, brought up to date, when it has
    the first ``needed`` records; it is remembered again when it changed.

    Inside a transaction nothing is recalled or remembered: what the
    transaction wrote is not in the journal's past, and may yet be undone."""
    if connection.in_atomic_block:
        return None
    found = cache.recall(key)
    if found is None:
        return None
    updated = delta.brought_up_to_date(found, query)
    if updated is None:
        return None
    found, changed = updated
    if len(found["ranked"]) < min(needed, found["total"]):
        return None
    if changed:
        cache.remember(key, found)
    return found


def _run(
    words: list[str], filters: SearchFilters, sort: str, with_facets: bool, limit: int, offset: int
) -> tuple[int, list, dict, object]:
    """The search statement: the total, ``limit`` hits from ``offset`` as
    ``(record id, k1, k2)`` (their sort keys), the facets, and the journal's
    mark of what the statement saw."""
    libraries = _libraries() if filters.libraries else None
    sql, params = _statement(
        words, filters, sort, libraries or {}, with_facets, limit=limit, offset=offset
    )
    rows = backends.current().fetch(sql, params, matching=bool(words))
    summary, page_rows = rows[0], rows[1:]
    total = summary[4]
    facets = {}
    if with_facets and total:
        facets = _facets(summary, _libraries() if libraries is None else libraries)
    return total, [tuple(row[1:4]) for row in page_rows], facets, summary[-1]


def search_words(query: str) -> list[str]:
    """The words to match; an ISBN in any form becomes its ISBN-13."""
    compact = query.strip().replace("-", "").replace(" ", "")
    if compact and isbn_numbers.is_valid(compact):
        return [isbn_numbers.to_isbn13(compact)]
    return query_words(query)


def _statement(
    words: list[str],
    filters: SearchFilters,
    sort: str,
    libraries: dict,
    with_facets: bool,
    *,
    limit: int,
    offset: int,
) -> tuple[str, list]:
    """The search as one statement: its first row is the summary (total,
    facet keys, holdings, how many available), the next are the page's records.

    ``hits`` holds each matching document once, with what sorting and the
    facets need; the page and the summary are both read from it. Where the
    full-text index can rank alone (SQLite) and nothing but the words narrows
    the search, the page is ranked from the index and the summary counted from
    the documents instead, each skipping the other's dear part (bm25, or
    reading the document rows)."""
    backend = backends.current()
    match = backend.match(words) if words else None
    narrowing, where_params = _where(filters, libraries)
    k1, k2, order = SORTS.get(sort, SORTS["relevance"]) if words or sort != "relevance" else LATEST
    separators = [SEPARATOR, " "] if with_facets else []
    columns = "NULL AS n, NULL AS keys, NULL AS holdings, NULL AS available, NULL AS mark"
    if match and match.index and sort == "relevance" and not narrowing:
        sql = (
            f"WITH page AS (SELECT {match.index_id} AS id, {match.score} AS k1 "
            f"FROM {match.index} WHERE {match.condition} ORDER BY k1 DESC, id "
            "LIMIT %s OFFSET %s) "
            f"SELECT 0 AS part, d.record_id, p.k1 AS k1, p.id AS k2, {columns} "
            "FROM page p JOIN catalog_searchdocument d ON d.id = p.id "
            f"UNION ALL SELECT 1, NULL, NULL, NULL, {_summary(backend, 'd', with_facets)} "
            f"FROM {match.source} WHERE {match.condition} "
            "ORDER BY part DESC, k1 DESC, k2"
        )
        return sql, [*match.params, limit, offset, *separators, *match.params]
    if match:
        source, conditions, score, params = (
            match.source,
            [match.condition],
            match.score,
            match.params,
        )
    else:
        source, conditions, score, params = "catalog_searchdocument d", [], "0", []
    if sort == "title":
        source += " JOIN catalog_record r ON r.id = d.record_id"
    sql = (
        f"WITH hits AS {_materialized()}("
        f"SELECT d.id AS id, d.record_id AS record_id, {score} AS score, d.year AS year, "
        f"{'LOWER(r.title)' if sort == 'title' else 'NULL'} AS title, "
        "d.facet_key AS facet_key, d.holdings AS holdings "
        f"FROM {source} WHERE {' AND '.join([*conditions, *narrowing]) or '1 = 1'}), "
        f"page AS (SELECT h.record_id AS record_id, {k1} AS k1, {k2} AS k2 FROM hits h "
        f"ORDER BY {order} LIMIT %s OFFSET %s) "
        f"SELECT 0 AS part, record_id, k1, k2, {columns} FROM page "
        f"UNION ALL SELECT 1, NULL, NULL, NULL, {_summary(backend, 'h', with_facets)} "
        "FROM hits h "
        f"ORDER BY part DESC, {order}"
    )
    return sql, [*params, *where_params, limit, offset, *separators]


def _summary(backend, alias: str, with_facets: bool) -> str:
    """The summary's columns over the rows of ``alias``: the count and, for
    the facets, the joined facet keys and holdings and how many are available
    (each joined string takes a separator parameter)."""
    if not with_facets:
        return f"COUNT(*), NULL, NULL, NULL, {journal.mark_sql()}"
    return (
        f"COUNT(*), {backend.concat(f'{alias}.facet_key')}, "
        f"{backend.concat(f'{alias}.holdings')}, "
        f"SUM(CASE WHEN {alias}.holdings LIKE '%%{AVAILABLE_MARK}%%' THEN 1 ELSE 0 END), "
        f"{journal.mark_sql()}"
    )


def _materialized() -> str:
    """``MATERIALIZED`` where the database knows it (SQLite 3.35, PostgreSQL
    12); older SQLite materialises a CTE used twice anyway."""
    if connection.vendor == "sqlite" and connection.Database.sqlite_version_info < (3, 35):
        return ""
    return "MATERIALIZED "


def _where(filters: SearchFilters, libraries: dict) -> tuple[list[str], list]:
    """The conditions ``filters`` put on a document ``d``, and their parameters."""
    clauses, params = [], []
    for column, values in (
        ("d.material_type", filters.material_types),
        ("d.language", filters.languages),
        ("d.audience", filters.audiences),
        ("d.ddc_hundreds", filters.ddc_hundreds),
    ):
        if values:
            clauses.append(f"{column} IN ({', '.join(['%s'] * len(values))})")
            params.extend(values)
    if filters.year_from is not None:
        clauses.append("d.year >= %s")
        params.append(filters.year_from)
    if filters.year_to is not None:
        clauses.append("d.year <= %s")
        params.append(filters.year_to)
    mark = AVAILABLE_MARK if filters.available else ""
    if filters.libraries:
        wanted = sorted(pk for pk, code in libraries.items() if code in filters.libraries)
        if not wanted:
            clauses.append("1 = 0")
        else:
            clauses.append("(" + " OR ".join(["d.holdings LIKE %s"] * len(wanted)) + ")")
            params.extend(f"%{pk}{mark}%" for pk in wanted)
    elif filters.available:
        clauses.append("d.holdings LIKE %s")
        params.append(f"%{mark}%")
    return clauses, params


def _libraries() -> dict:
    """Library code by the id (hex) the holdings name it with."""
    return {pk.hex: code for pk, code in Library.objects.values_list("pk", "code")}


def _facets(summary: tuple, libraries: dict) -> dict:
    """Facet counts from the summary row: each hit's facet key and holdings,
    joined; value ``""`` and NULL are not facets."""
    _part, _record, _k1, _k2, _total, keys, holdings, available, _mark = summary
    counts: dict = {name: Counter() for name in FACET_KEY}
    for key, count in Counter((keys or "").split(SEPARATOR)).items():
        for name, value in zip(FACET_KEY, key.split("|", len(FACET_KEY) - 1), strict=True):
            if value != "":
                counts[name][int(value) if name in NUMERIC_FACETS else value] += count
    facets = {name: _ordered(counts[name]) for name in FACET_KEY}
    held = Counter()
    for token, count in Counter((holdings or "").split()).items():
        held[token.rstrip(AVAILABLE_MARK)] += count
    facets["library"] = _ordered(
        Counter({libraries[code]: count for code, count in held.items() if code in libraries})
    )
    facets["available"] = available or 0
    return {name: facets[name] for name in FACET_ORDER}


def _ordered(counts: Counter) -> list[tuple]:
    """Most frequent first, then by value."""
    return sorted(counts.items(), key=lambda item: (-item[1], item[0]))


def _records(record_ids: list) -> list[Record]:
    """The records in ``record_ids`` order, with their live copies and libraries."""
    copies = Item.objects.filter(deleted_at__isnull=True).select_related("library")
    found = Record.objects.filter(pk__in=record_ids).prefetch_related(
        Prefetch("items", queryset=copies.order_by("library__code", "barcode"))
    )
    by_id = {str(record.pk).replace("-", ""): record for record in found}
    keys = (str(record_id).replace("-", "") for record_id in record_ids)
    return [by_id[key] for key in keys if key in by_id]
