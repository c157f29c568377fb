"""The district's default loan rule (every library, category and material),
so that a rule always matches: 14 days, 3 items, 1 renewal, holds allowed,
no fine. Fixed id, so every installation of a district agrees on it."""

import uuid

from django.db import migrations

DEFAULT_RULE_ID = uuid.UUID("0193b1a0-0000-7000-8000-0000000000a1")


def add_default_rule(apps, schema_editor):
    rule = apps.get_model("circulation", "LoanRule")
    if not rule.objects.filter(library=None, category=None, material_type="").exists():
        rule.objects.create(id=DEFAULT_RULE_ID)


class Migration(migrations.Migration):
    dependencies = [("circulation", "0001_rules_loans_events_holds_transfers_notices")]
    operations = [migrations.RunPython(add_default_rule, migrations.RunPython.noop)]
