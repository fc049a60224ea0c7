"""Fixtures of the core tests: one official in each national agency, query counting."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

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


@pytest.fixture
def count_queries():
    """``count_queries(callable)`` returns (number of SQL queries, result)."""

    def count(run):
        with CaptureQueriesContext(connection) as captured:
            result = run()
        return len(captured.captured_queries), result

    return count
