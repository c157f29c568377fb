"""The four member categories every district starts with (the office may
rename them or add others). Fixed ids, so every installation of a district
agrees on them."""

import uuid

from django.db import migrations

DEFAULTS = [
    ("0193b1a0-0000-7000-8000-000000000001", "children", "Anak-anak", 12),
    ("0193b1a0-0000-7000-8000-000000000002", "students", "Pelajar/Mahasiswa", 12),
    ("0193b1a0-0000-7000-8000-000000000003", "general", "Umum", 12),
    ("0193b1a0-0000-7000-8000-000000000004", "seniors", "Lansia", 24),
]


def add_defaults(apps, schema_editor):
    category = apps.get_model("members", "MemberCategory")
    for pk, code, name, months in DEFAULTS:
        category.objects.get_or_create(
            code=code, defaults={"id": uuid.UUID(pk), "name": name, "membership_months": months}
        )


class Migration(migrations.Migration):
    dependencies = [("members", "0001_members_categories_consent")]
    operations = [migrations.RunPython(add_defaults, migrations.RunPython.noop)]
