"""The rows of the UNSCR 1540 matrix (fixtures/matrix-1540.json): the committee's 28
measures of operative paragraphs 1-3, each for nuclear, chemical and biological weapons (84
rows). This only fills an empty table."""

import json
from pathlib import Path

from django.db import migrations

FIXTURE = Path(__file__).resolve().parent.parent / "fixtures" / "matrix-1540.json"


def load(apps, schema_editor):
    row = apps.get_model("preparedness", "MatrixRow")
    if row.objects.exists():
        return
    rows = json.loads(FIXTURE.read_text(encoding="utf-8"))
    row.objects.bulk_create(row(**values) for values in rows)


class Migration(migrations.Migration):
    dependencies = [("preparedness", "0002_core_capabilities")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
