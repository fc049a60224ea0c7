"""Fixtures of the conference tests: a three-day conference of the test program in Cancún
(09:00 to 18:00 local), two rooms, two confirmed speakers proposed by the partner, and
factories for talks placed in it."""

import datetime
import zoneinfo

import factory
import pytest
from django.utils import translation

from nonprolif.events.models import (
    Conference,
    Room,
    Speaker,
    SpeakerResponse,
    SpeakerStatus,
    Talk,
)
from tests.conftest import client_for
from tests.factories import AgencyFactory, ProgramFactory

TZ = zoneinfo.ZoneInfo("America/Cancun")


def at(day: int, hour: int, minute: int = 0) -> datetime.datetime:
    """18 + ``day`` November 2009 (day 0 is the first day) at local ``hour:minute``."""
    return datetime.datetime(2009, 11, 18 + day, hour, minute, tzinfo=TZ)


@pytest.fixture(autouse=True)
def english():
    """Messages are asserted in English (the source language), whatever the catalogues say."""
    with translation.override("en"):
        yield


@pytest.fixture
def as_user():
    """``as_user(user)``: a client signed in as ``user``, who reads the pages in English."""

    def sign_in(user):
        user.language = "en"
        user.save(update_fields=["language"])
        return client_for(user)

    return sign_in


class ConferenceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Conference

    program = factory.SubFactory(ProgramFactory)
    acronym = factory.Sequence(lambda n: f"conf-{n}")
    title_es = "Conferencia ADM"
    title_en = "WMD conference"
    city = "Cancún"
    venue = "Centro de Convenciones"
    host_agency = factory.LazyAttribute(lambda o: o.program.lead_agency)
    start_date = datetime.date(2009, 11, 18)
    end_date = datetime.date(2009, 11, 20)
    time_zone = "America/Cancun"
    day_start = datetime.time(9, 0)
    day_end = datetime.time(18, 0)


class RoomFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Room

    conference = factory.SubFactory(ConferenceFactory)
    name = factory.Sequence(lambda n: f"Sala {n}")
    capacity = 100


class SpeakerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Speaker

    conference = factory.SubFactory(ConferenceFactory)
    name = factory.Sequence(lambda n: f"Speaker {n}")
    organisation = "Example Institute"
    email = factory.Sequence(lambda n: f"speaker{n}@example.org")
    topic_es = "Contraproliferación"
    topic_en = "Counterproliferation"
    languages = "es,en"
    proposed_by_agency = factory.SubFactory(AgencyFactory)
    status = SpeakerStatus.ACCEPTED
    response = SpeakerResponse.ACCEPTED


class TalkFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Talk
        skip_postgeneration_save = True

    conference = factory.SubFactory(ConferenceFactory)
    title_es = factory.Sequence(lambda n: f"Ponencia {n}")
    title_en = factory.Sequence(lambda n: f"Talk {n}")
    duration_minutes = 45
    expected_attendance = 30

    @factory.post_generation
    def speakers(self, create, extracted, **kwargs):
        if create and extracted:
            self.speakers.set(extracted)


@pytest.fixture
def conference(program):
    return ConferenceFactory(program=program, acronym="wmd-test")


@pytest.fixture
def hall(conference):
    return RoomFactory(conference=conference, name="Salón Caribe", capacity=200)


@pytest.fixture
def small_room(conference):
    return RoomFactory(conference=conference, name="Sala Cozumel", capacity=40)


@pytest.fixture
def speaker(conference, partner_agency):
    return SpeakerFactory(
        conference=conference, name="Dana Whitfield", proposed_by_agency=partner_agency
    )


@pytest.fixture
def other_speaker(conference, partner_agency):
    return SpeakerFactory(
        conference=conference, name="Rafael Ortiz", proposed_by_agency=partner_agency
    )


@pytest.fixture
def place():
    """``place(talk, room, start, end)`` sets the draft placement directly (test setup)."""

    def put(talk, room, start, end):
        talk.room, talk.starts_at, talk.ends_at = room, start, end
        talk.save()
        return talk

    return put


@pytest.fixture
def opening(conference, hall, speaker, place):
    """A placed keynote by ``speaker`` in the hall, first day 09:00-10:00."""
    talk = TalkFactory(
        conference=conference,
        title_es="Apertura",
        title_en="Opening",
        kind="keynote",
        duration_minutes=60,
        expected_attendance=150,
        speakers=[speaker],
    )
    return place(talk, hall, at(0, 9), at(0, 10))


@pytest.fixture
def other_program_conference(db):
    program = ProgramFactory(code="prog-elsewhere", lead_agency=AgencyFactory(code="YYY"))
    return ConferenceFactory(program=program, acronym="other-conf")
