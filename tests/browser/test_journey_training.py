"""Issue 4's journey: a liaison nominates by upload, the coordinator approves and runs the
assignment, records attendance, issues the certificate, downloads it and anyone verifies its
code on the public page."""

import datetime
import re

import pytest
from playwright.sync_api import expect

from nonprolif.core.models import AgencyKind
from nonprolif.core.roles import Role
from nonprolif.program.domain.review import decide_item
from nonprolif.program.models import ItemKind
from nonprolif.training.models import Certificate, Session
from tests.browser.signin import sign_in
from tests.factories import (
    AgencyFactory,
    OfficialFactory,
    ProgramFactory,
    ProposalFactory,
    ProposalItemFactory,
    UserFactory,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def training_program(transactional_db):
    """One accepted training item (one cohort of 10 from Friday 23 October 2009, 5 business
    days) in a program of two national agencies and a partner; a coordinator, agency A's
    liaison (both reading English) and one official of agency A."""
    agency_a = AgencyFactory(code="AAA", name_es="Agencia A", name_en="Agency A")
    agency_b = AgencyFactory(code="BBB", name_es="Agencia B", name_en="Agency B")
    partner = AgencyFactory(code="PTR", kind=AgencyKind.PARTNER, country="US")
    program = ProgramFactory(code="journey", lead_agency=agency_a, target_trainees=10)
    program.member_agencies.set([agency_a, agency_b])
    program.partner_agencies.set([partner])
    coordinator = UserFactory(
        username="coord", agency=agency_a, language="en", roles=[Role.COORDINATOR]
    )
    UserFactory(username="enlace", agency=agency_a, language="en", roles=[Role.LIAISON])
    OfficialFactory(
        agency=agency_a,
        given_names="Ana",
        family_names="Alvarez",
        email="ana.alvarez@example.gob.mx",
        position="Analista de riesgos",
    )
    item = ProposalItemFactory(
        proposal=ProposalFactory(program=program, submitted_by=partner),
        number=1,
        kind=ItemKind.TRAINING,
        title_es="Tácticas de no proliferación",
        title_en="Non-proliferation tactics",
        cohort_size=10,
        cohort_count=1,
        start_date=datetime.date(2009, 10, 23),
        cadence_months=3,
        session_days=5,
    )
    decide_item(item=item, decision="accepted", actor=coordinator, rationale="", amendments=None)
    return item


def sign_out(page):
    page.get_by_role("button", name="Sign out").click()


def test_nominate_approve_assign_attend_certify_and_verify(training_program, live_server, page):
    item = training_program
    base = live_server.url

    # The liaison nominates his official by uploading a CSV file.
    sign_in(page, live_server, "enlace")
    page.goto(f"{base}/programs/journey/nominations/{item.key}/")
    page.get_by_label("CSV or Excel (XLSX) file").set_input_files(
        files=[
            {
                "name": "nominations.csv",
                "mimeType": "text/csv",
                "buffer": b"email,preferences\nana.alvarez@example.gob.mx,1\n",
            }
        ]
    )
    page.get_by_role("button", name="Upload").click()
    expect(page.locator(".messages").get_by_text("1 nominations imported")).to_have_count(1)
    sign_out(page)

    # The coordinator approves the nomination and runs the assignment.
    sign_in(page, live_server, "coord")
    page.goto(f"{base}/programs/journey/nominations/queue/")
    page.get_by_role("button", name="Approve Ana Alvarez").click()
    page.goto(f"{base}/programs/journey/assignment/")
    page.get_by_role("button", name="Run and apply").click()
    expect(page.locator(".messages").get_by_text("1 nominees placed")).to_have_count(1)

    # Attendance: everyone present on the first day, then Ana ticked on three more days
    # (4 of 5 days: 80 %, the default completion rule).
    session = Session.objects.get(program__code="journey")
    page.goto(f"{base}/sessions/{session.pk}/attendance/")
    page.get_by_role("button", name=re.compile("all present")).first.click()
    assert page.get_by_label(re.compile("Ana Alvarez present on")).first.is_checked()
    for day in session.day_list[1:4]:
        page.locator(f"#present-{session.participants.get().pk}-{day.isoformat()}").check()
    page.get_by_role("button", name="Save attendance").click()
    row = page.locator("main table tbody tr").filter(has_text="Ana Alvarez")
    assert "4 / 5" in row.inner_text()

    # Certificates: issued from the sheet, downloaded as a PDF.
    page.get_by_role("button", name="Issue certificates").click()
    certificate = Certificate.objects.get()
    with page.expect_download() as download:
        page.get_by_role("link", name=certificate.code).click()
    with open(download.value.path(), "rb") as pdf:
        assert pdf.read(5) == b"%PDF-"

    # The progress dashboard shows the official at every stage.
    page.goto(f"{base}/programs/journey/progress/")
    agency_row = page.locator("main table tbody tr").filter(has_text="AAA")
    assert [cell.strip() for cell in agency_row.locator("td").all_inner_texts()] == [
        "—",
        "1",
        "1",
        "1",
        "1",
        "1",
    ]
    sign_out(page)

    # Anyone verifies the code, and sees only the name, the item, the dates and validity.
    page.goto(f"{base}/verify/")
    page.locator("#id_code").fill(certificate.code.lower())
    page.locator("main button[type=submit]").click()
    result = page.locator("main .verification-valid")
    assert "Ana Alvarez" in result.inner_text()
    assert "Tácticas de no proliferación" in result.inner_text()
    main = page.locator("main").inner_text()
    assert "ana.alvarez@example.gob.mx" not in main
    assert "Analista de riesgos" not in main
    assert "Agencia A" not in main

    # A code with one character changed is not a certificate.
    changed = certificate.code[:-1] + ("A" if certificate.code[-1] != "A" else "B")
    page.goto(f"{base}/verify/{changed}/")
    assert page.locator("main .verification-invalid").count() == 1
    assert "Ana Alvarez" not in page.locator("main").inner_text()
