"""Pickers in a real browser under the Content-Security-Policy: the coordinator types a name
on a session page, picks the result with the keyboard and adds the participant; a liaison
pages through the search results of an item's nomination form, sees only his agency's
officials, picks one with the mouse and nominates him. No policy violation on the way."""

import datetime
from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import expect

from nonprolif.core.models import AgencyKind
from nonprolif.core.roles import Role
from nonprolif.program.domain.review import decide_item
from nonprolif.program.models import ItemKind
from nonprolif.training.models import Session, SessionParticipant
from nonprolif.training.models.nomination import Nomination
from nonprolif.training.nominations.queries import nomination_items
from tests.browser.test_content_security_policy import watched  # noqa: F401
from tests.factories import (
    AgencyFactory,
    OfficialFactory,
    ProgramFactory,
    ProposalFactory,
    ProposalItemFactory,
    UserFactory,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

IDLE = "() => !document.querySelector('.htmx-request, .htmx-swapping, .htmx-settling')"


def answered(page, query: str, act) -> None:
    """Run ``act`` (typing or Enter in a picker's box) and wait until the answer to ``query``
    is on the page: focusing the box searches too, and a late answer to an earlier search
    would otherwise replace the results the test goes on to click."""
    with page.expect_response(
        lambda response: parse_qs(urlsplit(response.url).query).get("q") == [query]
    ):
        act()
    page.wait_for_function(IDLE)


@pytest.fixture
def crowded(transactional_db):
    """One accepted training item in a program of agencies A and B; 30 officials of A named
    Ibarra, one Alvarez of A and one Barrera of B; a coordinator and A's liaison."""
    agency_a = AgencyFactory(code="AAA", name_es="Agencia A", name_en="Agency A")
    agency_b = AgencyFactory(code="BBB", name_es="Agencia B", name_en="Agency B")
    partner = AgencyFactory(code="PTR", kind=AgencyKind.PARTNER, country="US")
    program = ProgramFactory(code="pickers", lead_agency=agency_a)
    program.member_agencies.set([agency_a, agency_b])
    program.partner_agencies.set([partner])
    coordinator = UserFactory(
        username="coord", agency=agency_a, language="en", roles=[Role.COORDINATOR]
    )
    UserFactory(username="enlace", agency=agency_a, language="en", roles=[Role.LIAISON])
    OfficialFactory.create_batch(30, agency=agency_a, family_names="Ibarra")
    alvarez = OfficialFactory(agency=agency_a, given_names="Ana", family_names="Alvarez")
    OfficialFactory(agency=agency_b, given_names="Beto", family_names="Barrera")
    item = ProposalItemFactory(
        proposal=ProposalFactory(program=program, submitted_by=partner),
        number=1,
        kind=ItemKind.TRAINING,
        title_es="Tácticas",
        title_en="Tactics",
        cohort_size=40,
        cohort_count=1,
        start_date=datetime.date(2009, 10, 23),
        cadence_months=3,
        session_days=5,
    )
    decide_item(item=item, decision="accepted", actor=coordinator, rationale="", amendments=None)
    return program, alvarez


def test_the_coordinator_adds_a_participant_by_typing_and_the_keyboard(
    crowded,
    live_server,
    watched,  # noqa: F811
):
    _program, alvarez = crowded
    session = Session.objects.get()
    page = watched(live_server, "coord")
    page.goto(f"{live_server.url}/sessions/{session.pk}/")
    search = page.get_by_label("Official:", exact=True)  # the field's label names the box
    expect(search).to_have_id("id_participant-official")
    answered(page, "alva", lambda: search.fill("alva"))
    result = page.locator(".picker-results button", has_text="Ana Alvarez (AAA)")
    expect(result).to_be_visible()
    expect(page.locator(".picker-results button")).to_have_count(1)
    answered(page, "alva", lambda: search.press("Enter"))  # searches, does not submit
    assert page.url.endswith(f"/sessions/{session.pk}/")
    result.focus()
    page.keyboard.press("Enter")
    chosen = page.locator(".picker-chosen input[type=radio]:checked")
    expect(chosen).to_have_value(str(alvarez.pk))
    page.get_by_role("button", name="Add", exact=True).click()
    page.wait_for_url(f"{live_server.url}/sessions/{session.pk}/")
    assert list(SessionParticipant.objects.values_list("official", flat=True)) == [alvarez.pk]
    assert page.evaluate("window.__violations") == []
    assert page.errors == []


def test_a_liaison_pages_through_results_and_nominates_his_official(
    crowded,
    live_server,
    watched,  # noqa: F811
):
    program, _alvarez = crowded
    item = nomination_items(program)[0]
    page = watched(live_server, "enlace")
    page.goto(f"{live_server.url}/programs/{program.code}/nominations/{item.key}/")
    search = page.get_by_label("Official:", exact=True)
    answered(page, "a", lambda: search.fill("a"))
    buttons = page.locator(".picker-results button[data-value]")
    expect(buttons).to_have_count(20)
    answered(page, "a", page.get_by_role("button", name="More results").click)
    expect(buttons).to_have_count(31)  # every official of agency A, none of agency B
    expect(page.locator(".picker-results")).not_to_contain_text("Barrera")
    answered(page, "ibarra", lambda: search.fill("ibarra"))
    expect(buttons).to_have_count(20)
    first = buttons.first
    picked = first.get_attribute("data-value")
    first.click()
    answered(page, "alvarez", lambda: search.fill("alvarez"))  # a new search keeps the choice
    expect(buttons).to_have_count(1)
    expect(page.locator(".picker-chosen input:checked")).to_have_value(picked)
    page.get_by_role("button", name="Submit nomination").click()
    expect(page.locator(".messages .success")).to_be_visible()
    assert list(Nomination.objects.values_list("official", flat=True)) == [int(picked)]
    assert page.evaluate("window.__violations") == []
    assert page.errors == []
