"""The two full-text engines: SQLite FTS5 (embedded) and PostgreSQL tsvector + GIN.

Both index the same pre-stemmed terms (see ``text.py``) in four weighted
columns: title and authors, subjects and series, identifiers and publisher,
notes. A backend turns the query's words into its own match syntax and keeps
its index in step with ``catalog_searchdocument``.
"""

from dataclasses import dataclass

from django.db import connection, transaction

from pustaka.catalog.search.text import variants

COLUMNS = "terms_title, terms_subject, terms_other, terms_notes"
CHUNK = 500


@dataclass(frozen=True)
class Match:
    """A full-text match as SQL: ``source`` (a FROM clause naming the document
    ``d``), ``condition`` (for the WHERE clause) and ``score``; ``params`` fill
    the ``%s`` of source and condition, in that order.

    ``index``, when set, is a FROM clause of the full-text index alone in which
    condition and score work too, ``index_id`` naming the document id there:
    ranking a page from it reads no document row."""

    source: str
    condition: str
    score: str
    params: list
    index: str | None = None
    index_id: str | None = None


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

    def _run(self, sql: str, ids: list[int]) -> None:
        with connection.cursor() as cursor:
            for part in chunks(ids):
                cursor.execute(sql.format(marks=", ".join(["%s"] * len(part))), part)

    def match(self, words: list[str]) -> "Match":
        """The documents (``d``) matching every word, and their score (higher is
        better): bm25 over the weighted columns. The full-text table drives the
        join (CROSS JOIN keeps SQLite from probing it once per document)."""
        groups = []
        for position, word in enumerate(words):
            forms = [f'"{form}"' for form in variants(word)]
            if position == len(words) - 1:
                forms.append(f'"{word}"*')
            groups.append("(" + " OR ".join(forms) + ")")
        return Match(
            source="catalog_search_fts CROSS JOIN catalog_searchdocument d "
            "ON d.id = catalog_search_fts.rowid",
            condition="catalog_search_fts MATCH %s",
            score="-bm25(catalog_search_fts, 10.0, 4.0, 2.0, 1.0)",
            params=[" AND ".join(groups)],
            index="catalog_search_fts",
            index_id="catalog_search_fts.rowid",
        )

    def fetch(self, sql: str, params: list, *, matching: bool) -> list[tuple]:
        return fetch(sql, params)

    def concat(self, expression: str) -> str:
        """The aggregate joining ``expression`` over rows with the separator ``%s``."""
        return f"group_concat({expression}, %s)"


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
            if position == len(words) - 1:
                forms.append(f"{word}:*")
            groups.append("(" + " | ".join(forms) + ")")
        return Match(
            source="catalog_searchdocument d CROSS JOIN to_tsquery('simple', %s) AS q(query)",
            condition="d.tsv @@ q.query",
            score="ts_rank(d.tsv, q.query, 16)",
            params=[" & ".join(groups)],
        )

    def concat(self, expression: str) -> str:
        return f"string_agg({expression}, %s)"

    def fetch(self, sql: str, params: list, *, matching: bool) -> list[tuple]:
        """Run the search statement with its settings, local to a transaction
        of its own (inside someone else's they would outlive the search)."""
        if connection.in_atomic_block:
            return fetch(sql, params)
        settings = {**self.SETTINGS, **(self.MATCH_SETTINGS if matching else {})}
        with transaction.atomic(), connection.cursor() as cursor:
            calls = ", ".join(["set_config(%s, %s, true)"] * len(settings))
            cursor.execute(
                f"SELECT {calls}", [value for pair in settings.items() for value in pair]
            )
            cursor.execute(sql, params)
            return cursor.fetchall()


def current():
    """The backend of the default database."""
    return PostgresBackend() if connection.vendor == "postgresql" else SqliteBackend()
