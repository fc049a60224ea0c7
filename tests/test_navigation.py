"""Every part of the product can be reached from the pages, not only by typing its address."""

import datetime

import pytest
from django.urls import reverse

from nonprolif.events.models import Conference
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


def _breadcrumbs(body: str) -> str:
    start = body.index('<nav class="breadcrumbs"')
    return body[start : body.index("</nav>", start)]


def test_breadcrumbs_of_action_items_and_timeline_go_up_not_to_each_other(
    as_user, english_coordinator, program
):
    client = as_user(english_coordinator)
    items = reverse("program_action_items", args=[program.code])
    timeline = reverse("engagement_timeline", args=[program.code])
    items_trail = _breadcrumbs(client.get(items).content.decode())
    timeline_trail = _breadcrumbs(client.get(timeline).content.decode())
    for trail in (items_trail, timeline_trail):
        assert reverse("home") in trail
        assert reverse("program_detail", args=[program.code]) in trail
    assert timeline not in items_trail
    assert items not in timeline_trail


def test_conference_tabs_reach_speakers_registrations_badges_and_check_in(
    as_user, english_coordinator, liaison_a, program, agency_a
):
    conference = Conference.objects.create(
        program=program,
        acronym="nav-test",
        title_es="Conferencia",
        title_en="Conference",
        city="Cancún",
        host_agency=agency_a,
        start_date=datetime.date(2009, 11, 18),
        end_date=datetime.date(2009, 11, 20),
    )
    body = as_user(english_coordinator).get(reverse("speaker_list", args=[conference.pk]))
    tabs = body.content.decode().split('<nav class="tabs"', 1)[1].split("</nav>", 1)[0]
    for name in ("speaker_list", "registration_list", "conference_badges", "checkin_door"):
        assert reverse(name, args=[conference.pk]) in tabs, name
    current = f'<a href="{reverse("speaker_list", args=[conference.pk])}" aria-current="page">'
    assert current in tabs
    # A liaison gets the tabs of what he may open: registrations and check-in, no speakers.
    page = as_user(liaison_a).get(reverse("registration_list", args=[conference.pk]))
    tabs = page.content.decode().split('<nav class="tabs"', 1)[1].split("</nav>", 1)[0]
    assert reverse("registration_list", args=[conference.pk]) in tabs
    assert reverse("checkin_door", args=[conference.pk]) in tabs
    assert reverse("speaker_list", args=[conference.pk]) not in tabs
    assert reverse("conference_badges", args=[conference.pk]) not in tabs
