"""The approval queue in a browser: the select-all box ticks every nomination of the page,
the confirmation page lists them, and confirming approves them all at once."""

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from nonprolif.training.models.nomination import Nomination, NominationStatus
from nonprolif.training.nominations.queries import nomination_items
from tests.browser.signin import sign_in
from tests.browser.test_journey_training import training_program  # noqa: F401 (fixture)
from tests.factories import OfficialFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_select_all_then_one_confirmation_approves_every_nomination(
    training_program,  # noqa: F811 (the fixture imported above)
    live_server,
    page,
):
    program = training_program.proposal.program
    (item,) = nomination_items(program)
    agency = program.member_agencies.get(code="AAA")
    for n in range(3):
        official = OfficialFactory(agency=agency, given_names=f"Persona{n}")
        Nomination.objects.create(
            program=program,
            item_key=item.key,
            official=official,
            agency=agency,
            status=NominationStatus.SUBMITTED,
            order_at=timezone.now(),
            submitted_at=timezone.now(),
        )
    base = live_server.url
    sign_in(page, live_server, "coord")
    page.goto(f"{base}/programs/journey/nominations/queue/")
    page.get_by_label("Select every nomination of this page").check()
    boxes = page.locator('input[name="ids"]')
    expect(boxes).to_have_count(3)
    for index in range(3):
        expect(boxes.nth(index)).to_be_checked()
    page.get_by_role("button", name="Approve selected…").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Approve nominations")
    assert Nomination.objects.filter(status=NominationStatus.SUBMITTED).count() == 3
    page.get_by_role("button", name="Approve 3 nominations").click()
    expect(page.locator(".messages").get_by_text("3 nominations approved.")).to_have_count(1)
    assert Nomination.objects.filter(status=NominationStatus.APPROVED).count() == 3
