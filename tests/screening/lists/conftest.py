"""The lists' tests: the shipped list files, an analyst (who reads the lists) and a control-list
file."""

from pathlib import Path

import pytest

from nonprolif.core.roles import Role
from tests.factories import UserFactory

FIXTURES = Path(__file__).resolve().parents[3] / "src/nonprolif/screening/fixtures"

#: The shipped sample of each list format.
SAMPLES = {
    "un": "un.xml",
    "csl": "csl.csv",
    "ofac": "ofac.xml",
    "eu": "eu.xml",
    "uk": "uk.xml",
    "csv": "generic.csv",
}

CONTROLS_HEADER = (
    "regime,code,description_en,description_es,cas_numbers,hs6,tariff_fractions,"
    "keywords_en,keywords_es\n"
)


def sample(name: str) -> bytes:
    return (FIXTURES / "lists" / name).read_bytes()


def generic(*rows: str) -> bytes:
    """A list in the generic CSV format with these rows."""
    header = "id,kind,name,aliases,birth_dates,countries,identifiers,programmes,remarks\n"
    return (header + "".join(row + "\n" for row in rows)).encode()


def controls(*rows: str) -> bytes:
    return (CONTROLS_HEADER + "".join(row + "\n" for row in rows)).encode()


@pytest.fixture
def analyst(agency_a):
    return UserFactory(username="analyst_a", agency=agency_a, roles=[Role.ANALYST])
