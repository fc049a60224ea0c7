"""Fixtures of the registration tests: a conference of the test program with seats for
agencies A (2) and B (1), officials of both agencies, and a helper to register one."""

import pytest

from nonprolif.events.models import Registration, RegistrationStatus
from nonprolif.events.registrations.domain import register_official, set_quota
from tests.events.speakers.conftest import make_conference
from tests.factories import OfficialFactory


@pytest.fixture(autouse=True)
def registration_settings(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    return settings


@pytest.fixture
def conference(program, agency_a):
    return make_conference(program, agency_a)


@pytest.fixture
def quotas(conference, coordinator, agency_a, agency_b):
    set_quota(actor=coordinator, conference=conference, agency=agency_a, seats=2)
    set_quota(actor=coordinator, conference=conference, agency=agency_b, seats=1)
    return conference


@pytest.fixture
def officials_a(agency_a):
    return [
        OfficialFactory(agency=agency_a, given_names="Ana", family_names="Zapata"),
        OfficialFactory(agency=agency_a, given_names="Luis", family_names="Beltrán"),
        OfficialFactory(agency=agency_a, given_names="Rosa", family_names="Mendoza"),
    ]


@pytest.fixture
def official_b2(agency_b):
    return OfficialFactory(agency=agency_b, given_names="Beto", family_names="Barrera")


@pytest.fixture
def registration_a(quotas, liaison_a, officials_a):
    return register_official(actor=liaison_a, conference=quotas, official=officials_a[0])


@pytest.fixture
def registration_b(quotas, liaison_b, official_b2):
    return register_official(actor=liaison_b, conference=quotas, official=official_b2)


@pytest.fixture
def approve(coordinator):
    """``approve(registration)``: the coordinator approves it."""
    from nonprolif.events.registrations.domain import decide_registration

    def run(registration):
        return decide_registration(
            actor=coordinator, registration=registration, decision=RegistrationStatus.APPROVED
        )

    return run


def status_of(registration) -> str:
    return Registration.objects.get(pk=registration.pk).status
