"""Full-text search of reports: on PostgreSQL, a GIN expression index per language
(Spanish, English) on the title, body and tags; on SQLite, an FTS5 table kept by triggers.
The SQL is nonprolif.intel.search.fulltext's, which the search condition shares."""

from django.db import migrations, models

from nonprolif.intel.search import fulltext


def create(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        statements = fulltext.postgresql_index_sql()
    elif vendor == "sqlite":
        statements = fulltext.sqlite_create_sql()
    else:
        return
    for statement in statements:
        schema_editor.execute(statement, params=None)


def drop(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        statements = fulltext.postgresql_drop_sql()
    elif vendor == "sqlite":
        statements = fulltext.sqlite_drop_sql()
    else:
        return
    for statement in statements:
        schema_editor.execute(statement, params=None)


class Migration(migrations.Migration):
    dependencies = [
        ("intel", "0001_initial"),
    ]

    operations = [
        migrations.RunPython(create, drop),
        migrations.AddIndex(
            model_name="savedsearch",
            index=models.Index(fields=["owner", "name"], name="intel_saved_search_owner"),
        ),
    ]
