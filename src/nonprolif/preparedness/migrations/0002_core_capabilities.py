"""HSEEP's 32 core capabilities (fixtures/core-capabilities.json), which objectives are
mapped to. Administrators may add or rename them later; this only fills an empty table."""

import json
from pathlib import Path

from django.db import migrations

FIXTURE = Path(__file__).resolve().parent.parent / "fixtures" / "core-capabilities.json"


def load(apps, schema_editor):
    capability = apps.get_model("preparedness", "CoreCapability")
    if capability.objects.exists():
        return
    rows = json.loads(FIXTURE.read_text(encoding="utf-8"))
    capability.objects.bulk_create(capability(**row) for row in rows)


class Migration(migrations.Migration):
    dependencies = [("preparedness", "0001_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
