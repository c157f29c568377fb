"""``catalog_search``: keyword search of the union catalogue with filters, facets,
sorting and paging; the same results from either backend."""

from dataclasses import dataclass, field

from django.db import connection
from django.db.models import Prefetch
from stdnum import isbn as isbn_numbers

from pustaka.catalog.models import Item, Record
from pustaka.catalog.search import backends
from pustaka.catalog.search.text import query_words

SORTS = {
    "relevance": "score DESC, d.id",
    "newest": "d.year DESC NULLS LAST, d.id DESC",
    "title": "LOWER(r.title), d.id",
}
LIVE_ITEM = "i.record_id = d.record_id AND i.deleted_at IS NULL AND i.status <> 'withdrawn'"


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
    narrowed by ``filters``, best first."""
    words = search_words(query)
    source, params = _source(words, sort)
    where, where_params = _where(filters)
    params = [*params, *where_params]
    order = SORTS.get(sort, SORTS["relevance"]) if words or sort != "relevance" else "d.id DESC"
    offset = (max(page, 1) - 1) * per_page
    rows = _fetch(
        f"SELECT d.record_id {source} WHERE {where} ORDER BY {order} LIMIT %s OFFSET %s",
        [*params, per_page, offset],
    )
    total = _fetch(f"SELECT COUNT(*) {source} WHERE {where}", params)[0][0]
    facets = _facets(source, where, params) if with_facets and total else {}
    return SearchResult(total, _records([row[0] for row in rows]), facets, page, per_page)


def search_words(query: str) -> list[str]:
    """The words to match; an ISBN in any form becomes its ISBN-13."""
    compact = query.strip().replace("-", "").replace(" ", "")
    if compact and isbn_numbers.is_valid(compact):
        return [isbn_numbers.to_isbn13(compact)]
    return query_words(query)


def _source(words: list[str], sort: str) -> tuple[str, list]:
    join_record = " JOIN catalog_record r ON r.id = d.record_id" if sort == "title" else ""
    if not words:
        return f"FROM catalog_searchdocument d{join_record}", []
    hits, params = backends.current().hits_sql(words)
    return f"FROM ({hits}) h JOIN catalog_searchdocument d ON d.id = h.doc_id{join_record}", params


def _where(filters: SearchFilters) -> tuple[str, list]:
    clauses, params = ["1 = 1"], []
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
    if filters.libraries or filters.available:
        item_sql, item_params = _item_condition(filters)
        clauses.append(f"EXISTS (SELECT 1 FROM catalog_item i WHERE {item_sql})")
        params.extend(item_params)
    return " AND ".join(clauses), params


def _item_condition(filters: SearchFilters) -> tuple[str, list]:
    sql, params = LIVE_ITEM, []
    if filters.available:
        sql += " AND i.status = 'available'"
    if filters.libraries:
        marks = ", ".join(["%s"] * len(filters.libraries))
        sql += f" AND i.library_id IN (SELECT id FROM libraries_library WHERE code IN ({marks}))"
        params.extend(filters.libraries)
    return sql, params


def _facets(source: str, where: str, params: list) -> dict:
    facets = {}
    for name, column in (
        ("material_type", "d.material_type"),
        ("language", "d.language"),
        ("audience", "d.audience"),
        ("ddc_hundreds", "d.ddc_hundreds"),
        ("decade", "(d.year / 10) * 10"),
    ):
        rows = _fetch(
            f"SELECT {column}, COUNT(*) {source} WHERE {where} AND {column} IS NOT NULL "
            f"GROUP BY {column} ORDER BY COUNT(*) DESC, {column}",
            params,
        )
        facets[name] = [(value, count) for value, count in rows if value != ""]
    facets["library"] = _fetch(
        f"SELECT l.code, COUNT(DISTINCT d.record_id) {source} "
        f"JOIN catalog_item i ON {LIVE_ITEM} JOIN libraries_library l ON l.id = i.library_id "
        f"WHERE {where} GROUP BY l.code ORDER BY COUNT(DISTINCT d.record_id) DESC, l.code",
        params,
    )
    facets["available"] = _fetch(
        f"SELECT COUNT(*) {source} WHERE {where} AND EXISTS "
        f"(SELECT 1 FROM catalog_item i WHERE {LIVE_ITEM} AND i.status = 'available')",
        params,
    )[0][0]
    return facets


def _fetch(sql: str, params: list) -> list[tuple]:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def _records(record_ids: list) -> list[Record]:
    """The records in ``record_ids`` order, with their live copies and libraries."""
    copies = Item.objects.filter(deleted_at__isnull=True).select_related("library")
    found = Record.objects.filter(pk__in=record_ids).prefetch_related(
        Prefetch("items", queryset=copies.order_by("library__code", "barcode"))
    )
    by_id = {str(record.pk).replace("-", ""): record for record in found}
    return [by_id[str(record_id).replace("-", "")] for record_id in record_ids]
