"""Fewer indexes to keep up for every copy and ISBN written (a MARC import
writes hundreds of thousands of them), none that a query uses:

- the index of a copy's record and of an ISBN's record: the copies' index on
  (record, library, status) and the ISBNs' unique (record, isbn) lead with
  the record too;
- on PostgreSQL, the ``varchar_pattern_ops`` copies of the indexes of barcodes,
  ISBNs and search documents' material types, made for ``LIKE 'x%'``, which
  nothing asks of them.
"""

import django.db.models.deletion
from django.db import migrations, models

RECORD_INDEXES = [
    ("catalog_item_record_id_6f8f2f7d", "catalog_item"),
    ("catalog_recordisbn_record_id_ae4fc588", "catalog_recordisbn"),
]
LIKE_INDEXES = [
    ("catalog_item_barcode_4c863c13_like", "catalog_item", "barcode"),
    ("catalog_recordisbn_isbn_fe5f0b58_like", "catalog_recordisbn", "isbn"),
    (
        "catalog_searchdocument_material_type_558c3f18_like",
        "catalog_searchdocument",
        "material_type",
    ),
]


def drop_like_indexes(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for name, _table, _column in LIKE_INDEXES:
            schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


def create_like_indexes(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for name, table, column in LIKE_INDEXES:
            schema_editor.execute(
                f"CREATE INDEX IF NOT EXISTS {name} ON {table} ({column} varchar_pattern_ops)"
            )


class Migration(migrations.Migration):
    dependencies = [("catalog", "0007_search_facets_coded")]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name="item",
                    name="record",
                    field=models.ForeignKey(
                        db_index=False,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="items",
                        to="catalog.record",
                        verbose_name="record",
                    ),
                ),
                migrations.AlterField(
                    model_name="recordisbn",
                    name="record",
                    field=models.ForeignKey(
                        db_index=False,
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="isbn_rows",
                        to="catalog.record",
                    ),
                ),
            ],
            database_operations=[
                migrations.RunSQL(
                    f"DROP INDEX IF EXISTS {name}",
                    reverse_sql=f"CREATE INDEX {name} ON {table} (record_id)",
                )
                for name, table in RECORD_INDEXES
            ],
        ),
        migrations.RunPython(drop_like_indexes, create_like_indexes),
    ]
