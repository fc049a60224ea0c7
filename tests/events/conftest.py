"""Fixtures of the events tests: a meeting of agency A and the partner (agency B absent),
with one official of each."""

import datetime

import pytest

from tests.factories import AgencyFactory, MeetingFactory, OfficialFactory, ProgramFactory


@pytest.fixture
def official_a(agency_a):
    return OfficialFactory(agency=agency_a, given_names="Ana", family_names="Alvarez")


@pytest.fixture
def official_ptr(partner_agency):
    return OfficialFactory(agency=partner_agency, given_names="Pat", family_names="Parker")


@pytest.fixture
def official_b(agency_b):
    return OfficialFactory(agency=agency_b, given_names="Beto", family_names="Barrera")


@pytest.fixture
def meeting(program, agency_a, partner_agency, official_a, official_ptr):
    meeting = MeetingFactory(
        program=program,
        title_es="Reunión de agosto",
        title_en="August meeting",
        date=datetime.date(2009, 8, 28),
        place="Ciudad de México",
    )
    meeting.agencies.set([agency_a, partner_agency])
    meeting.officials.set([official_a, official_ptr])
    return meeting


@pytest.fixture
def other_program(db):
    return ProgramFactory(code="prog-other", lead_agency=AgencyFactory(code="ZZZ"))
