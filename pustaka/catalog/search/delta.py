"""Bringing a remembered broad search up to date from the journal of changes.

A desk lending a copy, or a librarian adding a record, changes one search
document; running a broad search again for that costs a second at a million
records, while correcting what was remembered costs a few milliseconds. For
each document changed since the search was remembered, its state before and
now are matched against the search here, in Python, with the same terms the
database indexes (``text``), so:

- the total and every facet count lose what the document counted for before
  and gain what it counts for now;
- the remembered first records (a prefix of the ranking, ``ranked``) lose
  the document and take it back at its place now, when that place is inside
  the prefix; its relevance score is asked of the full-text index (on
  PostgreSQL) or computed here from its terms (on SQLite, where asking FTS5
  for one document's bm25 reads the query's whole doclists, 30 ms for a
  common word at a million records: here each phrase's number of documents
  is read once and remembered with the search). Scores of other records are
  the ones they had when remembered (bm25's corpus statistics drift a little
  as the catalogue grows), so the order of nearly equal records may differ
  from a fresh run's until the search is run again.

When more than ``MAX_CHANGES`` documents changed, or the prefix became too
short for the page asked, the search is run again."""

from collections import Counter
from collections.abc import Callable
from functools import cached_property

from django.db import connection

from pustaka.catalog.search import backends, bounds, journal
from pustaka.catalog.search.documents import (
    AVAILABLE_MARK,
    FACET_KEY,
    facet_values,
    holdings_libraries,
)
from pustaka.catalog.search.text import as_prefix, variants

MAX_CHANGES = 200
TERM_FIELDS = ("terms_title", "terms_subject", "terms_other", "terms_notes")


def brought_up_to_date(found: dict, query) -> tuple[dict, bool] | None:
    """``found`` (``total``, ``facets``, ``ranked``, ``mark``) as it is now
    for ``query`` (a ``Query``), and whether anything changed; None when the
    search must run again."""
    unseen = journal.since(found["mark"], MAX_CHANGES)
    if unseen is None:
        return None
    mark, changes = unseen
    if not changes:
        return ({**found, "mark": mark}, mark != found["mark"])
    query.phrase_documents = found.get("phrase_documents")
    facets = {name: Counter(dict(found["facets"].get(name, []))) for name in FACET_KEY}
    facets["library"] = Counter(dict(found["facets"].get("library", [])))
    available = found["facets"].get("available", 0)
    total = found["total"]
    complete = len(found["ranked"]) >= total
    moved = [change for change in changes if not keeps_place(change, query)]
    moving = {change.record_id for change in moved}
    ranked = [row for row in found["ranked"] if journal.record_hex(row[0]) not in moving]
    for change in changes:
        for state, sign in ((change.before, -1), (change.now, 1)):
            if state is not None and query.matches(state):
                total += sign
                available += sign * _count_facets(facets, state, sign, query.libraries)
    entering = [change for change in moved if change.now and query.matches(change.now)]
    ranked = _ranked(ranked, entering, query, complete)
    if ranked is None:
        return None
    updated = {
        "total": total,
        "facets": _facets(facets, available, found["facets"]),
        "ranked": ranked,
        "mark": mark,
    }
    if query.phrase_documents is not None:
        updated["phrase_documents"] = query.phrase_documents
    return updated, True


def keeps_place(change, query) -> bool:
    """Whether a hit before and now whose description did not change (a copy
    lent or returned) keeps its place: its sort keys are what they were.
    (Titles are re-read: their sort key is the record's title, not a term.)"""
    if change.before is None or change.now is None or query.sort == "title":
        return False
    unchanged = all(change.before[name] == change.now[name] for name in journal.DESCRIBED)
    return unchanged and query.matches(change.before) and query.matches(change.now)


def _count_facets(facets: dict, state: dict, sign: int, libraries: dict) -> int:
    """Add ``sign`` to each facet value of ``state``; 1 when it is available."""
    for name, value in facet_values(state["facet_key"]).items():
        if value is not None:
            facets[name][value] += sign
    named, on_shelf = holdings_libraries(state["holdings"])
    for library in named:
        code = libraries.get(library)
        if code:
            facets["library"][code] += sign
    return 1 if on_shelf else 0


def _facets(counts: dict, available: int, before: dict) -> dict:
    """The facets in the remembered shape: names in their order, most
    frequent value first; values counted down to nothing are dropped."""
    shaped = {}
    for name in before:
        if name == "available":
            shaped[name] = available
        else:
            remaining = {value: count for value, count in counts[name].items() if count > 0}
            shaped[name] = sorted(remaining.items(), key=lambda item: (-item[1], item[0]))
    return shaped


def _ranked(ranked: list, entering: list, query, complete: bool) -> list | None:
    """The remembered prefix of the ranking with ``entering`` documents at
    their place; those that fall after its last record stay out unless it
    held every hit (then it still does). None when a score is missing."""
    keys = query.keys(entering)
    if keys is None:
        return None
    order = query.order
    last = order(ranked[-1][1], ranked[-1][2]) if ranked else None
    for change in entering:
        k1, k2 = keys[change.document_id]
        if complete or (last is not None and order(k1, k2) < last):
            ranked.append((change.record_id, k1, k2))
    ranked.sort(key=lambda row: order(row[1], row[2]))
    return ranked


