"""The registry's people and rows: the stakeholders of agencies A and B, a contact and a
visit of each, an analyst of A."""

import pytest

from nonprolif.core.models import AuditEntry, Outcome
from nonprolif.core.roles import Role
from tests.factories import UserFactory
from tests.outreach.factories import ContactFactory, StakeholderFactory, VisitFactory


@pytest.fixture
def analyst_a(agency_a):
    return UserFactory(username="analyst_a", agency=agency_a, roles=[Role.ANALYST])


@pytest.fixture
def stakeholder_a(program, agency_a):
    return StakeholderFactory(
        program=program, responsible_agency=agency_a, name="Química Peñoles del Golfo"
    )


@pytest.fixture
def stakeholder_b(program, agency_b):
    return StakeholderFactory(
        program=program,
        responsible_agency=agency_b,
        name="Universidad Autónoma del Norte",
        kind="university",
        sector="academia",
        state="Chihuahua",
        city="Ciudad Juárez",
    )


@pytest.fixture
def contact_a(stakeholder_a):
    return ContactFactory(stakeholder=stakeholder_a, name="Ing. Laura Méndez")


@pytest.fixture
def contact_b(stakeholder_b):
    return ContactFactory(stakeholder=stakeholder_b, name="Dr. Jorge Salas")


@pytest.fixture
def visit_a(stakeholder_a):
    return VisitFactory(stakeholder=stakeholder_a)


@pytest.fixture
def visit_b(stakeholder_b):
    return VisitFactory(stakeholder=stakeholder_b)


def denied(action: str) -> int:
    """How many refusals of ``action`` the audit trail holds."""
    return AuditEntry.objects.filter(action=action, outcome=Outcome.DENIED).count()
