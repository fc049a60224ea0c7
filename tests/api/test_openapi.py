import json

from nonprolif.api.schema import COMMITTED, download_type, render_openapi


def test_openapi_document_is_served_without_login(client):
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    assert response.json()["info"]["title"] == "nonprolif API"


def test_committed_openapi_document_matches_the_code():
    committed = COMMITTED.read_text(encoding="utf-8")
    assert committed == render_openapi(), (
        "The API changed: run `make openapi` and commit src/nonprolif/api/openapi.json"
    )


def test_served_openapi_document_is_the_committed_one(client):
    served = client.get("/api/v1/openapi.json").json()
    assert served == json.loads(COMMITTED.read_text(encoding="utf-8"))


def test_api_docs_page_uses_no_external_assets(client):
    response = client.get("/api/v1/docs")
    assert response.status_code == 200
    body = response.content.decode()
    assert "swagger-ui-bundle.js" in body
    assert "cdn." not in body
    assert "https://" not in body


def _operations(document):
    return [
        (path, method, operation)
        for path, item in document["paths"].items()
        for method, operation in item.items()
    ]


def test_every_operation_documents_the_answers_given_before_its_view_runs():
    """401 without credentials, 403 on a write (a read-only token), 404 and 422 everywhere,
    400 for a JSON body that is not an object (``api.schema.document_framework_answers``; an
    operation that declares one of them itself keeps its own, as the upload's 422)."""
    document = json.loads(render_openapi())
    operations = _operations(document)
    assert len(operations) > 100
    public = {op["operationId"] for _path, _method, op in operations if not op.get("security")}
    assert "nonprolif_training_api_attendance_verify_certificate_code" in public  # no 401
    for _path, method, operation in operations:
        answers = operation["responses"]
        name = operation["operationId"]
        assert ("401" in answers) == bool(operation.get("security")), name
        assert "404" in answers, name
        assert "422" in answers, name
        if method != "get" and operation.get("security"):
            assert "403" in answers, name
        takes_json = "application/json" in operation.get("requestBody", {}).get("content", {})
        assert ("400" in answers) == takes_json, name
        for status in ("401", "403", "404", "422"):
            if status in answers:
                assert "application/json" in answers[status]["content"], (name, status)


def test_every_download_documents_its_media_type():
    """An operation that answers a file says which (no success answer without content),
    and a path that names a file type answers that type."""
    document = json.loads(render_openapi())
    downloads = {}
    for path, _method, operation in _operations(document):
        name = operation["operationId"]
        for status, answer in operation["responses"].items():
            if status.startswith("2") and status != "204":
                assert answer.get("content"), (name, status)
        success = next(a for s, a in operation["responses"].items() if s.startswith("2"))
        expected = download_type(path)
        if expected:
            assert expected in success["content"], name
            downloads[path.rsplit("/", 1)[-1]] = expected
    assert downloads["badge.pdf"] == "application/pdf"
    assert downloads["ics"] == "text/calendar"
    assert downloads["frab"] == "application/xml"
    report = document["paths"]["/api/v1/programs/{code}/report"]["get"]["responses"]["200"]
    assert set(report["content"]) == {
        "application/json",
        "application/pdf",
        "text/html",
        "text/markdown",
    }


def test_download_type_reads_the_last_segment_of_the_path():
    assert download_type("/api/v1/x/{id}/export.xlsx").startswith("application/vnd.openxml")
    assert download_type("/api/v1/x/{id}/export.csv") == "text/csv"
    assert download_type("/api/v1/x/{id}/agenda/ics") == "text/calendar"
    assert download_type("/api/v1/x/{id}/agenda") is None
