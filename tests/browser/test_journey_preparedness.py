"""The exercise journey on the seeded demo, every step by clicking from the home page (the
logins read Spanish; selectors are the pages' structure and addresses, so the journey holds
in either language):

1. the coordinator builds a tabletop (two agencies, an objective, a controller and an
   evaluator) and its MSEL of three injects, and starts the conduct;
2. the controller delivers the injects, in the MSEL's order, from the live conduct page;
3. the evaluator records an observation against the objective and rates it;
4. the coordinator generates the AAR/IP as a PDF, which holds the objective, its rating and the
   observation;
5. he adds a corrective action, flags it as a training need and turns it into a proposal item
   of the open review.
"""

import io
from contextlib import contextmanager
from urllib.parse import parse_qs, urlsplit

import pytest
from django.core.management import call_command
from playwright.sync_api import expect
from pypdf import PdfReader

from nonprolif.core.models import Agency
from nonprolif.events.models import ActionItem
from nonprolif.preparedness.models import (
    CorrectiveAction,
    Exercise,
    Inject,
    Observation,
    Rating,
)
from tests.browser.signin import pass_second_factor

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

DEMO_PASSWORD = "demo-2009!"
IDLE = "() => !document.querySelector('.htmx-request, .htmx-swapping, .htmx-settling')"
TITLE = "Ejercicio de mesa «Frontera Norte»"
OBJECTIVE = "Detectar la fuente en el cruce fronterizo antes de 4 horas."
OBSERVATION = "Aduanas activó los portales de detección en 35 minutos."
ACTION = "Capacitar a los operadores de portales de detección"


@pytest.fixture
def seeded(transactional_db):
    call_command("seed", demo=True, verbosity=0)


@contextmanager
def signed_in(browser, live_server, username):
    """A browser of its own for ``username``, signed in from the home page's address, the
    only one typed: everything else is clicked."""
    context = browser.new_context(locale="es-MX", accept_downloads=True)
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


def open_exercise(page, exercise: Exercise, tab: str = ""):
    """From the home page: the menu's preparedness link, the exercise, then its ``tab``."""
    follow(page, page.locator("nav a[href$='/preparedness/exercises/']"))
    follow(page, main(page).locator(f"a[href$='/preparedness/exercises/{exercise.pk}/']"))
    if tab:
        follow(
            page, page.locator(f"nav.tabs a[href$='/preparedness/exercises/{exercise.pk}/{tab}/']")
        )


def pick_user(page, form, username: str):
    """Type a username in the form's user picker and choose the one result."""
    search = form.locator(".picker input[type=search], .picker input[type=text]").first
    with page.expect_response(
        lambda response: parse_qs(urlsplit(response.url).query).get("q") == [username]
    ):
        search.fill(username)
    page.wait_for_function(IDLE)
    form.locator(".picker-results button[data-value]").first.click()


def build_tabletop(page) -> Exercise:
    follow(page, page.locator("nav a[href$='/preparedness/exercises/']"))
    follow(page, main(page).locator("a[href$='/preparedness/exercises/new/']"))
    form = main(page).locator("form[method=post]").last
    form.locator("#id_program").select_option(label=None, index=1)
    form.locator("#id_title_es").fill(TITLE)
    form.locator("#id_title_en").fill("Tabletop exercise “Northern Border”")
    form.locator("#id_kind").select_option("tabletop")
    form.locator("#id_cbrn_category").select_option(label="Radiológico")
    form.locator("#id_scenario_es").fill(
        "Una fuente de Cs-137 robada se traslada hacia Nuevo Laredo."
    )
    form.locator("#id_scenario_en").fill("A stolen Cs-137 source is moved towards Nuevo Laredo.")
    form.locator("#id_starts_on").fill("2010-03-09")
    form.locator("#id_ends_on").fill("2010-03-09")
    form.locator("#id_venue").fill("Monterrey, Nuevo León")
    form.locator("#id_classification").select_option(index=1)
    for agency in Agency.objects.filter(code__in=["SEDENA", "SEMAR", "ADUANAS"]):
        form.locator(f"input[name=agencies][value='{agency.pk}']").check()
    submit(page, form)
    exercise = Exercise.objects.get(title_es=TITLE)
    assert page.url.endswith(f"/preparedness/exercises/{exercise.pk}/")

    objective = main(page).locator("form[action$='/objectives/']")
    main(page).locator("details:has(form[action$='/objectives/']) summary").click()
    objective.locator("[name=text_es]").fill(OBJECTIVE)
    objective.locator("[name=text_en]").fill("Detect the source at the crossing within 4 hours.")
    objective.locator("input[type=checkbox]").first.check()
    submit(page, objective)

    for username, role in (("enlace-sedena", "controller"), ("enlace-semar", "evaluator")):
        main(page).locator("details:has(form[action$='/participants/']) summary").click()
        people = main(page).locator("form[action$='/participants/']")
        pick_user(page, people, username)
        people.locator("select[name=role]").select_option(role)
        submit(page, people)
    assert set(exercise.participants.values_list("user__username", "role")) == {
        ("enlace-sedena", "controller"),
        ("enlace-semar", "evaluator"),
    }

    follow(page, page.locator(f"nav.tabs a[href$='/preparedness/exercises/{exercise.pk}/msel/']"))
    for number, (time, synopsis) in enumerate(
        [
            ("2010-03-09T09:00", "La empresa reporta el robo de la fuente."),
            ("2010-03-09T09:30", "Un camión sin carga declarada se dirige a Nuevo Laredo."),
            ("2010-03-09T10:15", "El portal de detección del cruce emite una alarma."),
        ],
        start=1,
    ):
        main(page).locator("details:has(form[action$='/msel/injects/']) summary").click()
        inject = main(page).locator("form[action$='/msel/injects/']")
        inject.locator("[name=scheduled_at]").fill(time)
        inject.locator("[name=sender]").fill("SIMCELL")
        inject.locator("[name=recipient]").fill("Aduanas")
        inject.locator("[name=synopsis_es]").fill(synopsis)
        inject.locator("[name=synopsis_en]").fill(f"Inject {number}.")
        inject.locator("[name=objective]").select_option(str(exercise.objectives.get().pk))
        submit(page, inject)
    assert list(exercise.injects.order_by("number").values_list("number", flat=True)) == [1, 2, 3]
    return exercise


