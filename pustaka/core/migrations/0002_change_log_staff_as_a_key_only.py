"""The change log names its staff by key only: no foreign-key constraint (a
row synced from another node may name that node's staff, who are not users
here) and no index (nothing looks changes up by their staff). Every row
written paid for both: a MARC import writes about four per record."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0001_base_models_change_log_audit"),
    ]

    operations = [
        migrations.AlterField(
            model_name="changelog",
            name="staff",
            field=models.ForeignKey(
                blank=True,
                db_constraint=False,
                db_index=False,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
            ),
        ),
    ]
