"""The journal of search-document changes (``SearchChange``)."""

import django.utils.timezone
from django.db import migrations, models

# On PostgreSQL each change carries its writing transaction's id, so a search
# can tell which changes its snapshot did not see (transactions commit in
# another order than they take row ids); SQLite writes one at a time.
POSTGRES_XID = [
    "ALTER TABLE catalog_searchchange ADD COLUMN xid xid8 NOT NULL DEFAULT pg_current_xact_id()",
    "CREATE INDEX catalog_searchchange_xid ON catalog_searchchange (xid)",
]


def add_xid(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for statement in POSTGRES_XID:
            schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [
        ("catalog", "0004_search_holdings_and_facet_key"),
    ]

    operations = [
        migrations.CreateModel(
            name="SearchChange",
            fields=[
                ("id", models.BigAutoField(primary_key=True, serialize=False)),
                ("document_id", models.BigIntegerField()),
                ("record_id", models.UUIDField()),
                (
                    "created_at",
                    models.DateTimeField(db_index=True, default=django.utils.timezone.now),
                ),
                ("existed", models.BooleanField(default=True)),
                ("described", models.BooleanField(default=False)),
                ("holdings", models.TextField(blank=True, default="")),
                ("terms_title", models.TextField(blank=True, default="")),
                ("terms_subject", models.TextField(blank=True, default="")),
                ("terms_other", models.TextField(blank=True, default="")),
                ("terms_notes", models.TextField(blank=True, default="")),
                ("material_type", models.CharField(blank=True, default="", max_length=20)),
                ("language", models.CharField(blank=True, default="", max_length=3)),
                ("year", models.PositiveSmallIntegerField(null=True)),
                ("ddc_hundreds", models.PositiveSmallIntegerField(null=True)),
                ("audience", models.CharField(blank=True, default="", max_length=10)),
                ("facet_key", models.TextField(blank=True, default="")),
            ],
        ),
        migrations.RunPython(add_xid, migrations.RunPython.noop),
    ]
