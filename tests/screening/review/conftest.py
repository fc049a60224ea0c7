"""Fixtures of the review tests: analysts of the two national agencies (cleared SECRET), and
an alert of each agency."""

import pytest

from tests.intel.conftest import analyst
from tests.screening.factories_review import AlertForReviewFactory, GoodsAlertForReviewFactory


@pytest.fixture
def analyst_a(agency_a):
    return analyst("analyst_a", agency_a, "S")


@pytest.fixture
def analyst_b(agency_b):
    return analyst("analyst_b", agency_b, "S")


@pytest.fixture
def alert_a(agency_a):
    """An open alert of a party of agency A's batch."""
    return AlertForReviewFactory(batch__agency=agency_a)


@pytest.fixture
def alert_b(agency_b):
    return AlertForReviewFactory(batch__agency=agency_b)


@pytest.fixture
def goods_alert_a(agency_a):
    return GoodsAlertForReviewFactory(batch__agency=agency_a)
