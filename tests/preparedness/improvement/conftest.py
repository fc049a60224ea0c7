"""The improvement plan's tests share the small tabletop of ``exercise_with_roles`` and a
partner's proposal under an open review."""

import datetime

import pytest

from nonprolif.core.models import AgencyKind
from nonprolif.preparedness.improvement.domain import add_corrective_action
from tests.factories import AgencyFactory, ProposalFactory
from tests.preparedness.factories import exercise_with_roles


@pytest.fixture
def built(db):
    return exercise_with_roles()


@pytest.fixture
def proposal(built):
    partner = AgencyFactory(code="PTX", kind=AgencyKind.PARTNER, country="US")
    built.program.partner_agencies.add(partner)
    return ProposalFactory(program=built.program, submitted_by=partner)


@pytest.fixture
def add_action(built):
    """``add_action(**overrides)``: a corrective action of the tabletop, added by the
    coordinator, owned by agency B, for objective 1."""

    def add(**overrides):
        fields = {
            "actor": built.coordinator,
            "exercise": built.exercise,
            "title_es": "Actualizar el protocolo de alerta en aduanas",
            "title_en": "Update the customs alert protocol",
            "owner_agency": built.agency_b,
            "due_date": datetime.date(2010, 6, 30),
            "objective": built.objectives[0],
            "capability": built.objectives[0].capabilities.first(),
            "description_es": "Los puntos de control tardaron en recibir la alerta.",
            "description_en": "The checkpoints were slow to receive the alert.",
        }
        fields.update(overrides)
        return add_corrective_action(**fields)

    return add
