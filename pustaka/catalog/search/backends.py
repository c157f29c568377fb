"""The two full-text engines: SQLite FTS5 (embedded) and PostgreSQL tsvector + GIN.

Both index the same pre-stemmed terms (see ``text.py``) in four weighted
columns: title and authors, subjects and series, identifiers and publisher,
notes. A backend turns the query's words into its own match syntax and keeps
its index in step with ``catalog_searchdocument``.
"""

import json
from collections import Counter
from contextlib import contextmanager
from dataclasses import dataclass, field

from django.db import connection, transaction

from pustaka.catalog.search import bounds
from pustaka.catalog.search.text import as_prefix, variants

COLUMNS = "terms_title, terms_subject, terms_other, terms_notes"
# PostgreSQL's GIN index of the documents' tsvector (catalog migrations).
TSV_INDEX = "catalog_searchdocument_tsv"
CHUNK = 500


@dataclass(frozen=True)
class Match:
    """A full-text match as SQL: ``source`` (a FROM clause naming ``d``, a row
    with a document's id and the values filters and facets read: see the
    backends' ``documents``), ``condition`` (for the WHERE clause) and
    ``score``; ``params`` fill the ``%s`` of source and condition, in that order.

    ``index``, when set, is a FROM clause of the full-text index alone in which
    condition and score work too, ``index_id`` naming the document id there:
    ranking a page from it reads no other row. ``titles`` is then a statement
    of the ids of the documents with a phrase in their title (its parameter
    ``titles_params``), ``phrases`` the query's phrases as ``(term,
    prefix)`` (see ``bounds``) and ``groups`` the positions in ``phrases`` of
    each word's."""

    source: str
    condition: str
    score: str
    params: list
    index: str | None = None
    index_id: str | None = None
    titles: str | None = None
    titles_params: list = field(default_factory=list)
    phrases: list = field(default_factory=list)
    groups: list = field(default_factory=list)


def fetch(sql: str, params: list) -> list[tuple]:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def chunks(ids: list):
    """``ids`` in slices of ``CHUNK`` (under the databases' parameter limits)."""
    for start in range(0, len(ids), CHUNK):
        yield ids[start : start + CHUNK]


