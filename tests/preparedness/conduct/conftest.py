"""The exercise of the conduct tests (``exercise_with_roles``), an auditor, and how to read
what the audit trail recorded."""

import importlib
import json

import pytest

from nonprolif.core.models import AuditEntry, Outcome
from nonprolif.core.roles import Role
from nonprolif.preparedness.models import CoreCapability, ExercisePhase
from tests.factories import UserFactory
from tests.preparedness.factories import exercise_with_roles


@pytest.fixture(autouse=True)
def core_capabilities(request):
    """HSEEP's core capabilities (their migration's rows) back in place for a test that runs
    outside a transaction: the flush after an earlier such test emptied their table."""
    marker = request.node.get_closest_marker("django_db")
    if not (marker and marker.kwargs.get("transaction")):
        return
    request.getfixturevalue("transactional_db")
    if not CoreCapability.objects.exists():
        migration = importlib.import_module(
            "nonprolif.preparedness.migrations.0002_core_capabilities"
        )
        rows = json.loads(migration.FIXTURE.read_text(encoding="utf-8"))
        CoreCapability.objects.bulk_create(CoreCapability(**row) for row in rows)


@pytest.fixture
def built(db, core_capabilities):
    """A tabletop in design: two agencies, its people in roles, two objectives, three injects
    (numbers 1, 2, 3 at 09:15, 09:30, 09:45)."""
    return exercise_with_roles()


@pytest.fixture
def conducting(built):
    """The same exercise, in conduct."""
    built.exercise.phase = ExercisePhase.CONDUCT
    built.exercise.save(update_fields=["phase"])
    return built


@pytest.fixture
def ex_auditor(db):
    return UserFactory(username="ex-auditor", roles=[Role.AUDITOR])


def denied(action: str) -> int:
    """How many refusals of ``action`` the audit trail recorded."""
    return AuditEntry.objects.filter(action=action, outcome=Outcome.DENIED).count()


def allowed(action: str) -> int:
    return AuditEntry.objects.filter(action=action, outcome=Outcome.ALLOWED).count()