class Query:
    """A search as the delta needs it: which documents match, and the sort
    keys of a document (as the search statement computes them)."""

    def __init__(self, words, filters, sort: str, libraries: Callable[[], dict]):
        self.words = words
        self.filters = filters
        self.sort = sort if words or sort != "relevance" else "latest"
        self._libraries = libraries
        # Each phrase's number of documents, for scores computed from terms
        # (remembered with the search).
        self.phrase_documents: list[int] | None = None

    @cached_property
    def libraries(self) -> dict:
        """Library code by the id (hex) the holdings name it with."""
        return self._libraries()

    @cached_property
    def library_tokens(self) -> list[str]:
        return sorted(pk for pk, code in self.libraries.items() if code in self.filters.libraries)

    def matches(self, state: dict) -> bool:
        """Whether a document in ``state`` is a hit: every word (the last also
        as a prefix) among its terms, and every filter."""
        return self._words_match(state) and self._filters_match(state)

    def _words_match(self, state: dict) -> bool:
        tokens = set(" ".join(state[name] or "" for name in TERM_FIELDS).split())
        for position, word in enumerate(self.words):
            if any(form in tokens for form in variants(word)):
                continue
            if as_prefix(self.words, position) and any(t.startswith(word) for t in tokens):
                continue
            return False
        return True

    def _filters_match(self, state: dict) -> bool:
        filters = self.filters
        year = state["year"]
        if filters.year_from is not None and (year is None or year < filters.year_from):
            return False
        if filters.year_to is not None and (year is None or year > filters.year_to):
            return False
        return self.described_pass(state) and self.holdings_pass(state["holdings"] or "")

    @cached_property
    def described_filters(self) -> list[tuple[str, tuple]]:
        """The filters on a description's values, as ``(field, values wanted)``."""
        filters = self.filters
        named = (
            ("material_type", filters.material_types),
            ("language", filters.languages),
            ("audience", filters.audiences),
            ("ddc_hundreds", filters.ddc_hundreds),
        )
        return [(name, values) for name, values in named if values]

    def described_pass(self, values: dict) -> bool:
        """Whether a description's values (material type, language, audience,
        DDC hundreds) pass the filters."""
        return all(values[name] in wanted for name, wanted in self.described_filters)

    def holdings_pass(self, holdings: str) -> bool:
        """Whether a document's holdings pass the library and shelf filters."""
        filters = self.filters
        mark = AVAILABLE_MARK if filters.available else ""
        if filters.libraries:
            return any(f"{token}{mark}" in holdings for token in self.library_tokens)
        return not filters.available or AVAILABLE_MARK in holdings

    def keys(self, changes: list) -> dict | None:
        """The sort keys (``k1``, ``k2``) of each document of ``changes``
        by its id; None when the index does not rank one the terms match."""
        if self.sort == "latest":
            return {change.document_id: (change.document_id, None) for change in changes}
        if self.sort == "newest":
            return {
                change.document_id: (change.now["year"], change.document_id) for change in changes
            }
        if self.sort == "title":
            return {change.document_id: (change.title, change.document_id) for change in changes}
        if backends.current().scores_from_terms:
            scores = self._scores_from_terms(changes)
        else:
            scores = _scores(self.words, [change.document_id for change in changes])
        if len(scores) < len(changes):
            return None
        return {
            change.document_id: (scores[change.document_id], change.document_id)
            for change in changes
        }

    def _scores_from_terms(self, changes: list) -> dict:
        """The bm25 score of each document of ``changes`` (all hits now) by
        its id, from its terms now, as FTS5 gives it (see ``bounds.score``)."""
        if not changes:
            return {}
        backend = backends.current()
        phrases = backend.match(self.words).phrases
        if self.phrase_documents is None:
            self.phrase_documents = backend.phrase_documents(phrases)
        rows, tokens = backend.figures()
        scores = {}
        for change in changes:
            columns = [(change.now[name] or "").split() for name in TERM_FIELDS]
            frequencies = [_weighted_instances(phrase, columns) for phrase in phrases]
            length = sum(map(len, columns))
            scores[change.document_id] = bounds.score(
                frequencies, length, self.phrase_documents, rows, tokens
            )
        return scores

    def order(self, k1, k2) -> tuple:
        """A key putting documents in the search statement's order."""
        if self.sort == "latest":
            return (-k1,)
        if self.sort == "newest":
            return (k1 is None, -(k1 or 0), -k2)
        if self.sort == "title":
            return (k1 or "", k2)
        return (-k1, k2)


def _weighted_instances(phrase: tuple, columns: list[list[str]]) -> float:
    """A phrase ``(text, prefix)``'s instances among a document's terms, each
    counting its column's weight (bm25's ``f(p)``)."""
    text, prefix = phrase
    return sum(
        weight * sum(1 for term in terms if (term.startswith(text) if prefix else term == text))
        for weight, terms in zip(bounds.WEIGHTS, columns, strict=True)
    )


def _scores(words: list[str], document_ids: list[int]) -> dict:
    """The relevance score of each document the words match, by its id, as
    the index gives it."""
    if not document_ids:
        return {}
    match = backends.current().match(words)
    table, id_column = (match.index, match.index_id) if match.index else (match.source, "d.id")
    marks = ", ".join(["%s"] * len(document_ids))
    sql = (
        f"SELECT {id_column}, {match.score} FROM {table} "
        f"WHERE {match.condition} AND {id_column} IN ({marks})"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [*match.params, *document_ids])
        return dict(cursor.fetchall())
