"""Fixtures of the tips tests: a stakeholder of each national agency (A's speaks Spanish and
has a contact, B's speaks English), analysts of both (cleared SECRET), the date fixed in
April 2010, uploads and mail kept in the test."""

import datetime

import pytest

from tests.intel.conftest import analyst
from tests.outreach.factories import ContactFactory, StakeholderFactory

TODAY = datetime.date(2010, 4, 15)


@pytest.fixture(autouse=True)
def fixed_today(settings):
    settings.NONPROLIF_TODAY = TODAY


@pytest.fixture
def analyst_a(agency_a):
    return analyst("analyst_a", agency_a, "S")


@pytest.fixture
def analyst_b(agency_b):
    return analyst("analyst_b", agency_b, "S")


@pytest.fixture
def stakeholder_a(program, agency_a):
    stakeholder = StakeholderFactory(
        program=program,
        name="Química del Golfo S.A. de C.V.",
        responsible_agency=agency_a,
        language="es",
        state="Tamaulipas",
        city="Tampico",
    )
    ContactFactory(stakeholder=stakeholder, name="Ing. Laura Méndez", email="laura@golfo.example")
    return stakeholder


@pytest.fixture
def stakeholder_b(program, agency_b):
    return StakeholderFactory(
        program=program,
        name="Northern Isotopes Lab",
        responsible_agency=agency_b,
        language="en",
    )


TIP_DATA = {
    "what": "Pedido de 200 kg de tiodiglicol pagado en efectivo, sin uso final declarado.",
    "who": "Comercializadora del Norte, cliente nuevo, domicilio en Reynosa.",
    "when": datetime.date(2010, 4, 12),
    "contact_name": "Ing. Laura Méndez",
    "contact_email": "laura.mendez@golfo.example",
    "contact_phone": "+52 833 000 0000",
    "channel": "phone",
}


@pytest.fixture
def take_tip(django_capture_on_commit_callbacks):
    """``take_tip(actor, stakeholder, **changes)``: record_tip with TIP_DATA, its
    acknowledgement sent (the on-commit callbacks run)."""
    from nonprolif.outreach.tips.domain import record_tip

    def take(actor, stakeholder, **changes):
        with django_capture_on_commit_callbacks(execute=True):
            return record_tip(actor=actor, stakeholder=stakeholder, **{**TIP_DATA, **changes})

    return take
