"""Copies packed in a rotating collection get rows of their own (UUID keys,
change-logged and synced) instead of Django's automatic many-to-many table;
the collection remembers when it was sent back.

Adding ``through=`` to a many-to-many field cannot be altered in place: the
automatic table is dropped and the field added again. No service packed a
collection before this migration, so the automatic table holds nothing."""

import django.db.models.deletion
from django.db import migrations, models

import pustaka.core.ids


class Migration(migrations.Migration):
    dependencies = [
        ("catalog", "0004_search_holdings_and_facet_key"),
        ("circulation", "0003_notice_sending_next_attempt"),
    ]

    operations = [
        migrations.AddField(
            model_name="rotatingcollection",
            name="sent_back_at",
            field=models.DateTimeField(blank=True, null=True, verbose_name="sent back"),
        ),
        migrations.CreateModel(
            name="CollectionItem",
            fields=[
                (
                    "id",
                    models.UUIDField(
                        default=pustaka.core.ids.uuid7,
                        editable=False,
                        primary_key=True,
                        serialize=False,
                    ),
                ),
                ("created_at", models.DateTimeField(auto_now_add=True, verbose_name="created")),
                ("updated_at", models.DateTimeField(auto_now=True, verbose_name="updated")),
                ("deleted_at", models.DateTimeField(blank=True, null=True, verbose_name="deleted")),
                (
                    "collection",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="memberships",
                        to="circulation.rotatingcollection",
                    ),
                ),
                (
                    "item",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to="catalog.item",
                    ),
                ),
            ],
            options={
                "ordering": ["created_at"],
            },
        ),
        migrations.RemoveField(model_name="rotatingcollection", name="items"),
        migrations.AddField(
            model_name="rotatingcollection",
            name="items",
            field=models.ManyToManyField(
                blank=True,
                related_name="rotating_collections",
                through="circulation.CollectionItem",
                to="catalog.item",
            ),
        ),
        migrations.AddConstraint(
            model_name="collectionitem",
            constraint=models.UniqueConstraint(
                fields=("collection", "item"), name="collection_item_once"
            ),
        ),
    ]
