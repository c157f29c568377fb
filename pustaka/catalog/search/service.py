"""``catalog_search``: keyword search of the union catalogue with filters, facets,
sorting and paging; the same results from either backend.

A search is one statement (``statements``), in a read of its own. The
full-text match (FTS5 or tsvector) gives the hits; the page, the total and
the facets are all read from them, and no facet re-runs the match or joins
the copies: each hit's facet key and holdings are read beside it (on SQLite
from a narrow table, not the documents' rows). The facets are counted here
from two strings the database joins (every hit's facet key, every hit's
holdings): cheaper than one ``GROUP BY`` per facet.

Ranking every hit is the dear part of a broad search. On SQLite the page is
ranked from the hits with a word in their title (a tenth of a common word's)
when the vocabulary shows no other hit can score as high (``bounds``), with
the order ranking all of them gives; otherwise, in a second statement of the
same read, from every hit."""

from collections import Counter
from dataclasses import dataclass, field

from django.db import connection
from stdnum import isbn as isbn_numbers

from pustaka.catalog.models import Record
from pustaka.catalog.search import backends, bounds, cache, delta, hitlists, records, statements
from pustaka.catalog.search.documents import (
    AVAILABLE_MARK,
    FACET_KEY,
    facet_values,
    holdings_libraries,
)
from pustaka.catalog.search.statements import SEPARATOR, SORTS
from pustaka.catalog.search.text import query_words
from pustaka.core.rows import key_value
from pustaka.libraries.models import Library

LIBRARY_CODES = f"SELECT id, code FROM {Library._meta.db_table}"
# Below this many hits, ranking every hit costs less than ranking the titles'
# first (SQLite: see ``_ranked_by_score``).
RANK_EVERY_HIT_BELOW = 5000
# A prefix matching more indexed terms than this lifts bm25's ceiling for a
# hit without a title match out of the titles' reach (``bounds``).
PREFIX_TERMS_MAX = 2
FACET_ORDER = (
    "material_type",
    "language",
    "audience",
    "ddc_hundreds",
    "decade",
    "library",
    "available",
)


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
    sort = sort if sort in SORTS else "relevance"
    page = max(page, 1)
    offset = (page - 1) * per_page
    if not (with_facets and offset + per_page <= cache.WINDOW):
        total, ranked, facets, _mark = _search(words, filters, sort, with_facets, per_page, offset)
        return SearchResult(total, _records([row[0] for row in ranked]), facets, page, per_page)
    key = cache.search_key(words, filters, sort)
    found = _remembered(key, delta.Query(words, filters, sort, _libraries), offset + per_page)
    if found is None:
        total, ranked, facets, mark = _search(words, filters, sort, True, cache.WINDOW, 0)
        found = {"total": total, "facets": facets, "ranked": ranked, "mark": mark}
        if total >= cache.min_hits() and not connection.in_atomic_block:
            cache.remember(key, found)
            cache.note_recent(query, filters, sort)
    record_ids = [row[0] for row in found["ranked"][offset : offset + per_page]]
    return SearchResult(found["total"], _records(record_ids), found["facets"], page, per_page)


def _search(
    words: list[str], filters: SearchFilters, sort: str, with_facets: bool, limit: int, offset: int
) -> tuple[int, list, dict, object]:
    """The search as ``_run`` gives it: from the word's kept hits when it is
    one word with a list kept (``hitlists``), else by the database; a word
    found broad there gets its list made."""
    if not hitlists.answers(words, sort):
        return _run(words, filters, sort, with_facets, limit, offset)
    kept = _kept_hits(words, filters, sort, with_facets, limit, offset)
    if kept is not None:
        return kept
    found = _run(words, filters, sort, with_facets, limit, offset)
    if found[0] >= hitlists.min_hits():
        hitlists.wanted(words[0])
    return found


