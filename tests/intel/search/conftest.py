"""Fixtures of the search tests: immediate tasks, and a helper that writes a report with
chosen words through the factory (the full-text index follows by itself)."""

import pytest


@pytest.fixture(autouse=True)
def immediate_tasks(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