def test_build_conduct_evaluate_report_and_improve(seeded, browser, live_server):
    # 1. The coordinator builds the tabletop and its MSEL, and starts the conduct.
    with signed_in(browser, live_server, "coordinador") as page:
        exercise = build_tabletop(page)
        follow(page, page.locator(f"nav.tabs a[href$='/{exercise.pk}/conduct/']"))
        submit(page, main(page).locator(f"form[action$='/{exercise.pk}/conduct/start/']"))
    exercise.refresh_from_db()
    assert exercise.phase == "conduct"

    # 2. The controller delivers the injects from the live page, in the MSEL's order.
    with signed_in(browser, live_server, "enlace-sedena") as page:
        open_exercise(page, exercise, "conduct")
        panel = page.locator("#conduct-panel")
        for delivered in (1, 2, 3):
            panel.locator("form[action$='/deliver-next/'] button").click()
            page.wait_for_function(IDLE)
            expect(panel).to_contain_text(
                Inject.objects.get(exercise=exercise, number=delivered).synopsis_es
            )
        order = list(
            Inject.objects.filter(exercise=exercise)
            .order_by("delivered_at")
            .values_list("number", flat=True)
        )
        assert order == [1, 2, 3]

    # 3. The evaluator records an observation against the objective and rates it.
    with signed_in(browser, live_server, "enlace-semar") as page:
        open_exercise(page, exercise, "conduct")
        form = main(page).locator("form[action$='/conduct/observations/']")
        objective = exercise.objectives.get()
        form.locator("select[name$=objective]").select_option(str(objective.pk))
        form.locator("input[type=radio][value=improvement]").check()
        form.locator("textarea[name$=text]").fill(OBSERVATION)
        submit(page, form)
        assert Observation.objects.get(exercise=exercise).evaluator.username == "enlace-semar"
        follow(page, page.locator(f"nav.tabs a[href$='/{exercise.pk}/evaluation/']"))
        rate = main(page).locator(f"form[action$='/objectives/{objective.pk}/rating/']")
        rate.locator("input[type=radio][value=S]").check()
        rate.locator("textarea[name$=notes_es]").fill("Detección tardía del vehículo.")
        submit(page, rate)
    objective.refresh_from_db()
    assert objective.rating == Rating.S

    # 4. The coordinator generates the AAR/IP as a PDF; 5. the improvement plan.
    with signed_in(browser, live_server, "coordinador") as page:
        open_exercise(page, exercise, "aar")
        with page.expect_download() as download:
            main(page).locator(f"a[href*='/{exercise.pk}/aar.pdf?lang=es']").click()
        pdf = download.value.path().read_bytes()
        assert pdf.startswith(b"%PDF")
        text = " ".join(
            " ".join(p.extract_text().split()) for p in PdfReader(io.BytesIO(pdf)).pages
        )
        for expected in (OBJECTIVE[:30], OBSERVATION[:30], "Realizado con algunas dificultades"):
            assert expected in text, expected

        follow(page, page.locator(f"nav.tabs a[href$='/{exercise.pk}/improvement/']"))
        form = main(page).locator("form[action$='/improvement/add/']")
        form.locator("[name=title_es]").fill(ACTION)
        form.locator("[name=title_en]").fill("Train the detection portal operators")
        aduanas = Agency.objects.get(code="ADUANAS")
        form.locator("[name=owner_agency]").select_option(str(aduanas.pk))
        form.locator("[name=due_date]").fill("2010-06-30")
        submit(page, form)
        action = CorrectiveAction.objects.get(exercise=exercise)
        assert ActionItem.objects.get(pk=action.action_item_id).title_es == ACTION
        submit(page, main(page).locator(f"form[action$='/{action.pk}/training-need/']"))
        action.refresh_from_db()
        assert action.training_need
        submit(page, main(page).locator(f"form[action$='/{action.pk}/propose/']"))
        action.refresh_from_db()
        item = action.proposal_item
        assert item is not None
        assert ACTION in item.title_es
        assert not item.decisions.exists()  # a draft for the review, undecided
        expect(main(page)).to_contain_text(item.proposal.title_es)
