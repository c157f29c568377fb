"""Two columns of each search document, so a search counts its facets from
the hits alone: the holdings (the libraries holding a live copy of the record,
marked when one is on the shelf), and the facet key (material type, audience,
DDC hundreds, decade and language in one string).

The formats are the ones ``pustaka.catalog.search.documents`` writes
(``holdings_of``, ``facet_key``); they are repeated here because a migration
imports no app code."""

from django.db import migrations, models

CHUNK = 2000
FACET_KEY = (
    "UPDATE catalog_searchdocument SET facet_key = material_type || '|' || audience || '|' "
    "|| COALESCE(CAST(ddc_hundreds AS TEXT), '') || '|' "
    "|| COALESCE(CAST(year / 10 * 10 AS TEXT), '') || '|' || language"
)


def fill(apps, schema_editor):
    schema_editor.execute(FACET_KEY)
    Item = apps.get_model("catalog", "Item")
    SearchDocument = apps.get_model("catalog", "SearchDocument")
    documents = SearchDocument.objects.order_by("id").values_list("id", "record_id")
    last = 0
    while True:
        chunk = list(documents.filter(id__gt=last)[:CHUNK])
        if not chunk:
            return
        last = chunk[-1][0]
        held: dict = {}
        copies = (
            Item.objects.filter(record_id__in=[record_id for _id, record_id in chunk])
            .filter(deleted_at__isnull=True)
            .exclude(status="withdrawn")
            .values_list("record_id", "library_id", "status")
        )
        for record_id, library_id, status in copies:
            libraries = held.setdefault(record_id, {})
            libraries[library_id.hex] = libraries.get(library_id.hex, False) or (
                status == "available"
            )
        changed = [
            SearchDocument(
                id=doc_id,
                holdings=" ".join(
                    code + ("+" if available else "")
                    for code, available in sorted(held[record_id].items())
                ),
            )
            for doc_id, record_id in chunk
            if record_id in held
        ]
        SearchDocument.objects.bulk_update(changed, ["holdings"], batch_size=500)


class Migration(migrations.Migration):
    dependencies = [("catalog", "0003_marc_imports")]

    operations = [
        migrations.AddField(
            model_name="searchdocument",
            name="holdings",
            field=models.TextField(blank=True, default=""),
        ),
        migrations.AddField(
            model_name="searchdocument",
            name="facet_key",
            field=models.TextField(blank=True, default=""),
        ),
        migrations.RunPython(fill, migrations.RunPython.noop),
    ]
