"""The intelligence journey on the seeded demo, every step by clicking from the home page, in
each user's language (the browser asks for Spanish; the LEGAT analyst reads English):

1. the SEDENA analyst writes a CONFIDENTIAL report releasable to Customs and the PGR, naming a
   company he registers, with a word no other report holds, and publishes it;
2. the Customs analyst finds it by that word, opens it, the company's page and its link chart;
3. the SS analyst (SENSITIVE BUT UNCLASSIFIED) searches the same word: the page reads like a
   search for a nonsense word;
4. the SEDENA analyst asks to release it to the LEGAT; a second SEDENA analyst approves it
   from the queue the home page links to, with a reason;
5. the LEGAT analyst reads it, and sees only the LEGAT on its releasability list;
6. the auditor finds each of those reads of the report in the audit trail.
"""

import re
from contextlib import contextmanager
from urllib.parse import parse_qs, urlsplit

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from nonprolif.intel.models import IntelReport
from tests.browser.signin import pass_second_factor

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

DEMO_PASSWORD = "demo-2009!"
WORD = "tecolotzin"  # in no demo report
NONSENSE = "qzxvwjkrpl"
COMPANY = "Suministros Químicos del Nazas S.A. de C.V."
TITLE = "Pedido de precursores por Suministros Químicos del Nazas"
BODY = (
    "Una fuente de la industria informa que Suministros Químicos del Nazas pidió tricloruro "
    f"de fósforo para entrega en Torreón bajo la clave {WORD}. El pedido no corresponde a su "
    "giro declarado."
)
IDLE = "() => !document.querySelector('.htmx-request, .htmx-swapping, .htmx-settling')"


@pytest.fixture
def seeded(transactional_db):
    call_command("seed", demo=True, verbosity=0)


@contextmanager
def signed_in(browser, live_server, username):
    """A browser of its own for ``username``, signed in from the home page's address, the
    only one typed: everything else is clicked."""
    context = browser.new_context(locale="es-MX")
    page = context.new_page()
    page.set_default_timeout(15_000)
    try:
        page.goto(f"{live_server.url}/")
        assert "/login/" in page.url
        page.locator("#id_username").fill(username)
        page.locator("#id_password").fill(DEMO_PASSWORD)
        with page.expect_navigation():
            # the language form's button comes first on the page
            page.locator("form:has(input[name=password]) button[type=submit]").click()
        pass_second_factor(page, username)
        expect(heading(page)).to_have_text(re.compile("^(Inicio|Home)$"))
        yield page
    finally:
        context.close()


def heading(page):
    return page.get_by_role("heading", level=1)


def main(page):
    return page.locator("main")


def click(page, scope, name):
    """Follow the link ``name`` (exactly) inside ``scope`` and wait for the next page."""
    with page.expect_navigation():
        scope.get_by_role("link", name=name, exact=True).first.click()


def press(page, name, scope=None):
    """Press the submit button ``name`` (exactly) and wait for the next page."""
    with page.expect_navigation():
        (scope or main(page)).get_by_role("button", name=name, exact=True).click()


def intel_tabs(page, label="Inteligencia"):
    return page.locator(f"nav.tabs[aria-label='{label}']")


def intel_home_card(page, name):
    """A card of the home page's intelligence section."""
    with page.expect_navigation():
        page.locator("section[aria-labelledby='intel-title']").get_by_role("link").filter(
            has_text=name
        ).first.click()


def open_report(page, reference):
    """From the home page: the reports' card, then the report's row of the list."""
    intel_home_card(page, re.compile("^(Informes de inteligencia|Intelligence reports)$"))
    click(page, main(page).locator("table"), reference)
    expect(heading(page)).to_contain_text(reference)


def search(page, words):
    """Search the reports from the search page; the main content's text."""
    page.get_by_label("Palabras", exact=False).fill(words)
    press(page, "Buscar", main(page).get_by_role("search"))
    return main(page).inner_text()


def releasability_rows(page):
    return page.locator("section[aria-labelledby='releases-heading'] tbody tr")


def write_and_publish(page) -> str:
    """The SEDENA analyst's report: written, the company registered and named, released to
    Customs and the PGR, published. Its reference."""
    intel_home_card(page, "Informes de inteligencia")
    click(page, main(page), "Nuevo informe")
    expect(heading(page)).to_have_text("Nuevo informe")
    page.get_by_label("Título (español)").fill(TITLE)
    page.get_by_label("Texto (español)").fill(BODY)
    page.get_by_label("Tipo:", exact=True).select_option(label="Adquisición sospechosa")
    page.get_by_label("Clasificación:", exact=True).select_option(label="CONFIDENCIAL")
    press(page, "Guardar")
    expect(main(page).locator(".classification-marking").first).to_contain_text("CONFIDENCIAL")
    reference = heading(page).inner_text().split(" · ")[0].strip()

    # The company is new: registered from the page that names an entity in the report.
    click(page, main(page), "Mencionar una entidad")
    click(page, main(page), "Registrar una entidad")
    page.get_by_label("Tipo:", exact=True).select_option(label="Organización")
    page.get_by_label("Nombre:", exact=True).fill(COMPANY)
    page.get_by_label("País:", exact=True).fill("MX")
    press(page, "Guardar")
    expect(heading(page)).to_have_text(COMPANY)

    # Back to the report by the section's tabs, and the company named in it as supplier.
    click(page, intel_tabs(page), "Informes")
    click(page, main(page).locator("table"), reference)
    click(page, main(page), "Mencionar una entidad")
    box = main(page).locator("[data-picker] input[type=search]")
    with page.expect_response(
        lambda response: parse_qs(urlsplit(response.url).query).get("q") == ["Nazas"]
    ):
        box.fill("Nazas")
    page.wait_for_function(IDLE)
    main(page).locator(".picker-results button[data-value]").filter(has_text=COMPANY).click()
    page.get_by_label("Rol:", exact=True).select_option(label="Proveedor")
    press(page, "Mencionarla")
    entities = main(page).locator("section[aria-labelledby='report-entities-heading']")
    expect(entities.get_by_role("link", name=COMPANY)).to_be_visible()

    # Releasable to Customs and the PGR.
    click(page, main(page), "Cambiar la difusión")
    page.get_by_label(re.compile(r"\(Aduanas,")).check()
    page.get_by_label(re.compile(r"\(PGR,")).check()
    press(page, "Guardar la difusión")
    rows = releasability_rows(page)
    expect(rows).to_have_count(2)
    expect(rows.filter(has_text="(Aduanas)")).to_have_count(1)
    expect(rows.filter(has_text="(PGR)")).to_have_count(1)

    click(page, main(page).locator("p.actions"), "Publicar")
    press(page, "Publicar")
    expect(main(page).locator("dl")).to_contain_text("Publicado")
    return reference


