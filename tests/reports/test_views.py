import pytest

from nonprolif.core.models import AuditEntry
from tests.factories import AgencyFactory, ProgramFactory

API = "/api/v1"


def test_coordinator_gets_the_page_and_each_download(as_user, coordinator, report_data):
    client = as_user(coordinator)
    assert "cable" not in client.get("/programs/prog-test/report/").context
    page = client.get("/programs/prog-test/report/", {"lang": "en", "as_of": "2009-11-01"})
    assert page.status_code == 200
    body = page.content.decode()
    assert "End Summary." in body
    assert "<svg" in body
    pdf = client.get("/programs/prog-test/report/", {"lang": "es", "format": "pdf"})
    assert pdf["Content-Type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF")
    md = client.get("/programs/prog-test/report/", {"lang": "es", "format": "md"})
    assert "Fin del resumen." in md.content.decode()


def test_bad_options_are_422(as_user, coordinator, program):
    response = as_user(coordinator).get("/programs/prog-test/report/", {"lang": "fr"})
    assert response.status_code == 422
    assert not AuditEntry.objects.filter(action="program.report").exists()


def test_api_answers_the_structured_cable(as_user, auditor, report_data):
    client = as_user(auditor)
    body = client.get(
        f"{API}/programs/prog-test/report", {"lang": "en", "as_of": "2009-11-01"}
    ).json()
    assert body["header"]["lines"][1] == "FM AAA"
    assert [p["mark"] for p in body["paragraphs"]][:2] == ["¶1.", "¶2."]
    assert body["figures"]["overdue"]
    pdf = client.get(f"{API}/programs/prog-test/report", {"lang": "es", "format": "pdf"})
    assert pdf.content.startswith(b"%PDF")
    bad = client.get(f"{API}/programs/prog-test/report", {"lang": "en", "format": "doc"})
    assert bad.status_code == 422


@pytest.mark.parametrize("who", ["outsider", "liaison_a", "partner"])
def test_others_cannot_generate_it(as_user, request, program, who):
    user = request.getfixturevalue(who)
    client = as_user(user)
    expected = 404 if who == "outsider" else 403
    assert client.get("/programs/prog-test/report/", {"lang": "en"}).status_code == expected
    assert client.get(f"{API}/programs/prog-test/report").status_code == expected
    assert not AuditEntry.objects.filter(action="program.report").exists()


def test_report_of_a_program_the_user_cannot_see_is_404(as_user, liaison_a, program):
    ProgramFactory(code="prog-hidden", lead_agency=AgencyFactory(code="HID"))
    client = as_user(liaison_a)
    assert client.get("/programs/prog-hidden/report/", {"lang": "en"}).status_code == 404
    assert client.get(f"{API}/programs/prog-hidden/report").status_code == 404
