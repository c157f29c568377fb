"""SQLite: the narrow table a search reads (0006) holds numbers instead of
texts: each document's facet key and holdings as the id of that text in a
table of the distinct ones (``catalog_search_facet_keys``, with the key's
values filters read, and ``catalog_search_holdings``), beside its year and
length. ~20 bytes a row instead of ~120: joining a million hits to it and
joining their values for the facets cost half as much.

The two tables of texts only grow (a text no document has any longer stays,
with its id), so a search may read them after its statement; there are as
many rows as distinct descriptions and holdings (hundreds, and tens of
thousands at a million records)."""

import importlib

from django.db import migrations

TERMS = ("terms_title", "terms_subject", "terms_other", "terms_notes")


def length_of(column: str, row: str) -> str:
    """The number of space-separated terms of ``column``, in SQL."""
    value = f"{row}{column}"
    return (
        f"(CASE WHEN {value} = '' THEN 0 "
        f"ELSE length({value}) - length(replace({value}, ' ', '')) + 1 END)"
    )


def length(row: str) -> str:
    return " + ".join(length_of(column, row) for column in TERMS)


KNOWN = (
    "INSERT OR IGNORE INTO catalog_search_facet_keys"
    "(facet_key, material_type, audience, ddc_hundreds, language) "
    "VALUES (NEW.facet_key, NEW.material_type, NEW.audience, NEW.ddc_hundreds, NEW.language); "
    "INSERT OR IGNORE INTO catalog_search_holdings(holdings) VALUES (NEW.holdings); "
)
COPY = (
    "INSERT OR REPLACE INTO catalog_search_facets(id, key_id, holdings_id, year, length) "
    "VALUES (NEW.id, "
    "(SELECT id FROM catalog_search_facet_keys WHERE facet_key = NEW.facet_key), "
    "(SELECT id FROM catalog_search_holdings WHERE holdings = NEW.holdings), "
    f"NEW.year, {length('NEW.')}); "
)
SQLITE_CREATE = [
    "DROP TRIGGER catalog_search_facets_added",
    "DROP TRIGGER catalog_search_facets_changed",
    "DROP TRIGGER catalog_search_facets_removed",
    "DROP TABLE catalog_search_facets",
    """
    CREATE TABLE catalog_search_facet_keys (
        id INTEGER PRIMARY KEY,
        facet_key TEXT NOT NULL UNIQUE,
        material_type TEXT NOT NULL,
        audience TEXT NOT NULL,
        ddc_hundreds INTEGER,
        language TEXT NOT NULL
    )
    """,
    "CREATE TABLE catalog_search_holdings (id INTEGER PRIMARY KEY, holdings TEXT NOT NULL UNIQUE)",
    """
    CREATE TABLE catalog_search_facets (
        id INTEGER PRIMARY KEY,
        key_id INTEGER NOT NULL,
        holdings_id INTEGER NOT NULL,
        year INTEGER,
        length INTEGER NOT NULL
    )
    """,
    "CREATE INDEX catalog_search_facets_length ON catalog_search_facets (length)",
    f"""
    CREATE TRIGGER catalog_search_facets_added AFTER INSERT ON catalog_searchdocument
    BEGIN {KNOWN}{COPY}END
    """,
    f"""
    CREATE TRIGGER catalog_search_facets_changed AFTER UPDATE ON catalog_searchdocument
    BEGIN {KNOWN}{COPY}END
    """,
    """
    CREATE TRIGGER catalog_search_facets_removed AFTER DELETE ON catalog_searchdocument
    BEGIN DELETE FROM catalog_search_facets WHERE id = OLD.id; END
    """,
    """
    INSERT OR IGNORE INTO catalog_search_facet_keys
        (facet_key, material_type, audience, ddc_hundreds, language)
    SELECT facet_key, material_type, audience, ddc_hundreds, language
    FROM catalog_searchdocument
    """,
    """
    INSERT OR IGNORE INTO catalog_search_holdings(holdings)
    SELECT holdings FROM catalog_searchdocument
    """,
    f"""
    INSERT INTO catalog_search_facets(id, key_id, holdings_id, year, length)
    SELECT d.id, k.id, h.id, d.year, {length("d.")}
    FROM catalog_searchdocument d
    JOIN catalog_search_facet_keys k ON k.facet_key = d.facet_key
    JOIN catalog_search_holdings h ON h.holdings = d.holdings
    """,
]


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        for statement in SQLITE_CREATE:
            schema_editor.execute(statement)


def drop(apps, schema_editor):
    """Back to 0006's table of texts, filled from the documents."""
    if schema_editor.connection.vendor != "sqlite":
        return
    for statement in [
        "DROP TRIGGER catalog_search_facets_added",
        "DROP TRIGGER catalog_search_facets_changed",
        "DROP TRIGGER catalog_search_facets_removed",
        "DROP TABLE catalog_search_facets",
        "DROP TABLE catalog_search_facet_keys",
        "DROP TABLE catalog_search_holdings",
    ]:
        schema_editor.execute(statement)
    previous = importlib.import_module("pustaka.catalog.migrations.0006_search_facets_table")
    for statement in previous.SQLITE_CREATE[:-1]:  # its vocabulary table is still there
        schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("catalog", "0006_search_facets_table")]

    operations = [migrations.RunPython(create, drop)]