def test_a_report_goes_from_sedena_to_customs_and_the_partner_and_every_read_is_audited(
    seeded, live_server, browser
):
    # 1. SEDENA writes and publishes.
    with signed_in(browser, live_server, "analista-sedena") as page:
        reference = write_and_publish(page)
    report = IntelReport.objects.get(reference=reference)
    assert report.classification.code == "C"
    assert report.status == "published"

    # 2. Customs finds it by the word, opens it, the company and its link chart.
    with signed_in(browser, live_server, "analista-aduanas") as page:
        click(page, page.get_by_role("navigation", name="Principal"), "Inteligencia")
        click(page, intel_tabs(page), "Buscar")
        found = search(page, WORD)
        assert "1 informe encontrado" in found
        click(page, main(page).locator("section.results"), reference)
        expect(heading(page)).to_have_text(f"{reference} · {TITLE}")
        expect(main(page).locator(".report-body")).to_contain_text(WORD)
        click(
            page, main(page).locator("section[aria-labelledby='report-entities-heading']"), COMPANY
        )
        expect(heading(page)).to_have_text(COMPANY)
        chart = main(page).locator("figure.link-chart svg")
        expect(chart).to_be_visible()
        expect(chart).to_contain_text(reference)
        expect(chart.locator(f"a[href='/intel/reports/{report.pk}/']")).to_have_count(1)

    # 3. SS (not cleared for CONFIDENTIAL, not on the list) searches the same word: the
    # page reads exactly like a search for a word no report holds.
    with signed_in(browser, live_server, "analista-ss") as page:
        click(page, page.get_by_role("navigation", name="Principal"), "Inteligencia")
        click(page, intel_tabs(page), "Buscar")
        hidden = search(page, WORD)
        nonsense = search(page, NONSENSE)
        assert "0 informes encontrados" in nonsense
        assert hidden.replace(WORD, NONSENSE) == nonsense
        assert reference not in hidden

    # 4. SEDENA asks to release it to the LEGAT; a second SEDENA analyst approves.
    with signed_in(browser, live_server, "analista-sedena") as page:
        open_report(page, reference)
        click(page, main(page), "Cambiar la difusión")
        page.get_by_label(re.compile(r"\(LEGAT,")).check()
        press(page, "Guardar la difusión")
        expect(releasability_rows(page)).to_have_count(3)
        legat = releasability_rows(page).filter(has_text="LEGAT")
        expect(legat).to_contain_text("En espera de una segunda aprobación")
        expect(legat.get_by_role("link", name="Decidir")).to_have_count(0)  # not by himself
    with signed_in(browser, live_server, "analista2-sedena") as page:
        intel_home_card(page, "en espera de mi aprobación")
        expect(heading(page)).to_have_text("Difusiones que esperan mi aprobación")
        row = main(page).locator("tbody tr").filter(has_text=reference)
        click(page, row, "Decidir")
        page.get_by_label("Aprobar la difusión").check()
        page.get_by_label("Motivo:", exact=True).fill("El LEGAT investiga al comprador en Texas.")
        press(page, "Registrar la decisión")
        expect(heading(page)).to_contain_text(reference)
        expect(releasability_rows(page).filter(has_text="LEGAT")).to_contain_text("Vigente")

    # 5. The LEGAT analyst (who reads English) reads it, and sees only her own agency on
    # its releasability list.
    with signed_in(browser, live_server, "analista-legat") as page:
        open_report(page, reference)
        expect(main(page).locator(".report-body")).to_contain_text(WORD)
        rows = releasability_rows(page)
        expect(rows).to_have_count(1)
        expect(rows).to_contain_text("LEGAT")
        for domestic in ("Customs", "(Aduanas)", "(PGR)"):
            expect(
                main(page).locator("section[aria-labelledby='releases-heading']")
            ).not_to_contain_text(domestic)

    # 6. The auditor finds each of those reads of the report in the audit trail.
    with signed_in(browser, live_server, "auditor") as page:
        click(page, page.get_by_role("navigation", name="Principal"), "Bitácora de auditoría")
        expect(heading(page)).to_have_text("Bitácora de auditoría")
        for username in (
            "analista-sedena",
            "analista-aduanas",
            "analista2-sedena",
            "analista-legat",
        ):
            page.get_by_label("Quién").fill(username)
            page.get_by_label("Acción").select_option("intel.report.view")
            press(page, "Filtrar")
            reads = main(page).locator("tbody tr").filter(has_text=reference)
            assert reads.count() >= 1, username
        # The SS analyst's search left no read of it.
        page.get_by_label("Quién").fill("analista-ss")
        press(page, "Filtrar")
        expect(main(page).locator("tbody tr").filter(has_text=reference)).to_have_count(0)
