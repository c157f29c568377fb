"""The programme's activity categories every district starts with (DOMAIN.md
§1; the office may rename them, add others or stop using one). Fixed ids, so
every installation of a district agrees on them."""

import uuid

from django.db import migrations

# id, code, name, strategy
DEFAULTS = [
    ("0193b1a0-0000-7000-8000-000000000101", "digital-literacy", "Literasi digital", "community"),
    (
        "0193b1a0-0000-7000-8000-000000000102",
        "skills",
        "Pelatihan keterampilan dan usaha kecil",
        "community",
    ),
    (
        "0193b1a0-0000-7000-8000-000000000103",
        "reading",
        "Promosi gemar membaca dan klub baca",
        "community",
    ),
    ("0193b1a0-0000-7000-8000-000000000104", "children", "Kegiatan anak", "community"),
    ("0193b1a0-0000-7000-8000-000000000105", "learning-support", "Bimbingan belajar", "community"),
    ("0193b1a0-0000-7000-8000-000000000106", "health-social", "Kesehatan dan sosial", "community"),
    ("0193b1a0-0000-7000-8000-000000000107", "culture", "Budaya dan kearifan lokal", "community"),
    (
        "0193b1a0-0000-7000-8000-000000000108",
        "advocacy",
        "Advokasi dan pertemuan pemangku kepentingan",
        "advocacy",
    ),
    ("0193b1a0-0000-7000-8000-000000000109", "other", "Lainnya", "community"),
]


def add_defaults(apps, schema_editor):
    category = apps.get_model("programs", "ActivityCategory")
    for position, (pk, code, name, strategy) in enumerate(DEFAULTS, start=1):
        category.objects.get_or_create(
            code=code,
            defaults={
                "id": uuid.UUID(pk),
                "name": name,
                "strategy": strategy,
                "position": position,
            },
        )


class Migration(migrations.Migration):
    dependencies = [("programs", "0001_activities_partners_stories")]
    operations = [migrations.RunPython(add_defaults, migrations.RunPython.noop)]
