"""Issue 5's journey: a partner proposes a guest speaker to the Cancún conference, the
coordinator accepts him and emails the invitation, the speaker accepts through his personal
link, the coordinator schedules his talk and publishes the agenda, and a liaison of a member
agency reads it (but not the draft timetable nor the speaker records)."""

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from nonprolif.core.models import Agency
from nonprolif.core.roles import Role
from nonprolif.events.models import Conference, Speaker, Talk
from tests.browser.signin import sign_in
from tests.factories import UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SPEAKER = "Dr. Jane Harlow"
TALK_EN = "Tracing dual-use exports"
TALK_ES = "Rastreo de exportaciones de doble uso"


@pytest.fixture
def cancun(transactional_db, settings, live_server):
    """The seeded 2009 program and its Cancún conference (18 to 20 November 2009, no rooms,
    nothing published); a LEGAT partner, a CISEN coordinator and a SEDENA liaison, all
    reading English. The invitation links point at the live server."""
    settings.SITE_URL = live_server.url
    call_command("seed", verbosity=0)
    for username, agency, role in [
        ("legat", "LEGAT", Role.PARTNER),
        ("ana", "CISEN", Role.COORDINATOR),
        ("enlace", "SEDENA", Role.LIAISON),
    ]:
        UserFactory(
            username=username,
            agency=Agency.objects.get(code=agency),
            language="en",
            roles=[role],
        )
    return Conference.objects.get(acronym="adm-cancun-2009")


def sign_out(page):
    page.get_by_role("button", name="Sign out").click()


