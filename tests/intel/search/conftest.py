"""Fixtures of the search tests: immediate tasks, and a helper that writes a report with
chosen words through the factory (the full-text index follows by itself)."""

import pytest


@pytest.fixture(autouse=True)
def immediate_tasks(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


@pytest.fixture
def default_levels(db):
    """The migration's classification levels again, for tests in real transactions (the
    flush after an earlier such test emptied the table)."""
    from importlib import import_module

    from nonprolif.core.models import ClassificationLevel

    migration = import_module("nonprolif.core.migrations.0011_classification_levels_and_clearance")
    for rank, (code, name_es, name_en) in enumerate(migration.DEFAULT_LEVELS, start=1):
        ClassificationLevel.objects.get_or_create(
            code=code, defaults={"rank": rank, "name_es": name_es, "name_en": name_en}
        )
