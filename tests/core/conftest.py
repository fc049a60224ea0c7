"""Fixtures of the core tests: one official in each national agency."""

import pytest

from tests.factories import OfficialFactory


@pytest.fixture
def official_a(agency_a):
    return OfficialFactory(
        agency=agency_a, given_names="Ana", family_names="Alvarez", position="Analyst"
    )


@pytest.fixture
def official_b(agency_b):
    return OfficialFactory(
        agency=agency_b, given_names="Beto", family_names="Barrera", position="Analyst"
    )
