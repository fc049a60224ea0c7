"""The Content-Security-Policy holds in a real browser: the main pages (reached by following the
links from the home page), the Django admin and the API's documentation page run without one
violation (no inline script or style, nothing from elsewhere), and still work."""

import re
from collections import Counter, deque
from urllib.parse import urljoin, urlparse

import pytest
from django.core.management import call_command
from django.test import Client

from nonprolif.core.models import User

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# Downloads and actions are not pages to look at.
SKIPPED = (
    "/logout",
    "/export",
    ".csv",
    ".xlsx",
    ".ics",
    ".pdf",
    "/pdf",
    "/feed",
    "/media/",
    "/stix/",
    "/download",
    "download=",
    "/file/",
)
MAX_PAGES = 80

WATCH_VIOLATIONS = """
window.__violations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__violations.push(
    `${event.violatedDirective} ${event.blockedURI} ${event.sourceFile}:${event.lineNumber}`
  );
});
"""


@pytest.fixture
def seeded(transactional_db):
    call_command("seed", demo=True, verbosity=0)


@pytest.fixture
def watched(browser):
    """``watched(username)``: a page signed in as that user (a session cookie, as tests sign
    in), recording every CSP violation and console error it meets."""
    contexts = []

    def make(live_server, username):
        client = Client()
        client.force_login(User.objects.get(username=username))
        context = browser.new_context(locale="es-MX")
        contexts.append(context)
        context.add_cookies(
            [
                {
                    "name": "sessionid",
                    "value": client.cookies["sessionid"].value,
                    "url": live_server.url,
                }
            ]
        )
        context.add_init_script(WATCH_VIOLATIONS)
        page = context.new_page()
        page.set_default_timeout(15_000)
        page.errors = []
        page.on(
            "console",
            lambda message: (
                message.type == "error"
                and not message.text.startswith("Failed to load resource")
                and page.errors.append(f"{page.url}: {message.text}")
            ),
        )
        # A resource that fails to load, by its address (the browser's own /favicon.ico aside).
        page.on(
            "response",
            lambda answer: (
                answer.status >= 400
                and not answer.url.endswith("/favicon.ico")
                and page.errors.append(f"{answer.url}: {answer.status}")
            ),
        )
        page.on("pageerror", lambda error: page.errors.append(f"{page.url}: {error}"))
        return page

    yield make
    for context in contexts:
        context.close()


def visit(page, url) -> list[str]:
    """Open ``url``; the CSP violations it caused."""
    response = page.goto(url, wait_until="networkidle")
    assert response is not None
    assert response.status < 400, (url, response.status)
    policy = dict(
        directive.strip().split(" ", 1)
        for directive in response.headers["content-security-policy"].split(";")
    )
    assert policy["script-src"] == "'self'"
    return [f"{url}: {violation}" for violation in page.evaluate("window.__violations")]


def _shape(path: str) -> str:
    """The path with its ids and keys blanked: pages of one kind share a shape."""
    return re.sub(r"/[0-9a-f-]{36}/|/\d+/", "/*/", path)


def crawl(page, start: str) -> tuple[list[str], list[str]]:
    """Follow same-site links breadth first from ``start``, two pages of each kind at most:
    (pages seen, violations)."""
    origin = urlparse(start).netloc
    queue, seen, violations = deque([start]), [], []
    shapes: Counter[str] = Counter()
    while queue and len(seen) < MAX_PAGES:
        url = queue.popleft()
        shape = _shape(urlparse(url).path)
        if url in seen or shapes[shape] >= 2:
            continue
        shapes[shape] += 1
        seen.append(url)
        violations += visit(page, url)
        for href in page.eval_on_selector_all(
            "a[href]", "links => links.map(a => a.getAttribute('href'))"
        ):
            target = urljoin(url, href).split("#")[0]
            parsed = urlparse(target)
            if parsed.netloc != origin or parsed.query or any(p in parsed.path for p in SKIPPED):
                continue
            if parsed.path.startswith(("/admin/", "/api/")) or target in seen:
                continue
            queue.append(target)
    return seen, violations


def test_the_main_pages_run_without_a_csp_violation(seeded, live_server, watched):
    page = watched(live_server, "coordinador")
    seen, violations = crawl(page, f"{live_server.url}/")
    # The status report as a page (its form's answer: a query string, which the crawl skips).
    report = f"{live_server.url}/programs/mx-2009/report/?lang=en&as_of=2009-11-01"
    violations += visit(page, report)
    assert page.locator("main svg").count() >= 1
    assert page.locator("main svg [style]").count() == 0
    assert len(seen) >= 30, seen
    paths = " ".join(seen)
    for part in ("/officials/", "/calendar", "timeline", "progress", "conference"):
        assert part in paths, part
    assert violations == []
    assert page.errors == []


def test_charts_and_the_timeline_are_drawn_without_style_attributes(seeded, live_server, watched):
    page = watched(live_server, "coordinador")
    seen, _violations = crawl(page, f"{live_server.url}/")
    for url in seen:
        if "progress" in url or "timeline" in url:
            page.goto(url)
            if page.locator("main svg").count():
                assert page.locator("main svg [style]").count() == 0, url
                box = page.locator("main svg").first.bounding_box()
                assert box is not None
                assert box["width"] > 100


def test_the_admin_runs_without_a_csp_violation(seeded, live_server, watched):
    page = watched(live_server, "admin")
    violations = []
    for path in (
        "/admin/",
        "/admin/core/user/",
        "/admin/core/user/add/",
        "/admin/core/apitoken/",
    ):
        violations += visit(page, f"{live_server.url}{path}")
    page.goto(f"{live_server.url}/admin/core/user/")
    page.locator("#result_list tbody a").first.click()
    page.wait_for_load_state("networkidle")
    violations += [f"{page.url}: {v}" for v in page.evaluate("window.__violations")]
    assert page.locator("input[name=username]").count() == 1
    assert violations == []
    assert page.errors == []


def test_the_api_documentation_runs_without_a_csp_violation(seeded, live_server, watched):
    page = watched(live_server, "coordinador")
    violations = visit(page, f"{live_server.url}/api/v1/docs")
    # Swagger UI builds the whole document in the browser: on a loaded CI machine (the two
    # suites run side by side) that takes longer than a page's default wait.
    page.wait_for_selector(".swagger-ui .opblock", timeout=60_000)
    assert page.locator(".swagger-ui .opblock").count() > 50
    assert violations == []
    assert page.errors == []
