"""The screening journey on the seeded demo, every step by clicking from the home page (the
Customs liaison reads Spanish; selectors are the pages' structure and addresses, so the
journey holds in either language):

1. the Customs liaison submits the demo batch and watches its progress bar fill, without
   reloading the page, as the task worker screens it;
2. he opens the alert of the near miss from the batch's results, reads its explanation (the
   contributions add up to the score) and marks it a false positive with a reason;
3. he submits the same batch again: the same party raises no alert;
4. the coordinator imports the UN list's next version, which changes that entry: the delta
   re-screen raises the party's alert again, in the liaison's queue, raised by that import.
"""

import re
from contextlib import contextmanager
from pathlib import Path

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from nonprolif.screening.batches import engine
from nonprolif.screening.models import Alert, AlertStatus, Batch, BatchStatus, ListSnapshot
from tests.browser.signin import pass_second_factor

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

DEMO_PASSWORD = "demo-2009!"
FIXTURES = Path(__file__).resolve().parents[2] / "src" / "nonprolif" / "screening" / "fixtures"
BATCH_FILE = FIXTURES / "demo" / "customs-2009.csv"
NEXT_UN = FIXTURES / "lists" / "un-2.xml"
NEAR_MISS = "Ali Akbar Tabatabai"
REASON = "Otra persona: nacido en 1978 en Guadalajara, importador habitual desde 2001."


@pytest.fixture
def seeded(transactional_db):
    call_command("seed", demo=True, verbosity=0)
    call_command("worker", "--burst", verbosity=0)  # the seed's own queued work
    engine.clear_caches()


@contextmanager
def signed_in(browser, live_server, username):
    """A browser of its own for ``username``, signed in from the home page's address, the
    only one typed: everything else is clicked."""
    context = browser.new_context(locale="es-MX")
    page = context.new_page()
    page.set_default_timeout(15_000)
    try:
        page.goto(f"{live_server.url}/")
        page.locator("#id_username").fill(username)
        page.locator("#id_password").fill(DEMO_PASSWORD)
        with page.expect_navigation():
            page.locator("form:has(input[name=password]) button[type=submit]").click()
        pass_second_factor(page, username)
        yield page
    finally:
        context.close()


def main(page):
    return page.locator("main")


def follow(page, locator):
    with page.expect_navigation():
        locator.first.click()


def submit(page, form):
    with page.expect_navigation():
        form.locator("button[type=submit]").first.click()


def screening_home(page, href: str):
    """A card of the home page's screening section, by its address."""
    follow(page, page.locator(f"section[aria-labelledby='screening-title'] a[href^='{href}']"))


def submit_batch(page) -> Batch:
    """From the home page: the batches' card, the submit button, the form. The batch."""
    screening_home(page, "/screening/batches/")
    follow(page, main(page).locator("a[href$='/screening/batches/new/']"))
    form = main(page).locator("form[enctype='multipart/form-data']")
    form.locator("#id_kind").select_option("declarations")
    form.locator("#id_file").set_input_files(str(BATCH_FILE))
    submit(page, form)
    assert re.search(r"/screening/batches/\d+/$", page.url)
    return Batch.objects.get(pk=int(page.url.rstrip("/").rsplit("/", 1)[1]))


def work() -> None:
    """The task worker runs what is queued, as `nonprolif worker` does."""
    engine.clear_caches()
    call_command("worker", "--burst", verbosity=0)


def test_screen_clear_and_alert_again_when_the_entry_changes(seeded, browser, live_server):
    with signed_in(browser, live_server, "enlace-aduanas") as page:
        # 1. Submitted; the page shows the batch waiting, then fills as the worker screens it.
        batch = submit_batch(page)
        progress = page.locator("#batch-progress")
        bar = progress.locator("progress")
        expect(bar).to_have_attribute("value", "0")
        expect(bar).to_have_attribute("max", str(batch.party_count + batch.line_count))
        assert (batch.party_count, batch.line_count) == (590, 399)
        work()
        expect(bar).to_have_attribute("value", str(batch.party_count + batch.line_count))
        expect(progress.locator("a")).to_be_visible()  # done: polling stopped, a link to alerts
        batch.refresh_from_db()
        assert batch.status == BatchStatus.DONE
        assert batch.alert_count == 4  # the three planted party hits and the precursor

        # 2. The near miss's alert, from the batch's results; its explanation; a false positive.
        follow(page, progress.locator("a"))
        row = main(page).locator("tbody tr").filter(has_text=NEAR_MISS)
        follow(page, row.locator("a[href*='/screening/alerts/']"))
        explanation = main(page).locator("section[aria-labelledby='score-title'] table")
        expect(explanation.locator("tbody tr")).to_have_count(6)  # name + five qualifiers
        alert = Alert.objects.get(batch=batch, party__name=NEAR_MISS)
        expect(explanation.locator("tfoot td").first).to_have_text(f"{alert.score:.3f}")
        form = main(page).locator("form[action$='/decide/']")
        form.locator("input[name=decision][value=false_positive]").check()
        form.locator("#id_reason").fill(REASON)
        submit(page, form)
        alert.refresh_from_db()
        assert alert.status == AlertStatus.FALSE_POSITIVE
        assert alert.decisions.get().reason == REASON

        # 3. The same party again: no alert for it, the true hits still alert.
        follow(page, page.locator("header a[href='/'], nav a[href='/']"))
        again = submit_batch(page)
        work()
        expect(page.locator("#batch-progress progress")).to_have_attribute(
            "value", str(again.party_count + again.line_count)
        )
        follow(page, page.locator("#batch-progress a"))
        expect(main(page).locator("tbody")).not_to_contain_text(NEAR_MISS)
        expect(main(page).locator("tbody")).to_contain_text("Park Chol Su")

    # 4. The coordinator imports the list's next version; the delta shows on its page.
    with signed_in(browser, live_server, "coordinador") as page:
        screening_home(page, "/screening/batches/")
        follow(page, page.locator("nav.tabs a[href$='/screening/lists/']"))
        follow(page, main(page).locator("a[href$='/screening/lists/import/']"))
        form = main(page).locator("form[enctype='multipart/form-data']")
        form.locator("#id_source").select_option("un")
        form.locator("#id_file").set_input_files(str(NEXT_UN))
        submit(page, form)
        snapshot = ListSnapshot.objects.get(watchlist__code="un", number=2)
        assert page.url.rstrip("/").endswith(f"/screening/snapshots/{snapshot.pk}")
        expect(main(page)).to_contain_text("IRi.903")
    work()  # the delta re-screen the import enqueued

    with signed_in(browser, live_server, "enlace-aduanas") as page:
        screening_home(page, "/screening/alerts/")
        queue = main(page).locator("tbody")
        # Open: the demo's own batch's alert (never reviewed), and the import's three, one for
        # each batch that screened the party (the demo's, and both of this journey).
        expect(queue.locator("tr").filter(has_text=NEAR_MISS)).to_have_count(4)
    raised = Alert.objects.filter(party__name=NEAR_MISS, snapshot=snapshot)
    assert {a.batch_id for a in raised} == set(
        Batch.objects.filter(agency=batch.agency).values_list("pk", flat=True)
    )
    assert {batch.pk, again.pk} < {a.batch_id for a in raised}
    assert all(a.status == AlertStatus.OPEN for a in raised)