def test_propose_accept_confirm_schedule_publish_and_read_the_agenda(
    cancun, live_server, page, browser, mailoutbox
):
    conference = cancun
    base = live_server.url

    # The partner proposes a speaker.
    sign_in(page, live_server, "legat")
    page.goto(f"{base}/conferences/{conference.pk}/speakers/propose/")
    page.get_by_label("Name:", exact=True).fill(SPEAKER)
    page.get_by_label("Organisation:", exact=True).fill("Export Control Institute")
    page.get_by_label("Email:", exact=True).fill("jane.harlow@example.org")
    page.get_by_label("Topic (English)").fill("Export controls")
    page.get_by_label("Topic (Spanish)").fill("Controles de exportación")
    page.get_by_role("button", name="Propose").click()
    speaker = Speaker.objects.get(conference=conference)
    page.wait_for_url(f"{base}/speakers/{speaker.pk}/")
    assert page.get_by_role("heading", level=1).inner_text() == SPEAKER
    assert speaker.proposed_by_agency.code == "LEGAT"
    assert speaker.status == "proposed"
    sign_out(page)

    # The coordinator accepts him; the invitation is emailed and its link shown once.
    sign_in(page, live_server, "ana")
    page.goto(f"{base}/speakers/{speaker.pk}/")
    page.locator("#id_decision_0").check()
    assert page.get_by_label("Accept", exact=True).is_checked()
    assert page.get_by_label("Email the invitation now (when accepting)").is_checked()
    page.get_by_role("button", name="Record the decision").click()
    expect(page.get_by_role("status").get_by_text("Invitation sent by email.")).to_have_count(1)
    link = page.locator("input#invitation-url").input_value()
    assert link.startswith(f"{base}/speaker-invitation/")
    assert [message.to for message in mailoutbox] == [["jane.harlow@example.org"]]
    assert link in mailoutbox[0].body
    speaker.refresh_from_db()
    assert speaker.status == "accepted"
    assert speaker.response == "pending"

    # The speaker, with no account, accepts through his link.
    speaker_context = browser.new_context(locale="en-US")
    try:
        speaker_page = speaker_context.new_page()
        speaker_page.set_default_timeout(15_000)
        speaker_page.goto(link)
        assert SPEAKER in speaker_page.locator("main").inner_text()
        speaker_page.locator("#id_response_0").check()
        assert speaker_page.get_by_label("I accept the invitation").is_checked()
        # The page is sent with a Referrer-Policy; the browser must still be able to post
        # the answer (a 403 here is Django's CSRF origin check refusing "Origin: null").
        with speaker_page.expect_response(lambda r: r.request.method == "POST") as answer:
            speaker_page.get_by_role("button", name="Send my answer").click()
        assert answer.value.status == 200
        confirmation = speaker_page.get_by_role("status")
        assert "your acceptance and details were recorded" in confirmation.inner_text()
    finally:
        speaker_context.close()
    speaker.refresh_from_db()
    assert speaker.response == "accepted"
    assert speaker.is_confirmed

    # The coordinator adds a room, creates the talk and places it on the second day.
    page.goto(f"{base}/conferences/{conference.pk}/rooms/")
    page.get_by_label("Name:", exact=True).fill("Sala Caribe")
    page.get_by_label("Capacity").fill("120")
    page.get_by_role("button", name="Add room").click()
    assert page.get_by_role("row", name="Sala Caribe").count() == 1

    page.goto(f"{base}/conferences/{conference.pk}/talks/new/")
    page.get_by_label("Title (Spanish)").fill(TALK_ES)
    page.get_by_label("Title (English)").fill(TALK_EN)
    page.get_by_label("Speakers").select_option(label=f"{SPEAKER} (Export Control Institute)")
    page.get_by_label("Duration (minutes)").fill("45")
    page.get_by_role("button", name="Save").click()
    talk = Talk.objects.get(conference=conference)
    page.wait_for_url(f"{base}/talks/{talk.pk}/place/")

    page.get_by_label("Room").select_option(label="Sala Caribe (120 seats)")
    page.get_by_label("Day").select_option(value="2009-11-19")
    page.get_by_label("Start").fill("10:00")
    page.get_by_label("End").fill("10:45")
    page.get_by_role("button", name="Place", exact=True).click()
    page.wait_for_url(f"{base}/conferences/{conference.pk}/timetable/")
    talk.refresh_from_db()
    assert talk.room.name == "Sala Caribe"
    assert talk.starts_at is not None

    # The coordinator publishes the first version; the talk is in it, its speaker with it.
    page.goto(f"{base}/conferences/{conference.pk}/publish/")
    assert TALK_EN in page.locator("main").inner_text()
    assert page.get_by_role("heading", name="Speakers left out").count() == 0
    page.get_by_role("button", name="Publish version 1").click()
    page.wait_for_url(f"{base}/conferences/{conference.pk}/agenda/")
    sign_out(page)

    # The liaison reads the published agenda: the talk, its time and its speaker.
    sign_in(page, live_server, "enlace")
    page.goto(f"{base}/conferences/{conference.pk}/agenda/")
    main = page.locator("main")
    assert "Version 1, published" in main.inner_text()
    cell = main.locator("td.talk").filter(has_text=TALK_EN)
    assert cell.count() == 1
    assert "10:00\u201310:45" in cell.inner_text()  # en dash
    assert SPEAKER in cell.inner_text()
    assert "not confirmed" not in cell.inner_text()
    assert main.get_by_role("heading", name="Thursday, Nov. 19, 2009").count() == 1
    assert main.get_by_role("columnheader", name="Sala Caribe").count() == 1
    guests = main.locator("dl").filter(has_text=SPEAKER)
    assert "Export Control Institute" in guests.inner_text()
    assert main.get_by_role("link", name="Organisers: see the draft timetable").count() == 0

    # ...but not the draft (403: she sees the conference) nor the speaker records (404: for
    # her, speakers exist only in the published agenda).
    for path, status in [
        (f"/conferences/{conference.pk}/timetable/", 403),
        (f"/conferences/{conference.pk}/talks/", 403),
        (f"/conferences/{conference.pk}/speakers/", 404),
        (f"/conferences/{conference.pk}/speakers/propose/", 404),
        (f"/speakers/{speaker.pk}/", 404),
    ]:
        assert page.goto(f"{base}{path}").status == status, path
        assert SPEAKER not in page.locator("body").inner_text()
