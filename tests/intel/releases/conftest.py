"""Fixtures of the releasability tests: a published CONFIDENTIAL report of agency A, a
coordinator of agency A, and a second partner agency."""

import pytest

from nonprolif.core.models import AgencyKind
from nonprolif.core.roles import Role
from tests.factories import AgencyFactory
from tests.intel.conftest import ReportFactory, analyst


@pytest.fixture
def report(agency_a, analyst_a):
    return ReportFactory(reference="AAA-2009-0001", originator=agency_a, author=analyst_a)


@pytest.fixture
def coordinator_a(agency_a):
    return analyst("coordinator_a", agency_a, "S", roles=(Role.COORDINATOR,))


@pytest.fixture
def other_partner(db):
    return AgencyFactory(
        code="PT2", name_es="Otro socio", name_en="Other partner", kind=AgencyKind.PARTNER
    )


@pytest.fixture(autouse=True)
def _agencies(agency_a, agency_b, partner_agency):
    """Every test here has the two national agencies and the partner (named by code)."""