def _kept_hits(
    words: list[str], filters: SearchFilters, sort: str, with_facets: bool, limit: int, offset: int
) -> tuple[int, list, dict, object] | None:
    """``_run``'s answer from the word's kept hits, when it has a list."""
    kept = hitlists.found(words[0], delta.Query(words, SearchFilters(), "relevance", _libraries))
    if kept is None:
        return None
    query = delta.Query(words, filters, sort, _libraries)
    total, hits, keys, held, available = kept.answer(query, offset + limit)
    hits = hits[offset:]
    record_of = hitlists.records_of([hit[0] for hit in hits])
    ranked = [(record_of[hit[0]], *hit[1:]) for hit in hits if hit[0] in record_of]
    facets = {}
    if with_facets and total:
        facets = _facets_counted(keys, held, available, query.libraries)
    return total, ranked, facets, kept.mark


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
    """The search: the total, ``limit`` hits from ``offset`` as ``(record id,
    k1, k2)`` (their sort keys), the facets, and the journal's mark of what
    the search saw."""
    libraries = _libraries() if filters.libraries else None
    backend = backends.current()
    match = backend.match(words) if words else None
    where = _where(backend, filters, libraries or {})
    with backend.reading(matching=bool(words)):
        if match and sort == "relevance" and backend.ranks_from_titles:
            first = offset + limit
            rows, ranked = _ranked_by_score(backend, match, where, with_facets, first)
            ranked = ranked[offset:]
        else:
            rows = backends.fetch(
                *statements.hits_statement(
                    backend, match, sort, where, with_facets, limit=limit, offset=offset
                )
            )
            ranked = [tuple(row[1:4]) for row in rows if row[0] == 0]
    summary = next(row for row in rows if row[0] == 1)
    total = summary[4]
    facets = {}
    if with_facets and total:
        keys, holdings = _tallies(backend, rows)
        facets = _facets(keys, holdings, _libraries() if libraries is None else libraries)
    return total, ranked, facets, summary[8]


def _ranked_by_score(
    backend, match: "backends.Match", where: tuple, with_facets: bool, first: int
) -> tuple[list, list]:
    """The statement's rows and the ``first`` hits by score (SQLite). When the
    vocabulary shows the words are common enough, the page is ranked from the
    hits with a word in their title: right when they are all the hits, or
    when no other hit can score as high as the last of them (``bounds``);
    otherwise every hit is ranked after all."""
    rows = backends.fetch(*statements.vocabulary_statement(backend, match))
    _none, averages, shortest = next(row for row in rows if row[0] is None)
    vocabulary = [row for row in rows if row[0] is not None]
    phrases = _phrases(match, vocabulary)
    titles = _titles_worth_trying(match, vocabulary, phrases)
    if _one_term_twice(match, vocabulary):
        match = backend.match_twice(match.phrases[0][0])
    rows = backends.fetch(
        *statements.scored_statement(backend, match, where, with_facets, first=first, titles=titles)
    )
    summary = next(row for row in rows if row[0] == 1)
    page = [tuple(row[1:4]) for row in rows if row[0] == 0]
    if (
        not titles
        or len(page) == summary[4]
        or (
            len(page) == first
            and bounds.titles_suffice(
                page[-1][1], phrases, *backends.index_figures(averages), shortest
            )
        )
    ):
        return rows, page
    ranking = backends.fetch(*statements.ranking_statement(match, where, first=first))
    return rows, [tuple(row[1:4]) for row in ranking]


def _titles_worth_trying(
    match: "backends.Match", vocabulary: list[tuple], phrases: list["bounds.Phrase"]
) -> bool:
    """Whether ranking from the titles first may pay: the words may have
    ``RANK_EVERY_HIT_BELOW`` hits or more (each word's terms' documents,
    added up, bound them), and no prefix matches so many terms that the
    ceiling is out of the titles' reach."""
    held = {term: documents for term, documents, _none in vocabulary}
    most = min(
        sum(
            held[term]
            for term in {
                term for position in group for term in _terms(match.phrases[position], held)
            }
        )
        for group in match.groups
    )
    return most >= RANK_EVERY_HIT_BELOW and all(
        phrase.terms <= PREFIX_TERMS_MAX for phrase in phrases
    )


def _one_term_twice(match: "backends.Match", vocabulary: list[tuple]) -> bool:
    """Whether the query is one word, its only form, which is also the only
    indexed term its prefix matches (most common words): see
    ``match_twice``."""
    if len(match.phrases) != 2:
        return False
    (word, _exact), (start, _prefix) = match.phrases
    return word == start and [term for term, _documents, _none in vocabulary] == [word]


def _phrases(match: "backends.Match", vocabulary: list[tuple]) -> list["bounds.Phrase"]:
    """Each phrase's terms and fewest documents, from the vocabulary's rows
    ``(term, documents, NULL)``."""
    held = {term: documents for term, documents, _none in vocabulary}
    phrases = []
    for phrase in match.phrases:
        counts = [held[term] for term in _terms(phrase, held)]
        phrases.append(bounds.Phrase(len(counts), max(counts, default=0)))
    return phrases


def _terms(phrase: tuple, held: dict) -> list[str]:
    """The indexed terms (among ``held``'s) a phrase ``(text, prefix)`` matches."""
    text, prefix = phrase
    if prefix:
        return [term for term in held if term.startswith(text)]
    return [text] if text in held else []


