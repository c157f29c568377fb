"""The SQL of a search: what ``service._run`` sends to the database.

Every statement's rows are ``(part, record id, k1, k2, n, keys, holdings,
available, mark, ...)``: part 0 the page's records with their sort keys,
part 1 one summary (the total, every hit's facet key and holdings joined, how
many are on the shelf, the journal's mark of what the statement saw), part 3
(PostgreSQL) the hits counted by facet key and by holdings."""

from django.db import connection

from pustaka.catalog.search import journal
from pustaka.catalog.search.backends import Match

# Per sort: the two page keys (``k1``, ``k2``) taken from a hit and the order
# over them; the same order ranks the hits and the page rows of the statement.
SORTS = {
    "relevance": ("h.score", "h.id", "k1 DESC, k2"),
    "newest": ("h.year", "h.id", "k1 DESC NULLS LAST, k2 DESC"),
    "title": ("h.title", "h.id", "k1, k2"),
}
LATEST = ("h.id", "NULL", "k1 DESC")
SEPARATOR = "\x1e"
PAGE_COLUMNS = "NULL AS n, NULL AS keys, NULL AS holdings, NULL AS available, NULL AS mark"


def hits_statement(
    backend,
    match: Match | None,
    sort: str,
    where: tuple[list, list],
    with_facets: bool,
    *,
    limit: int,
    offset: int,
) -> tuple[str, list]:
    """The search as one statement over ``hits``: each matching document
    once, with what sorting and the facets need; the page and the summary are
    both read from it."""
    narrowing, where_params = where
    k1, k2, order = SORTS.get(sort, SORTS["relevance"]) if match or sort != "relevance" else LATEST
    if match:
        source, conditions, params = match.source, [match.condition], match.params
    else:
        source, conditions, params = backend.documents, [], []
    score = match.score if match and sort == "relevance" else "0"
    if sort == "title":
        source += backend.record_join()
    sql = (
        f"WITH hits AS {_materialized()}("
        f"SELECT d.id AS id, {score} AS score, d.year AS year, "
        f"{'LOWER(r.title)' if sort == 'title' else 'NULL'} AS title, "
        f"{backend.facet_columns[0]} AS facet_key, {backend.facet_columns[1]} AS holdings "
        f"FROM {source} WHERE {' AND '.join([*conditions, *narrowing]) or '1 = 1'}), "
        f"page AS (SELECT h.id AS id, {k1} AS k1, {k2} AS k2 FROM hits h "
        f"ORDER BY {order} LIMIT %s OFFSET %s) "
        f"SELECT 0 AS part, sd.record_id AS record_id, p.k1 AS k1, p.k2 AS k2, {PAGE_COLUMNS} "
        "FROM page p JOIN catalog_searchdocument sd ON sd.id = p.id "
        f"UNION ALL SELECT 1, NULL, NULL, NULL, "
        f"{summary(backend, ('h.facet_key', 'h.holdings'), with_facets)} "
        f"FROM hits h {_grouped(backend, with_facets)}"
        f"ORDER BY part DESC, {order}"
    )
    separators = [] if backend.groups_facets else _separators(with_facets)
    return sql, [*params, *where_params, limit, offset, *separators]


def vocabulary_statement(backend, match: Match) -> tuple[str, list]:
    """Rows ``(term, documents, NULL)`` of each indexed term a phrase of the
    query matches, then ``(NULL, averages, shortest)``: the index's figures
    (see ``bounds``)."""
    vocabulary, params = backend.vocabulary(match.phrases)
    sql = f"{vocabulary} UNION ALL SELECT NULL, {backend.index_statistics()}"
    return sql, params


def scored_statement(
    backend, match: Match, where: tuple[list, list], with_facets: bool, *, first: int, titles: bool
) -> tuple[str, list]:
    """The ``first`` hits by score (among those with a phrase in their title
    when ``titles``) and the summary of every hit."""
    narrowing, where_params = where
    among = [f"+{match.index_id} IN ({match.titles})"] if titles else []
    ranked = " AND ".join([match.condition, *among, *narrowing])
    counted = " AND ".join([match.condition, *narrowing])
    sql = (
        f"WITH page AS (SELECT {match.index_id} AS id, {match.score} AS k1 "
        f"FROM {match.source if narrowing else match.index} WHERE {ranked} "
        "ORDER BY k1 DESC, id LIMIT %s) "
        f"SELECT 0 AS part, sd.record_id AS record_id, p.k1 AS k1, p.id AS k2, {PAGE_COLUMNS} "
        "FROM page p JOIN catalog_searchdocument sd ON sd.id = p.id "
        f"UNION ALL SELECT 1, NULL, NULL, NULL, "
        f"{summary(backend, backend.facet_columns, with_facets)} "
        f"FROM {match.source} WHERE {counted} "
        "ORDER BY part DESC, k1 DESC, k2"
    )
    params = [*match.params, *(match.titles_params if titles else []), *where_params, first]
    return sql, [*params, *_separators(with_facets), *match.params, *where_params]


def ranking_statement(match: Match, where: tuple[list, list], *, first: int) -> tuple[str, list]:
    """The ``first`` hits by score, ranked from every hit."""
    narrowing, where_params = where
    ranked = " AND ".join([match.condition, *narrowing])
    sql = (
        f"WITH page AS (SELECT {match.index_id} AS id, {match.score} AS k1 "
        f"FROM {match.source if narrowing else match.index} WHERE {ranked} "
        "ORDER BY k1 DESC, id LIMIT %s) "
        "SELECT 0 AS part, sd.record_id, p.k1 AS k1, p.id AS k2 "
        "FROM page p JOIN catalog_searchdocument sd ON sd.id = p.id ORDER BY k1 DESC, k2"
    )
    return sql, [*match.params, *where_params, first]


def summary(backend, columns: tuple[str, str], with_facets: bool) -> str:
    """The summary's columns: the count and, for the facets, the hits' facet
    keys and holdings (``columns``) joined (each joined string takes a
    separator parameter), a column left empty and the journal's mark."""
    if not with_facets or backend.groups_facets:
        return f"COUNT(*), NULL, NULL, NULL, {journal.mark_sql()}"
    keys, holdings = columns
    return (
        f"COUNT(*), {backend.concat(keys)}, {backend.concat(holdings)}, NULL, {journal.mark_sql()}"
    )


def _grouped(backend, with_facets: bool) -> str:
    """Where the database counts the facets itself (PostgreSQL, in one pass
    over the hits), rows ``(3, ..., count, facet key or NULL, holdings or
    NULL)``: one per facet key and one per holdings."""
    if not (with_facets and backend.groups_facets):
        return ""
    return (
        "UNION ALL SELECT 3, NULL, NULL, NULL, COUNT(*), h.facet_key, h.holdings, NULL, NULL "
        "FROM hits h GROUP BY GROUPING SETS ((h.facet_key), (h.holdings)) "
    )


def _separators(with_facets: bool) -> list[str]:
    return [SEPARATOR, SEPARATOR] if with_facets else []


def _materialized() -> str:
    """``MATERIALIZED`` where the database knows it (SQLite 3.35, PostgreSQL
    12); older SQLite materialises a CTE used twice anyway."""
    if connection.vendor == "sqlite" and connection.Database.sqlite_version_info < (3, 35):
        return ""
    return "MATERIALIZED "
