"""The first journey: the demo coordinator signs in, sees the 2009 program with its ten agencies
and its proposal items, and switches the interface to English."""

import re

import pytest
from django.core.management import call_command

from tests.browser.signin import pass_second_factor

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

DEMO_PASSWORD = "demo-2009!"


@pytest.fixture
def seeded(transactional_db):
    call_command("seed", demo=True, verbosity=0)


def sign_in(page, live_server, username):
    page.goto(f"{live_server.url}/")
    assert "/login/" in page.url
    page.get_by_label("Nombre de usuario").fill(username)
    page.get_by_label("Contraseña").fill(DEMO_PASSWORD)
    with page.expect_navigation():
        page.get_by_role("button", name="Iniciar sesión").click()
    pass_second_factor(page, username)  # the demo coordinator's printed authenticator


def test_coordinator_sees_the_2009_program_and_switches_to_english(seeded, live_server, page):
    sign_in(page, live_server, "coordinador")
    page.get_by_role("link", name=re.compile("No Proliferación")).first.click()
    main = page.locator("main")
    agencies = main.locator("table").filter(has_text="Secretaría de Marina").locator("tbody tr")
    assert agencies.count() == 10
    for name in [
        "Centro de Investigación y Seguridad Nacional",
        "Secretaría de Salud",
        "Administración General de Aduanas",
        "Agregaduría Legal del FBI",
    ]:
        assert agencies.filter(has_text=name).count() == 1, name
    items = main.locator("table").filter(has_text="Calendario de capacitación").locator("tbody tr")
    assert items.count() == 10

    page.get_by_label("Idioma").select_option("en")
    page.get_by_role("button", name="Cambiar idioma").click()
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.get_by_role("button", name="Sign out").is_visible()


def test_liaison_directory_shows_only_his_agency(seeded, live_server, page):
    sign_in(page, live_server, "enlace-sedena")
    page.goto(f"{live_server.url}/officials/")
    rows = page.locator("main table tbody tr")
    assert rows.count() > 0
    agencies = {
        text.strip()
        for text in page.locator("main table tbody tr td:nth-child(2)").all_inner_texts()
    }
    assert agencies, "the directory lists the agency of each official"
    assert all("SEDENA" in text or "Defensa" in text for text in agencies), agencies
