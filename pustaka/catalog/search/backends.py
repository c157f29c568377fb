"""The two full-text engines: SQLite FTS5 (embedded) and PostgreSQL tsvector + GIN.

Both index the same pre-stemmed terms (see ``text.py``) in four weighted
columns: title and authors, subjects and series, identifiers and publisher,
notes. A backend turns the query's words into its own match syntax and keeps
its index in step with ``catalog_searchdocument``.
"""

from django.db import connection

from pustaka.catalog.search.text import variants

COLUMNS = "terms_title, terms_subject, terms_other, terms_notes"
CHUNK = 500


def chunks(ids: list[int]):
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

    def hits_sql(self, words: list[str]) -> tuple[str, list]:
        """SQL giving ``doc_id`` and ``score`` (higher is better) of matching documents."""
        groups = []
        for position, word in enumerate(words):
            forms = [f'"{form}"' for form in variants(word)]
            if position == len(words) - 1:
                forms.append(f'"{word}"*')
            groups.append("(" + " OR ".join(forms) + ")")
        sql = (
            "SELECT rowid AS doc_id, -bm25(catalog_search_fts, 10.0, 4.0, 2.0, 1.0) AS score "
            "FROM catalog_search_fts WHERE catalog_search_fts MATCH %s"
        )
        return sql, [" AND ".join(groups)]


class PostgresBackend:
    """A generated, weighted tsvector column with a GIN index: nothing to maintain."""

    def add(self, document_ids: list[int]) -> None:
        """The tsvector is a generated column: PostgreSQL keeps it up to date."""

    def remove(self, document_ids: list[int]) -> None:
        """Deleting or updating the row updates the index."""

    def hits_sql(self, words: list[str]) -> tuple[str, list]:
        groups = []
        for position, word in enumerate(words):
            forms = list(variants(word))
            if position == len(words) - 1:
                forms.append(f"{word}:*")
            groups.append("(" + " | ".join(forms) + ")")
        sql = (
            "SELECT d.id AS doc_id, ts_rank(d.tsv, q.query) AS score "
            "FROM catalog_searchdocument d, to_tsquery('simple', %s) AS q(query) "
            "WHERE d.tsv @@ q.query"
        )
        return sql, [" & ".join(groups)]


def current():
    """The backend of the default database."""
    return PostgresBackend() if connection.vendor == "postgresql" else SqliteBackend()