class SqliteBackend:
    """FTS5 over an external-content table: rows are added and removed by hand."""

    def add(self, document_ids: list[int]) -> None:
        self._run(
            f"INSERT INTO catalog_search_fts(rowid, {COLUMNS}) "
            f"SELECT id, {COLUMNS} FROM catalog_searchdocument WHERE id IN ({{marks}})",
            document_ids,
        )

    def remove(self, document_ids: list[int]) -> None:
        """Remove documents; must run while their rows still hold the indexed terms."""
        self._run(
            f"INSERT INTO catalog_search_fts(catalog_search_fts, rowid, {COLUMNS}) "
            f"SELECT 'delete', id, {COLUMNS} FROM catalog_searchdocument WHERE id IN ({{marks}})",
            document_ids,
        )

    def tidy(self) -> None:
        """Nothing: FTS5 merges its segments as it writes them."""

    def _run(self, sql: str, ids: list[int]) -> None:
        with connection.cursor() as cursor:
            for part in chunks(ids):
                cursor.execute(sql.format(marks=", ".join(["%s"] * len(part))), part)

    # What a search reads of each document besides its terms (see migration
    # 0006): a narrow table, not the documents' rows.
    documents = "catalog_search_facets d"
    # A document's facet key and holdings there: the numbers of their texts.
    facet_columns = ("d.key_id", "d.holdings_id")
    codes_facets = True
    ranks_from_titles = True
    # A document's bm25 can be computed from its terms (``delta``), given
    # each phrase's number of documents, which costs what a broad match does.
    scores_from_terms = True
    groups_facets = False

    def match(self, words: list[str]) -> "Match":
        """The documents (``d``) matching every word, and their score (higher is
        better): bm25 over the weighted columns. The full-text table drives the
        join (CROSS JOIN keeps SQLite from probing it once per document)."""
        groups, phrases, positions = [], [], []
        for position, word in enumerate(words):
            forms = [(form, False) for form in variants(word)]
            if as_prefix(words, position):
                forms.append((word, True))
            positions.append(list(range(len(phrases), len(phrases) + len(forms))))
            phrases += forms
            groups.append("(" + " OR ".join(_phrase(*form) for form in forms) + ")")
        return self._match(" AND ".join(groups), phrases, positions, "-")

    def match_twice(self, word: str) -> "Match":
        """``match([word])`` when the word is its only form and the only term
        its prefix matches, as one phrase: its two phrases find the same
        documents with the same instances, so their bm25 is twice this one's,
        to the last bit (``x + x`` is exact), and the index is read once, not
        twice (and once, not twice, for bm25's document counts)."""
        return self._match(_phrase(word, False), [(word, False)], [[0]], "-2 * ")

    def _match(self, expression: str, phrases: list, groups: list, sign: str) -> "Match":
        every = " OR ".join(_phrase(*form) for form in phrases)
        return Match(
            source="catalog_search_fts CROSS JOIN catalog_search_facets d "
            "ON d.id = catalog_search_fts.rowid",
            condition="catalog_search_fts MATCH %s",
            score=f"{sign}bm25(catalog_search_fts, {', '.join(map(str, bounds.WEIGHTS))})",
            params=[expression],
            index="catalog_search_fts",
            index_id="catalog_search_fts.rowid",
            titles="SELECT rowid FROM catalog_search_fts WHERE catalog_search_fts MATCH %s",
            titles_params=[f"{{terms_title}} : ({every})"],
            phrases=phrases,
            groups=groups,
        )

    def phrase_documents(self, phrases: list) -> list[int]:
        """How many documents each phrase ``(text, prefix)`` matches (bm25's
        ``n(p)``): one pass over each phrase's doclists."""
        count = "(SELECT count(*) FROM catalog_search_fts WHERE catalog_search_fts MATCH %s)"
        statement = "SELECT " + ", ".join([count] * len(phrases))
        return list(fetch(statement, [_phrase(*phrase) for phrase in phrases])[0])

    def figures(self) -> tuple[int, int]:
        """The number of documents and of their tokens, as bm25 reads them now."""
        averages = fetch("SELECT block FROM catalog_search_fts_data WHERE id = 1", [])
        return index_figures(averages[0][0])

    def described(self, condition: str) -> str:
        """``condition`` on a description's values (``{a}``) as a condition on ``d``."""
        return (
            "d.key_id IN (SELECT id FROM catalog_search_facet_keys k "
            f"WHERE {condition.format(a='k')})"
        )

    def held(self, condition: str) -> str:
        """``condition`` on holdings (``{a}``) as a condition on ``d``."""
        return (
            "d.holdings_id IN (SELECT id FROM catalog_search_holdings h "
            f"WHERE {condition.format(a='h')})"
        )

    def texts(self, keys: Counter, holdings: Counter) -> tuple[Counter, Counter]:
        """The counts by facet key and by holdings numbers, by their texts.
        The counts go to the database as JSON objects by number and come back
        beside their texts, which each table holds once. (Those tables only
        grow: the numbers a statement saw are there.)"""
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT 0, t.facet_key, c.value FROM json_each(%s) c "
                "JOIN catalog_search_facet_keys t ON t.id = CAST(c.key AS INTEGER) "
                "UNION ALL SELECT 1, t.holdings, c.value FROM json_each(%s) c "
                "JOIN catalog_search_holdings t ON t.id = CAST(c.key AS INTEGER)",
                [json.dumps(keys), json.dumps(holdings)],
            )
            rows = cursor.fetchall()
        return (
            Counter({text: count for table, text, count in rows if table == 0}),
            Counter({text: count for table, text, count in rows if table == 1}),
        )

    def record_join(self) -> str:
        """Joins naming the record ``r`` of a document ``d``."""
        return (
            " JOIN catalog_searchdocument sd ON sd.id = d.id"
            " JOIN catalog_record r ON r.id = sd.record_id"
        )

    def index_statistics(self) -> str:
        """Two columns of the index's figures bm25 reads: its averages record
        (``index_figures``) and the shortest document's length."""
        return (
            "(SELECT block FROM catalog_search_fts_data WHERE id = 1), "
            "(SELECT MIN(length) FROM catalog_search_facets)"
        )

    def vocabulary(self, phrases: list) -> tuple[str, list]:
        """A statement of ``(term, documents, NULL)``: each indexed term a
        phrase matches (the term itself, or every term it is a prefix of) and
        how many documents hold it, each term read once (a word is also
        within its own prefix's range)."""
        ranges = sorted({text for text, prefix in phrases if prefix})
        words = sorted(
            {
                text
                for text, prefix in phrases
                if not prefix and not any(text.startswith(start) for start in ranges)
            }
        )
        select = "SELECT term, doc, NULL FROM catalog_search_vocab WHERE "
        parts = [select + "term >= %s AND term < %s"] * len(ranges)
        parts += [select + "term = %s"] * len(words)
        params = [bound for start in ranges for bound in (start, _after(start))] + words
        return " UNION ALL ".join(parts), params

    def term_documents(self) -> list[tuple[str, int]]:
        """Every indexed term and how many documents hold it."""
        return fetch("SELECT term, doc FROM catalog_search_vocab", [])

    @contextmanager
    def reading(self, *, matching: bool):
        """The statements of one search see one snapshot: a read transaction
        (deferred: it takes no write lock), unless already in a transaction."""
        if connection.in_atomic_block:
            yield
            return
        with connection.cursor() as cursor:
            cursor.execute("BEGIN")
            try:
                yield
            except BaseException:
                cursor.execute("ROLLBACK")
                raise
            cursor.execute("COMMIT")

    def concat(self, expression: str) -> str:
        """The aggregate joining ``expression`` over rows with the separator ``%s``."""
        return f"group_concat({expression}, %s)"


