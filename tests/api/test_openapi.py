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
