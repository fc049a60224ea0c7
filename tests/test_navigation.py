"""Every part of the product can be reached from the pages, not only by typing its address."""

import pytest
from django.urls import reverse

from tests.factories import OfficialFactory


@pytest.fixture
def english_coordinator(coordinator):
    coordinator.language = "en"
    coordinator.save(update_fields=["language"])
    return coordinator


def test_program_page_links_every_section_for_the_coordinator(
    as_user, english_coordinator, program
):
    body = as_user(english_coordinator).get(f"/programs/{program.code}/").content.decode()
    for name in [
        "calendar_month",
        "calendar_timeline",
        "nomination_index",
        "assignment",
        "training_progress",
        "certificate_list",
        "meeting_list",
        "program_action_items",
        "engagement_timeline",
        "program_report",
        "conference_create",
    ]:
        assert reverse(name, args=[program.code]) in body, name
    assert reverse("conference_list") in body


def test_program_page_hides_coordinator_sections_from_a_liaison(as_user, liaison_a, program):
    body = as_user(liaison_a).get(f"/programs/{program.code}/").content.decode()
    assert reverse("calendar_month", args=[program.code]) in body
    assert reverse("assignment", args=[program.code]) not in body
    assert reverse("program_report", args=[program.code]) not in body


def test_official_page_links_the_transcript(as_user, english_coordinator, agency_a):
    official = OfficialFactory(agency=agency_a)
    body = as_user(english_coordinator).get(f"/officials/{official.pk}/").content.decode()
    assert reverse("official_transcript", args=[official.pk]) in body


def test_login_page_links_certificate_verification(client):
    assert reverse("certificate_verify") in client.get("/login/").content.decode()
