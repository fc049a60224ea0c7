"""The exercise of the conduct tests (``exercise_with_roles``), an auditor, and how to read
what the audit trail recorded."""

import pytest

from nonprolif.core.models import AuditEntry, Outcome
from nonprolif.core.roles import Role
from nonprolif.preparedness.models import ExercisePhase
from tests.factories import UserFactory
from tests.preparedness.factories import exercise_with_roles


@pytest.fixture
def built(db):
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
