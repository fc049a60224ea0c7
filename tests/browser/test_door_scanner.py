"""The door in a real browser: a scanner types a badge's code and Enter into the focused
field; the attendee is checked in (the database says so), the field is empty and focused
again for the next badge, and the check-in can be undone after a confirmation."""

import pytest
from playwright.sync_api import expect

from nonprolif.events.models import Registration, RegistrationStatus
from nonprolif.events.registrations.codes import checkin_code
from nonprolif.events.registrations.domain import decide_registration, register_official, set_quota
from tests.browser.signin import sign_in
from tests.events.speakers.conftest import make_conference
from tests.factories import OfficialFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def attendee(transactional_db, program, agency_a, coordinator):
    coordinator.language = "en"
    coordinator.save(update_fields=["language"])
    conference = make_conference(program, agency_a)
    set_quota(actor=coordinator, conference=conference, agency=agency_a, seats=2)
    official = OfficialFactory(agency=agency_a, given_names="Ana Lucía", family_names="Ferrer")
    registration = register_official(actor=coordinator, conference=conference, official=official)
    decide_registration(
        actor=coordinator, registration=registration, decision=RegistrationStatus.APPROVED
    )
    return registration


def test_a_scanned_code_checks_in_and_the_check_in_can_be_undone(attendee, live_server, page):
    sign_in(page, live_server, "coordinator")
    page.goto(f"{live_server.url}/conferences/{attendee.conference_id}/check-in/")
    field = page.get_by_label("Check-in code")
    expect(field).to_be_focused()
    page.keyboard.type(checkin_code(attendee.pk).lower())  # the scanner types, then Enter
    page.keyboard.press("Enter")
    expect(page.get_by_text("Ana Lucía Ferrer checked in.")).to_be_visible()
    expect(page.get_by_label("Check-in code")).to_be_focused()
    expect(page.get_by_label("Check-in code")).to_have_value("")
    assert Registration.objects.get(pk=attendee.pk).checked_in_at is not None

    page.get_by_role("link", name="Undo the check-in of Ana Lucía Ferrer").click()
    expect(
        page.get_by_role("heading", name="Undo the check-in of Ana Lucía Ferrer?")
    ).to_be_visible()
    assert Registration.objects.get(pk=attendee.pk).checked_in_at is not None
    page.get_by_role("button", name="Undo the check-in").click()
    expect(page.get_by_text("The check-in of Ana Lucía Ferrer is undone.")).to_be_visible()
    assert Registration.objects.get(pk=attendee.pk).checked_in_at is None
