import json

from nonprolif.api.schema import COMMITTED, render_openapi


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


def test_every_operation_documents_the_answers_given_before_its_view_runs():
    """401 without credentials, 400 for a JSON body that is not an object, 422 for input that
    the schemas or the storability guard refuse (``api.schema.document_framework_answers``;
    an operation that declares one of them itself keeps its own, as the upload's 422)."""
    document = json.loads(render_openapi())
    operations = [op for path in document["paths"].values() for op in path.values()]
    assert len(operations) > 100
    for operation in operations:
        answers = operation["responses"]
        name = operation["operationId"]
        assert ("401" in answers) == bool(operation.get("security")), name
        takes_json = "application/json" in operation.get("requestBody", {}).get("content", {})
        assert ("400" in answers) == takes_json, name
        assert ("422" in answers) == bool(operation["parameters"] or "requestBody" in operation)
