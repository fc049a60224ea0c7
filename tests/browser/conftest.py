"""Playwright driving Debian's Chromium headless (never a downloaded browser).

Without /usr/bin/chromium the browser tests skip with the reason; under CI=true that is a
failure instead.
"""

import os
import shutil

import pytest
from playwright.sync_api import expect

# Assertions wait as long as actions do (a page's default): CI runs two suites side by side.
expect.set_options(timeout=15_000)

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
LAUNCH_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]

# Playwright's sync API runs an event loop in this thread; the ORM calls the tests make
# around it are synchronous and safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def _missing(reason: str):
    if os.environ.get("CI") == "true":
        pytest.fail(f"CI requires it: {reason}")
    pytest.skip(reason)


@pytest.fixture(scope="session")
def browser():
    if not (os.path.exists(CHROMIUM) or shutil.which(CHROMIUM)):
        _missing(f"Chromium not found at {CHROMIUM} (apt-get install chromium)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:  # pragma: no cover - playwright is a test dependency
        _missing("the playwright package is not installed")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=LAUNCH_ARGS
        )
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(locale="es-MX")
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()
