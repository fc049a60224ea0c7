"""Every feature is a click away: each demo login starts at the home page and reaches each of
its features by following links only (the home page is the one address typed, three clicks
at most to any feature), and every main page fits a 360 px phone without scrolling sideways.

The demo data and logins of ``nonprolif seed --demo`` on the demo clock (1 October 2009),
reading English; the logins sign in with their password and second factor.
"""

import datetime

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from nonprolif.core.models import User
from nonprolif.events.models import Conference
from nonprolif.program.models import Program
from tests.browser.signin import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

DEMO_PASSWORD = "demo-2009!"
DEMO_TODAY = datetime.date(2009, 10, 1)


@pytest.fixture
def demo(transactional_db, settings):
    settings.NONPROLIF_TODAY = DEMO_TODAY
    call_command("seed", demo=True, verbosity=0)
    User.objects.update(language="en")
    program = Program.objects.get(code="mx-2009")
    conference = Conference.objects.get(acronym="adm-cancun-2009")
    return {"program": program.name_en, "conference": conference.title_en}


def heading(page):
    return page.get_by_role("heading", level=1)


def main(page):
    return page.locator("main")


def click(page, scope, name):
    """Follow the link ``name`` (exactly) inside ``scope`` and wait for the next page."""
    with page.expect_navigation():
        scope.get_by_role("link", name=name, exact=True).first.click()


def home(page):
    click(page, page.get_by_role("navigation", name="Main"), "Home")
    expect(heading(page)).to_have_text("Home")


def tabs(page, label):
    return page.locator(f"nav.tabs[aria-label='{label}']")


def reach(page, path, expected):
    """From the home page, follow ``path`` (pairs of a scope and a link name), then check the
    heading of the page reached, and go back home by the main menu."""
    assert len(path) <= 3, path
    for scope, name in path:
        click(page, scope(page), name)
    expect(heading(page)).to_contain_text(expected)
    home(page)


def start(page, live_server, username):
    page.goto(f"{live_server.url}/login/")
    sign_in(page, live_server, username, DEMO_PASSWORD)
    expect(heading(page)).to_have_text("Home")


def programs_table(page):
    return page.locator("section[aria-labelledby='programs-title']")


def program_sections(page):
    return page.get_by_role("navigation", name="Program sections")


def conference_tabs(page):
    return tabs(page, "Conference")


def main_menu(page):
    return page.get_by_role("navigation", name="Main")


def conferences(demo):
    """Main menu > Conferences > the Cancún conference."""
    return [(main_menu, "Conferences"), (main, demo["conference"])]


def program_features(demo, names):
    return [([(programs_table, demo["program"]), (program_sections, name)], h) for name, h in names]


def test_the_coordinator_reaches_every_feature_by_clicking(demo, live_server, page):
    start(page, live_server, "coordinador")
    # What needs him: the home page's own links.
    expect(page.get_by_role("heading", name="What needs your attention")).to_be_visible()
    journeys = [
        ([(programs_table, demo["program"])], demo["program"]),
        *program_features(
            demo,
            [
                ("Calendar", "Training calendar"),
                ("Timeline", "Training timeline"),
                ("Nominations", "Nominations"),
                ("Assignment", "Assignment of nominees to sessions"),
                ("Progress", "Training progress"),
                ("Certificates", "Certificates"),
                ("Meetings", "Meetings"),
                ("Action items", "Action items"),
                ("Engagement timeline", "Engagement timeline"),
                ("Status report", "Program status report"),
                ("New conference", "New conference"),
            ],
        ),
        (
            [
                (programs_table, demo["program"]),
                (program_sections, "Nominations"),
                (lambda p: tabs(p, "Nominations"), "Approval queue"),
            ],
            "Approval queue",
        ),
        (
            [
                (programs_table, demo["program"]),
                (program_sections, "Calendar"),
                (lambda p: tabs(p, "Training calendar"), "Calendar feeds"),
            ],
            "Calendar feeds",
        ),
        (
            [
                (programs_table, demo["program"]),
                (program_sections, "Calendar"),
                (lambda p: tabs(p, "Training calendar"), "Venues and blackout dates"),
            ],
            "Venues and blackout dates",
        ),
        (conferences(demo), demo["conference"]),
        *[
            ([*conferences(demo), (conference_tabs, tab)], h)
            for tab, h in [
                ("Timetable (draft)", "Timetable (draft)"),
                ("Talks", "Talks (draft)"),
                ("Rooms", "Rooms"),
                ("Releases", "Schedule releases"),
                ("Speakers", "Guest speakers"),
                ("Registrations", "Registrations"),
                ("Check-in", "Check-in at the door"),
                ("Publish", "Publish version"),
            ]
        ],
        ([(main_menu, "Officials")], "Officials"),
        ([(main_menu, "Agencies")], "Agencies"),
        ([(main_menu, "Audit log")], "Audit log"),
        ([(main_menu, "API tokens")], "API tokens"),
        ([(main_menu, "Two-factor sign-in")], "Two-factor sign-in"),
    ]
    for path, expected in journeys:
        reach(page, path, expected)
    # A session and its attendance, from the home page's next sessions.
    session = page.locator("section[aria-labelledby='next-title'] tbody a").first
    title = session.inner_text()
    with page.expect_navigation():
        session.click()
    expect(heading(page)).to_contain_text(title)
    click(page, main(page), "Attendance")
    expect(heading(page)).to_contain_text(f"Attendance: {title}")
    home(page)
    # The conference's badges are a PDF, from the same tab bar.
    for path in conferences(demo):
        click(page, path[0](page), path[1])
    badges = conference_tabs(page).get_by_role("link", name="Badges (PDF)", exact=True)
    answer = page.request.get(live_server.url + badges.get_attribute("href"), timeout=60_000)
    assert answer.status == 200
    assert answer.headers["content-type"] == "application/pdf"