def _phrase(text: str, prefix: bool) -> str:
    return f'"{text}"*' if prefix else f'"{text}"'


def _after(prefix: str) -> str:
    """The first text after every text starting with ``prefix``."""
    return prefix[:-1] + chr(ord(prefix[-1]) + 1)


def index_figures(averages: bytes) -> tuple[int, int]:
    """The number of documents and of their tokens, from FTS5's averages
    record: varints, the rows then each column's tokens."""
    values, value = [], 0
    for byte in averages:
        value = (value << 7) | (byte & 0x7F)
        if byte < 0x80:
            values.append(value)
            value = 0
    return values[0], sum(values[1:])


class PostgresBackend:
    """A generated, weighted tsvector column with a GIN index: nothing to maintain."""

    # For the search statement: no JIT compilation (it costs more than the
    # statement saves), memory for the hits it materialises, and, when words
    # match, the GIN index rather than a sequential scan (the planner's guess of
    # how many documents a prefix matches is far too high).
    SETTINGS = {"jit": "off", "work_mem": "64MB"}
    MATCH_SETTINGS = {"enable_seqscan": "off"}

    def add(self, document_ids: list[int]) -> None:
        """The tsvector is a generated column: PostgreSQL keeps it up to date."""

    def remove(self, document_ids: list[int]) -> None:
        """Deleting or updating the row updates the index."""

    def tidy(self) -> None:
        """Merge the index's pending list (the entries of the documents written
        since its last merge, which every search reads through) into the
        index: after an import it holds up to ``gin_pending_list_limit``
        (migration 0009) until the next write outgrows it or autovacuum runs.
        Only the index's owner may (as for VACUUM): a connection as another
        role leaves it to autovacuum rather than fail the import."""
        fetch(
            "SELECT gin_clean_pending_list(c.oid) FROM pg_class c "
            "WHERE c.oid = %s::regclass AND pg_has_role(c.relowner, 'USAGE')",
            [TSV_INDEX],
        )

    def match(self, words: list[str]) -> "Match":
        """The documents (``d``) matching every word, and their score (higher is
        better): ts_rank over the weighted tsvector, divided by 1 + the log of
        the document's number of distinct terms (normalisation 16) so that, as
        with bm25, a shorter description ranks above a longer one that matches
        as well. (Normalisation 1, by the count of all terms, puts a title
        alone above title and subject.)"""
        groups = []
        for position, word in enumerate(words):
            forms = list(variants(word))
            if as_prefix(words, position):
                forms.append(f"{word}:*")
            groups.append("(" + " | ".join(forms) + ")")
        return Match(
            source="catalog_searchdocument d CROSS JOIN to_tsquery('simple', %s) AS q(query)",
            condition="d.tsv @@ q.query",
            score="ts_rank(d.tsv, q.query, 16)",
            params=[" & ".join(groups)],
        )

    documents = "catalog_searchdocument d"
    facet_columns = ("d.facet_key", "d.holdings")
    codes_facets = False
    ranks_from_titles = False
    # ts_rank reads the document's own row: asking the index costs nothing.
    scores_from_terms = False
    # GROUP BY GROUPING SETS counts the facets in one pass over the hits,
    # without sending every hit's values to be counted here.
    groups_facets = True

    def described(self, condition: str) -> str:
        """``condition`` on a description's values (``{a}``) as a condition on ``d``."""
        return f"({condition.format(a='d')})"

    def term_documents(self) -> list[tuple[str, int]]:
        """Every indexed term and how many documents hold it (``ts_stat``
        reads every document: for a background task)."""
        return fetch("SELECT word, ndoc FROM ts_stat('SELECT tsv FROM catalog_searchdocument')", [])

    held = described

    def record_join(self) -> str:
        """The join naming the record ``r`` of a document ``d``."""
        return " JOIN catalog_record r ON r.id = d.record_id"

    def concat(self, expression: str) -> str:
        return f"string_agg({expression}, %s)"

    @contextmanager
    def reading(self, *, matching: bool):
        """The statements of one search run with its settings, local to a
        transaction of their own (inside someone else's they would outlive the
        search)."""
        if connection.in_atomic_block:
            yield
            return
        settings = {**self.SETTINGS, **(self.MATCH_SETTINGS if matching else {})}
        with transaction.atomic(), connection.cursor() as cursor:
            calls = ", ".join(["set_config(%s, %s, true)"] * len(settings))
            cursor.execute(
                f"SELECT {calls}", [value for pair in settings.items() for value in pair]
            )
            yield


def current():
    """The backend of the default database."""
    return PostgresBackend() if connection.vendor == "postgresql" else SqliteBackend()
