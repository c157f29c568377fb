"""The full-text index of catalog_searchdocument: an FTS5 table on SQLite, a
generated weighted tsvector with a GIN index on PostgreSQL."""

from django.db import migrations

SQLITE_CREATE = """
CREATE VIRTUAL TABLE catalog_search_fts USING fts5(
    terms_title, terms_subject, terms_other, terms_notes,
    content='catalog_searchdocument', content_rowid='id',
    tokenize='unicode61', prefix='2 3'
)
"""
SQLITE_DROP = "DROP TABLE IF EXISTS catalog_search_fts"

POSTGRES_CREATE = [
    """
    ALTER TABLE catalog_searchdocument ADD COLUMN tsv tsvector GENERATED ALWAYS AS (
        setweight(to_tsvector('simple'::regconfig, terms_title), 'A')
        || setweight(to_tsvector('simple'::regconfig, terms_subject), 'B')
        || setweight(to_tsvector('simple'::regconfig, terms_other), 'C')
        || setweight(to_tsvector('simple'::regconfig, terms_notes), 'D')
    ) STORED
    """,
    "CREATE INDEX catalog_searchdocument_tsv ON catalog_searchdocument USING GIN (tsv)",
]
POSTGRES_DROP = [
    "DROP INDEX IF EXISTS catalog_searchdocument_tsv",
    "ALTER TABLE catalog_searchdocument DROP COLUMN IF EXISTS tsv",
]


def create_index(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        schema_editor.execute(SQLITE_CREATE)
    elif vendor == "postgresql":
        for statement in POSTGRES_CREATE:
            schema_editor.execute(statement)


def drop_index(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        schema_editor.execute(SQLITE_DROP)
    elif vendor == "postgresql":
        for statement in POSTGRES_DROP:
            schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("catalog", "0001_records_items_marc_search")]

    operations = [migrations.RunPython(create_index, drop_index)]