def test_a_liaison_reaches_every_feature_by_clicking(demo, live_server, page):
    start(page, live_server, "enlace-sedena")
    journeys = [
        *program_features(
            demo,
            [
                ("Calendar", "Training calendar"),
                ("Nominations", "Nominations"),
                ("Progress", "Training progress"),
                ("Certificates", "Certificates"),
                ("Meetings", "Meetings"),
                ("Action items", "Action items"),
                ("Engagement timeline", "Engagement timeline"),
            ],
        ),
        (
            [
                (programs_table, demo["program"]),
                (program_sections, "Nominations"),
                (lambda p: tabs(p, "Nominations"), "Approval queue"),
            ],
            "Approval queue",
        ),
        ([*conferences(demo), (conference_tabs, "Registrations")], "Registrations"),
        ([*conferences(demo), (conference_tabs, "Check-in")], "Check-in at the door"),
        ([*conferences(demo), (conference_tabs, "Agenda")], demo["conference"]),
        ([(main_menu, "Officials")], "Officials"),
        ([(main_menu, "Audit log")], "Your actions"),
    ]
    for path, expected in journeys:
        reach(page, path, expected)
    # A liaison sees no speaker records, no draft timetable, no badges to print.
    for path in conferences(demo):
        click(page, path[0](page), path[1])
    for hidden in ("Speakers", "Timetable (draft)", "Badges (PDF)", "Publish"):
        expect(conference_tabs(page).get_by_role("link", name=hidden, exact=True)).to_have_count(0)


def test_the_partner_reaches_his_proposals_speakers_and_rosters_by_clicking(
    demo, live_server, page
):
    start(page, live_server, "legat")
    journeys = [
        ([(programs_table, demo["program"])], demo["program"]),
        *program_features(
            demo,
            [
                ("Calendar", "Training calendar"),
                ("Meetings", "Meetings"),
                ("Action items", "Action items"),
                ("Engagement timeline", "Engagement timeline"),
            ],
        ),
        ([*conferences(demo), (conference_tabs, "Speakers")], "Guest speakers"),
        ([*conferences(demo), (conference_tabs, "Agenda")], demo["conference"]),
    ]
    for path, expected in journeys:
        reach(page, path, expected)
    # His proposal, from the program page.
    click(page, programs_table(page), demo["program"])
    proposal = page.locator("main section h3 a").first
    title = proposal.inner_text()
    with page.expect_navigation():
        proposal.click()
    expect(heading(page)).to_have_text(title)
    home(page)
    # A speaker proposed by clicking: Speakers tab > Propose a speaker.
    for path in [*conferences(demo), (conference_tabs, "Speakers")]:
        click(page, path[0](page), path[1])
    click(page, main(page), "Propose a speaker")
    expect(heading(page)).to_have_text("Propose a speaker")


def test_the_auditor_reaches_every_feature_by_clicking(demo, live_server, page):
    start(page, live_server, "auditor")
    journeys = [
        *program_features(
            demo,
            [
                ("Calendar", "Training calendar"),
                ("Nominations", "Nominations"),
                ("Progress", "Training progress"),
                ("Certificates", "Certificates"),
                ("Action items", "Action items"),
                ("Status report", "Program status report"),
            ],
        ),
        ([*conferences(demo), (conference_tabs, "Speakers")], "Guest speakers"),
        ([*conferences(demo), (conference_tabs, "Registrations")], "Registrations"),
        ([(main_menu, "Audit log")], "Audit log"),
        ([(main_menu, "Officials")], "Officials"),
    ]
    for path, expected in journeys:
        reach(page, path, expected)


def test_the_administrator_lands_on_account_management_and_reaches_it_by_clicking(
    demo, live_server, page
):
    start(page, live_server, "admin")
    expect(page.get_by_role("heading", name="Account management")).to_be_visible()
    accounts = page.locator("section[aria-labelledby='accounts-title']")
    for card, expected in [
        ("Role grants awaiting approval", "Role grants"),
        ("Sign-in lockouts now", "Sign-in lockouts"),
    ]:
        with page.expect_navigation():
            accounts.get_by_role("link").filter(has_text=card).click()
        expect(heading(page)).to_have_text(expected)
        home(page)
    with page.expect_navigation():
        accounts.get_by_role("link").filter(has_text="Active accounts").click()
    expect(page.locator("#result_list")).to_be_visible()  # the administration site's accounts
    page.go_back()
    reach(page, [(main_menu, "Audit log")], "Your actions")


