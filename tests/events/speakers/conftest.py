"""Fixtures of the speaker tests: a conference of the test program, speakers proposed by the
partner, a conference of another program, and safe settings (immediate tasks, uploads in a
temporary directory, a fixed site address)."""

import datetime

import pytest
from django.core.files.base import ContentFile

from nonprolif.events.models import Conference, Speaker, SpeakerStatus
from nonprolif.events.speakers.domain.invitations import send_invitation

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
JPEG = b"\xff\xd8\xff\xe0" + b"\x00" * 64
GIF = b"GIF89a" + b"\x00" * 64


@pytest.fixture(autouse=True)
def speaker_settings(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.SITE_URL = "http://testserver"
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    settings.SPEAKER_INVITATION_DAYS = 30
    settings.SPEAKER_REMINDER_DAYS = 7
    return settings


def make_conference(program, host, acronym="wmd-test-2009", **fields) -> Conference:
    values = {
        "program": program,
        "acronym": acronym,
        "title_es": "Conferencia de prueba",
        "title_en": "Test conference",
        "city": "Cancún",
        "venue": "Centro de convenciones",
        "host_agency": host,
        "start_date": datetime.date(2009, 11, 16),
        "end_date": datetime.date(2009, 11, 18),
    }
    values.update(fields)
    return Conference.objects.create(**values)


def make_speaker(conference, agency, name, **fields) -> Speaker:
    values = {
        "conference": conference,
        "name": name,
        "organisation": "FBI WMD Directorate",
        "email": f"{name.split()[0].lower()}@example.org",
        "topic_es": "Contraproliferación",
        "topic_en": "Counterproliferation",
        "languages": "en,es",
        "proposed_by_agency": agency,
    }
    values.update(fields)
    return Speaker.objects.create(**values)


@pytest.fixture
def conference(program, agency_a):
    return make_conference(program, agency_a)


@pytest.fixture
def other_conference(other_program):
    return make_conference(other_program, other_program.lead_agency, acronym="other-conf")


@pytest.fixture
def speaker(conference, partner_agency, partner):
    return make_speaker(conference, partner_agency, "Alice Anderson", proposed_by=partner)


@pytest.fixture
def other_speaker(conference, partner_agency, partner):
    return make_speaker(
        conference,
        partner_agency,
        "Bruno Bertrand",
        email="bruno@example.org",
        bio_en="Secret bio of Bruno",
        travel_needs="Bruno needs a wheelchair",
        languages="es",
        proposed_by=partner,
    )


@pytest.fixture
def accept():
    """``accept(speaker)``: mark the speaker accepted by the coordinator (no invitation)."""

    def run(speaker):
        speaker.status = SpeakerStatus.ACCEPTED
        speaker.save(update_fields=["status"])
        return speaker

    return run


@pytest.fixture
def invite(coordinator, accept):
    """``invite(speaker)`` accepts the speaker and sends an invitation; returns the
    InvitationSent (its ``url`` holds the secret link)."""

    def run(speaker, **kwargs):
        accept(speaker)
        return send_invitation(actor=coordinator, speaker=speaker, **kwargs)

    return run


def token_of(sent) -> str:
    return sent.url.rstrip("/").rsplit("/", 1)[1]


def photo(content: bytes, name="photo.jpg"):
    return ContentFile(content, name=name)


@pytest.fixture
def other_partner(other_program):
    from nonprolif.core.models import AgencyKind
    from nonprolif.core.roles import Role
    from tests.factories import AgencyFactory, UserFactory

    agency = AgencyFactory(code="OTP", kind=AgencyKind.PARTNER, country="GB")
    other_program.partner_agencies.add(agency)
    return UserFactory(username="other_partner", agency=agency, roles=[Role.PARTNER])
