"""Trigram indexes (pg_trgm) for the searches that look for a word anywhere in a name:
officials (their folded ``search`` column, ``LIKE '%word%'``), and the audit trail's and the
accounts' ``UPPER(…) LIKE`` (icontains) conditions. PostgreSQL only: on any other database
this migration does nothing (SQLite scans the one folded column)."""

from django.db import migrations

INDEXES = [
    ("core_official_search_trgm", "core_official", '"search" gin_trgm_ops'),
    (
        "core_auditentry_actor_name_trgm",
        "core_auditentry",
        '(UPPER("actor_name"::text)) gin_trgm_ops',
    ),
    *(
        (f"core_user_{column}_trgm", "core_user", f'(UPPER("{column}"::text)) gin_trgm_ops')
        for column in ("username", "first_name", "last_name", "email")
    ),
]


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    for name, table, column in INDEXES:
        schema_editor.execute(
            f'CREATE INDEX IF NOT EXISTS "{name}" ON "{table}" USING gin ({column})'
        )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name, _table, _column in INDEXES:
        schema_editor.execute(f'DROP INDEX IF EXISTS "{name}"')


class Migration(migrations.Migration):
    dependencies = [("core", "0009_official_search_and_indexes_by_name_and_audit_filters")]

    operations = [migrations.RunPython(create, drop)]
