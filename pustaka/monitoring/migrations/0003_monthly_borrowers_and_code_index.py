import itertools
import zoneinfo

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models
from django.db.models.functions import TruncMonth

BATCH = 1000


def keep_named_borrowers(apps, schema_editor):
    """A roll-up already built keeps each month's named borrowers from now
    on: those of the loans counted so far (a loan still naming its member,
    in the month of its local day), as the roll-up's refresh writes them."""
    if not apps.get_model("monitoring", "RollupState").objects.filter(built_at__isnull=False):
        return
    loan = apps.get_model("circulation", "Loan")
    borrower = apps.get_model("monitoring", "MonthlyBorrower")
    month = TruncMonth(
        "checked_out_at",
        tzinfo=zoneinfo.ZoneInfo(settings.TIME_ZONE),
        output_field=models.DateField(),
    )
    named = (
        loan.objects.filter(deleted_at__isnull=True, member__isnull=False)
        .annotate(month=month)
        .values_list("library_id", "month", "member_id")
        .distinct()
        .order_by()
        .iterator(chunk_size=BATCH)
    )
    while batch := list(itertools.islice(named, BATCH)):
        borrower.objects.bulk_create(
            [borrower(library_id=row[0], month=row[1], member_id=row[2]) for row in batch]
        )


class Migration(migrations.Migration):
    dependencies = [
        ("circulation", "0007_notice_interrupted_outbox_passed_on"),
        ("libraries", "0003_library_offers"),
        ("monitoring", "0002_reports"),
    ]

    operations = [
        migrations.CreateModel(
            name="MonthlyBorrower",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("month", models.DateField()),
                ("member_id", models.UUIDField()),
                (
                    "library",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="+",
                        to="libraries.library",
                    ),
                ),
            ],
            options={
                "constraints": [
                    models.UniqueConstraint(
                        fields=("library", "month", "member_id"), name="rollup_one_borrower"
                    )
                ],
            },
        ),
        migrations.AddIndex(
            model_name="monthlyrollup",
            index=models.Index(
                fields=["code", "library", "month", "value"], name="rollup_code_idx"
            ),
        ),
        migrations.RunPython(keep_named_borrowers, migrations.RunPython.noop),
    ]