def search_words(query: str) -> list[str]:
    """The words to match; an ISBN in any form becomes its ISBN-13."""
    compact = query.strip().replace("-", "").replace(" ", "")
    if compact and isbn_numbers.is_valid(compact):
        return [isbn_numbers.to_isbn13(compact)]
    return query_words(query)


def _where(backend, filters: SearchFilters, libraries: dict) -> tuple[list[str], list]:
    """The conditions ``filters`` put on a document ``d``, and their
    parameters: on its description and holdings as the backend reads them
    (``{a}`` is the row holding them), on its year."""
    described, described_params = [], []
    for column, values in (
        ("material_type", filters.material_types),
        ("language", filters.languages),
        ("audience", filters.audiences),
        ("ddc_hundreds", filters.ddc_hundreds),
    ):
        if values:
            described.append(f"{{a}}.{column} IN ({', '.join(['%s'] * len(values))})")
            described_params.extend(values)
    parts = [(backend.described(" AND ".join(described)), described_params)] if described else []
    if filters.year_from is not None:
        parts.append(("d.year >= %s", [filters.year_from]))
    if filters.year_to is not None:
        parts.append(("d.year <= %s", [filters.year_to]))
    mark = AVAILABLE_MARK if filters.available else ""
    if filters.libraries:
        wanted = sorted(pk for pk, code in libraries.items() if code in filters.libraries)
        if not wanted:
            parts.append(("1 = 0", []))
        else:
            held = "(" + " OR ".join(["{a}.holdings LIKE %s"] * len(wanted)) + ")"
            parts.append((backend.held(held), [f"%{pk}{mark}%" for pk in wanted]))
    elif filters.available:
        parts.append((backend.held("{a}.holdings LIKE %s"), [f"%{mark}%"]))
    return [clause for clause, _ in parts], [param for _, params in parts for param in params]


def _libraries() -> dict:
    """Library code by the id (hex) the holdings name it with, by a plain
    statement: the queryset took 0.26-0.29 ms of each search, this 0.04."""
    with connection.cursor() as cursor:
        cursor.execute(LIBRARY_CODES)
        return {key_value(pk).hex: code for pk, code in cursor.fetchall()}


def _tallies(backend, rows: list[tuple]) -> tuple[Counter, Counter]:
    """How many hits have each facet key and each holdings: from the summary's
    joined values (part 1, SQLite: their numbers, named by ``backend.texts``)
    or its grouped rows (part 3, PostgreSQL)."""
    keys, holdings = Counter(), Counter()
    for part, _record, _k1, _k2, count, key, held, *_rest in rows:
        if part == 1 and key is not None:
            keys.update(key.split(SEPARATOR))
            holdings.update(held.split(SEPARATOR))
        elif part == 3:
            (keys if held is None else holdings)[key if held is None else held] += count
    if backend.codes_facets:
        keys, holdings = backend.texts(keys, holdings)
    return keys, holdings


def _facets(keys: Counter, holdings: Counter, libraries: dict) -> dict:
    """Facet counts from the hits' facet keys and holdings, each distinct
    one split once however many hits share it."""
    held, available = Counter(), 0
    for each, count in holdings.items():
        named, on_shelf = holdings_libraries(each)
        for library in named:
            held[library] += count
        available += count if on_shelf else 0
    return _facets_counted(keys, held, available, libraries)


def _facets_counted(keys: Counter, held: Counter, available: int, libraries: dict) -> dict:
    """Facet counts from the hits' facet keys, their count by library (the
    id the holdings name it by) and on the shelf; value ``""`` and NULL are
    not facets."""
    counts: dict = {name: Counter() for name in FACET_KEY}
    for key, count in keys.items():
        for name, value in facet_values(key).items():
            if value is not None:
                counts[name][value] += count
    facets = {name: _ordered(counts[name]) for name in FACET_KEY}
    facets["library"] = _ordered(
        Counter({libraries[code]: count for code, count in held.items() if code in libraries})
    )
    facets["available"] = available
    return {name: facets[name] for name in FACET_ORDER}


def _ordered(counts: Counter) -> list[tuple]:
    """Most frequent first, then by value."""
    return sorted(counts.items(), key=lambda item: (-item[1], item[0]))


def _records(record_ids: list) -> list[Record]:
    """The records in ``record_ids`` order, with their live copies and libraries
    (two statements built once: ``records``)."""
    return records.records_with_copies(record_ids)
