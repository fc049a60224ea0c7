"""Fixtures of the requests tests: a third national agency that is never asked, and a
CONFIDENTIAL request of agency A asked of agency B (written directly: the services have
their own tests)."""

import datetime

import pytest

from nonprolif.core import clock
from nonprolif.intel.models import InfoRequest
from tests.factories import AgencyFactory
from tests.intel.conftest import analyst, level


@pytest.fixture
def agency_c(db):
    return AgencyFactory(code="CCC", name_es="Agencia C", name_en="Agency C")


@pytest.fixture
def analyst_c(agency_c):
    return analyst("analyst_c", agency_c, "S")


def make_request(requester, author, recipients, classification="C", days=10, **fields):
    info_request = InfoRequest.objects.create(
        title_es=fields.pop("title_es", "¿Quién compró el precursor?"),
        title_en=fields.pop("title_en", "Who bought the precursor?"),
        classification=level(classification),
        requester=requester,
        author=author,
        due_date=clock.today() + datetime.timedelta(days=days),
        **fields,
    )
    info_request.recipients.set(recipients)
    return info_request


@pytest.fixture
def info_request(agency_a, agency_b, analyst_a):
    return make_request(agency_a, analyst_a, [agency_b])
