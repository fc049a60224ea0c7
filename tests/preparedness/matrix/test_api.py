"""The matrix endpoints: the same access as the pages (404 for strangers, 403 audited for
readers and other agencies), 422 naming the field on bad input."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from openpyxl import load_workbook

from nonprolif.core.domain.tokens import issue_token
from nonprolif.events.models import ActionItem
from nonprolif.preparedness.models import MatrixEvidence
from tests.preparedness.matrix.conftest import denied

API = "/api/v1/preparedness/matrix"


def bearer(user) -> Client:
    _token, raw = issue_token(user=user, name="tests")
    return Client(headers={"Authorization": f"Bearer {raw}"})


def test_the_programs_a_liaison_reads(liaison_a, program):
    body = bearer(liaison_a).get(API).json()
    assert [p["code"] for p in body["items"]] == ["prog-test"]


@pytest.mark.parametrize("who", ["partner", "outsider"])
def test_strangers_get_404(request, who, program, filled):
    client = bearer(request.getfixturevalue(who))
    assert client.get(API).json()["items"] == []
    assert client.get(f"{API}/prog-test").status_code == 404
    assert client.get(f"{API}/prog-test/progress").status_code == 404
    assert client.get(f"{API}/prog-test/export").status_code == 404
    response = client.put(
        f"{API}/prog-test/rows/1.1.NW", {"status": "NA"}, content_type="application/json"
    )
    assert response.status_code == 404
    filled[0].refresh_from_db()
    assert filled[0].status == "X"


def test_the_matrix_has_every_row_with_its_entry(liaison_b, program, filled):
    body = bearer(liaison_b).get(f"{API}/prog-test").json()
    assert body["program"]["code"] == "prog-test"
    assert len(body["rows"]) == 84
    rows = {r["code"]: r for r in body["rows"]}
    assert rows["1.1.NW"]["status"] == "X"
    assert rows["1.1.NW"]["agency"] == "AAA"
    assert rows["2.3.CW"]["status"] == "?"
    assert rows["3.4.BW"]["status"] == "NA"
    assert rows["3.14.BW"]["status"] == ""


def test_coordinator_puts_a_row(coordinator, program):
    response = bearer(coordinator).put(
        f"{API}/prog-test/rows/3.6.CW",
        {"status": "X", "legal_reference": "Ley de Comercio Exterior", "agency": "BBB"},
        content_type="application/json",
    )
    assert response.status_code == 200
    assert response.json()["status"] == "X"
    assert response.json()["agency"] == "BBB"


def test_bad_input_is_422_naming_the_field(coordinator, program):
    response = bearer(coordinator).put(
        f"{API}/prog-test/rows/3.6.CW",
        {"status": "X", "agency": "PTR"},
        content_type="application/json",
    )
    assert response.status_code == 422
    assert [d["field"] for d in response.json()["detail"]] == ["agency"]


def test_liaison_of_another_agency_gets_403_audited(liaison_a, program, filled):
    response = bearer(liaison_a).put(
        f"{API}/prog-test/rows/2.3.CW",
        {"status": "X", "agency": "BBB"},
        content_type="application/json",
    )
    assert response.status_code == 403
    filled[1].refresh_from_db()
    assert filled[1].status == "?"
    assert denied("matrix.entry.update").count() == 1


def test_unknown_row_is_404(coordinator, program):
    assert bearer(coordinator).get(f"{API}/prog-test/rows/9.9.ZZ").status_code == 404


def test_evidence_upload_list_download_and_removal(coordinator, program, filled):
    client = bearer(coordinator)
    response = client.post(
        f"{API}/prog-test/rows/1.1.NW/evidence",
        {"title": "Decreto", "file": SimpleUploadedFile("decreto.pdf", b"%PDF-1.4\n")},
        format="multipart",
    )
    assert response.status_code == 201, response.content
    evidence_id = response.json()["id"]
    assert response.json()["row"] == "1.1.NW"
    listed = client.get(f"{API}/prog-test/rows/1.1.NW/evidence").json()
    assert [e["id"] for e in listed["items"]] == [evidence_id]
    download = client.get(f"/api/v1/preparedness/matrix-evidence/{evidence_id}/download")
    assert b"".join(download.streaming_content) == b"%PDF-1.4\n"
    assert client.delete(f"/api/v1/preparedness/matrix-evidence/{evidence_id}").status_code == 204
    assert not MatrixEvidence.objects.exists()


def test_a_missing_file_is_422(coordinator, program):
    response = bearer(coordinator).post(
        f"{API}/prog-test/rows/1.1.NW/evidence", {"title": "Decreto"}, format="multipart"
    )
    assert response.status_code == 422
    assert [d["field"] for d in response.json()["detail"]] == ["file"]


def test_plan_items_over_the_api(coordinator, liaison_b, program, filled):
    response = bearer(coordinator).post(
        f"{API}/prog-test/rows/2.3.CW/plan-items",
        {
            "title_es": "Tipificar",
            "title_en": "Criminalise",
            "owner_agency": "BBB",
            "due_date": "2010-06-30",
        },
        content_type="application/json",
    )
    assert response.status_code == 201, response.content
    assert response.json()["owner_agency"] == "BBB"
    listed = bearer(liaison_b).get(f"{API}/prog-test/rows/2.3.CW/plan-items").json()
    assert [i["title_en"] for i in listed["items"]] == ["Criminalise"]
    refused = bearer(liaison_b).post(
        f"{API}/prog-test/rows/2.3.CW/plan-items",
        {"title_es": "B", "title_en": "B", "owner_agency": "BBB", "due_date": "2010-06-30"},
        content_type="application/json",
    )
    assert refused.status_code == 403
    assert ActionItem.objects.count() == 1


def test_progress_figures(liaison_a, program, filled):
    body = bearer(liaison_a).get(f"{API}/prog-test/progress").json()
    paragraphs = {t["key"]: t for t in body["paragraphs"]}
    assert paragraphs["1"]["rows"] == 6
    assert paragraphs["1"]["x"] == 1
    assert paragraphs["2"]["unclear"] == 1
    assert paragraphs["3"]["na"] == 1
    assert paragraphs["3"]["share"] == 0
    assert body["total"]["rows"] == 84


def test_export_xlsx_and_pdf(coordinator, program, filled):
    client = bearer(coordinator)
    xlsx = client.get(f"{API}/prog-test/export", {"format": "xlsx", "lang": "en"})
    assert xlsx.status_code == 200
    book = load_workbook(io.BytesIO(b"".join(xlsx.streaming_content)))
    assert book.sheetnames[0] == "Operative paragraph 1"
    pdf = client.get(f"{API}/prog-test/export", {"format": "pdf"})
    assert pdf.status_code == 200
    assert pdf.content.startswith(b"%PDF")
    assert client.get(f"{API}/prog-test/export", {"format": "csv"}).status_code == 422
