"""SQLite: a narrow table of what a search filters, counts and bounds for each
search document (``catalog_search_facets``), kept in step with
``catalog_searchdocument`` by triggers, and a view of the full-text index's
vocabulary (``catalog_search_vocab``).

A search joins the hits of the FTS5 index to this table instead of to the
documents, whose rows carry every term: ~120 bytes a row instead of ~400. Its
``length`` is the number of terms of the document, which is FTS5's length of
the document (each term is one token: see ``search.text``); with the
vocabulary's counts it bounds the score of a document (``search.bounds``).

PostgreSQL reads these values from the document rows its GIN index leads to:
nothing to add there."""

from django.db import migrations

COLUMNS = "facet_key, holdings, material_type, language, audience, ddc_hundreds, year"


def length_of(column: str) -> str:
    """The number of space-separated terms of ``column``, in SQL."""
    return (
        f"(CASE WHEN NEW.{column} = '' THEN 0 "
        f"ELSE length(NEW.{column}) - length(replace(NEW.{column}, ' ', '')) + 1 END)"
    )


LENGTH = " + ".join(
    length_of(column) for column in ("terms_title", "terms_subject", "terms_other", "terms_notes")
)
COPY = (
    f"INSERT OR REPLACE INTO catalog_search_facets(id, {COLUMNS}, length) "
    f"VALUES (NEW.id, {', '.join(f'NEW.{name.strip()}' for name in COLUMNS.split(','))}, {LENGTH});"
)
SQLITE_CREATE = [
    """
    CREATE TABLE catalog_search_facets (
        id INTEGER PRIMARY KEY,
        facet_key TEXT NOT NULL,
        holdings TEXT NOT NULL,
        material_type TEXT NOT NULL,
        language TEXT NOT NULL,
        audience TEXT NOT NULL,
        ddc_hundreds INTEGER,
        year INTEGER,
        length INTEGER NOT NULL
    )
    """,
    "CREATE INDEX catalog_search_facets_length ON catalog_search_facets (length)",
    f"""
    CREATE TRIGGER catalog_search_facets_added AFTER INSERT ON catalog_searchdocument
    BEGIN {COPY} END
    """,
    f"""
    CREATE TRIGGER catalog_search_facets_changed AFTER UPDATE ON catalog_searchdocument
    BEGIN {COPY} END
    """,
    """
    CREATE TRIGGER catalog_search_facets_removed AFTER DELETE ON catalog_searchdocument
    BEGIN DELETE FROM catalog_search_facets WHERE id = OLD.id; END
    """,
    f"""
    INSERT INTO catalog_search_facets(id, {COLUMNS}, length)
    SELECT id, {COLUMNS}, {LENGTH.replace("NEW.", "")} FROM catalog_searchdocument
    """,
    "CREATE VIRTUAL TABLE catalog_search_vocab USING fts5vocab(catalog_search_fts, 'row')",
]
SQLITE_DROP = [
    "DROP TABLE IF EXISTS catalog_search_vocab",
    "DROP TRIGGER IF EXISTS catalog_search_facets_added",
    "DROP TRIGGER IF EXISTS catalog_search_facets_changed",
    "DROP TRIGGER IF EXISTS catalog_search_facets_removed",
    "DROP TABLE IF EXISTS catalog_search_facets",
]


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        for statement in SQLITE_CREATE:
            schema_editor.execute(statement)


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        for statement in SQLITE_DROP:
            schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("catalog", "0005_search_changes")]

    operations = [migrations.RunPython(create, drop)]
