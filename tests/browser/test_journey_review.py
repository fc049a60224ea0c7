"""Issue 3's journey: the coordinator signs in, accepts the partner's items, amends one, and
sees the calendar change."""

import pytest
from django.core.management import call_command

from nonprolif.core.models import Agency
from nonprolif.core.roles import Role
from tests.browser.signin import sign_in
from tests.factories import UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def coordinator_on_2009_program(transactional_db):
    call_command("seed", verbosity=0)
    return UserFactory(
        username="ana",
        agency=Agency.objects.get(code="CISEN"),
        language="en",
        roles=[Role.COORDINATOR],
    )


def capacities(page) -> list[str]:
    rows = page.locator("main table:not(.month-grid) tbody tr").filter(has_text="Cohort")
    return [row.locator("td").nth(3).inner_text().strip() for row in rows.all()]


def test_coordinator_accepts_amends_and_sees_the_calendar_change(
    coordinator_on_2009_program, live_server, page
):
    sign_in(page, live_server, "ana")

    page.goto(f"{live_server.url}/programs/mx-2009/")
    page.get_by_role("link", name="FBI WMD Directorate training proposal").click()
    page.get_by_role("button", name="Accept every item awaiting review").click()
    assert page.locator("main").get_by_text("Accepted").count() >= 10

    page.goto(f"{live_server.url}/programs/mx-2009/calendar/?month=2009-10")
    assert page.locator(".session-chip").count() >= 1
    assert capacities(page) == ["50"]

    page.goto(f"{live_server.url}/programs/mx-2009/")
    page.get_by_role("link", name="Agency-wide training calendar").first.click()
    page.get_by_label("Accepted with amendments").check()
    page.get_by_label("Cohort size").fill("40")
    page.get_by_label("Rationale").fill("The rooms in Mexico City hold 40.")
    page.get_by_role("button", name="Record the decision").click()
    assert page.locator("main").get_by_text("The rooms in Mexico City hold 40.").count() >= 1

    page.goto(f"{live_server.url}/programs/mx-2009/calendar/?month=2009-10")
    assert capacities(page) == ["40"]
    page.goto(f"{live_server.url}/programs/mx-2009/calendar/?month=2010-01")
    january = page.locator("main").inner_text()
    assert "Saturday" in january  # the second cohort moved off Saturday 23 January 2010
    assert capacities(page) == ["40"]