def intel_tabs(page):
    return tabs(page, "Intelligence")


def test_an_analyst_reaches_every_intelligence_page_by_clicking(demo, live_server, page):
    start(page, live_server, "analista-sedena")
    expect(page.get_by_role("heading", name="Intelligence", exact=True)).to_be_visible()
    intelligence = [(main_menu, "Intelligence")]
    journeys = [
        (intelligence, "Intelligence reports"),
        *[
            ([*intelligence, (intel_tabs, tab)], h)
            for tab, h in [
                ("Search", "Search intelligence reports"),
                ("Entities", "Entities"),
                ("Requests", "Requests for information"),
                ("Import", "Import a STIX bundle"),
                ("Distribution lists", "Distribution lists"),
                ("Approvals", "Releases awaiting my approval"),
            ]
        ],
        ([(main_menu, "Audit log")], "Your actions"),
    ]
    for path, expected in journeys:
        reach(page, path, expected)
    # A report from the reports' list; an entity and its link chart from the Entities tab.
    click(page, main_menu(page), "Intelligence")
    report = main(page).locator("table tbody a").first
    reference = report.inner_text()
    with page.expect_navigation():
        report.click()
    expect(heading(page)).to_contain_text(reference)
    click(page, intel_tabs(page), "Entities")
    entity = main(page).locator("table tbody th a").first
    name = entity.inner_text()
    with page.expect_navigation():
        entity.click()
    expect(heading(page)).to_have_text(name)
    expect(page.locator("figure.link-chart svg")).to_be_visible()


# No page scrolls sideways on a 360 px phone.

MAIN_PAGES = {
    "coordinador": [
        "/",
        "/programs/mx-2009/",
        "/programs/mx-2009/calendar/",
        "/programs/mx-2009/timeline/",
        "/programs/mx-2009/nominations/",
        "/programs/mx-2009/nominations/queue/",
        "/programs/mx-2009/assignment/",
        "/programs/mx-2009/progress/",
        "/programs/mx-2009/certificates/",
        "/programs/mx-2009/meetings/",
        "/programs/mx-2009/action-items/",
        "/programs/mx-2009/timeline/engagement/",
        "/programs/mx-2009/report/",
        "/programs/mx-2009/venues/",
        "/programs/mx-2009/feeds/",
        "/conferences/",
        "/conferences/{conference}/",
        "/conferences/{conference}/agenda/",
        "/conferences/{conference}/timetable/",
        "/conferences/{conference}/talks/",
        "/conferences/{conference}/rooms/",
        "/conferences/{conference}/speakers/",
        "/conferences/{conference}/registrations/",
        "/conferences/{conference}/check-in/",
        "/officials/",
        "/agencies/",
        "/audit/",
    ],
    "enlace-sedena": [
        "/",
        "/programs/mx-2009/",
        "/programs/mx-2009/nominations/",
        "/programs/mx-2009/certificates/",
        "/conferences/{conference}/registrations/",
        "/officials/",
    ],
    "legat": ["/", "/programs/mx-2009/", "/conferences/{conference}/speakers/"],
    "auditor": ["/", "/audit/"],
    "admin": ["/", "/account/grants/", "/security/lockouts/"],
    "analista-sedena": [
        "/",
        "/intel/",
        "/intel/search/",
        "/intel/entities/",
        "/intel/requests/",
        "/intel/stix/import/",
        "/intel/distribution-lists/",
        "/intel/releases/awaiting/",
    ],
}


# What sticks out: the outermost elements whose right edge passes the viewport.
WIDEST = """
(() => {
  const clipped = (e) => {
    for (let a = e.parentElement; a; a = a.parentElement) {
      if (["auto", "scroll", "hidden"].includes(getComputedStyle(a).overflowX)) return true;
    }
    return false;
  };
  return [...document.querySelectorAll("body *")]
    .filter((e) => e.getBoundingClientRect().right > 361 && !clipped(e))
    .slice(-3)
    .map((e) => e.tagName + "." + e.className + " " + Math.round(e.getBoundingClientRect().right));
})()
"""


@pytest.mark.parametrize("username", list(MAIN_PAGES))
def test_no_main_page_scrolls_sideways_at_360_pixels(demo, live_server, browser, username):
    conference = Conference.objects.get(acronym="adm-cancun-2009").pk
    context = browser.new_context(locale="en", viewport={"width": 360, "height": 740})
    page = context.new_page()
    page.set_default_timeout(15_000)
    try:
        start(page, live_server, username)
        too_wide = []
        for path in MAIN_PAGES[username]:
            page.goto(live_server.url + path.format(conference=conference))
            width = page.evaluate("document.documentElement.scrollWidth")
            if width > 360:
                too_wide.append((path, width, page.evaluate(WIDEST)))
        assert too_wide == []
    finally:
        context.close()
