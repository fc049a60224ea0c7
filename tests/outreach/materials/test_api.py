"""The materials endpoints: the library, publishing (multipart), versions, files."""

import pytest
from django.test import Client

from nonprolif.core.domain.tokens import issue_token
from nonprolif.core.models import AuditEntry, Outcome
from nonprolif.outreach.models import AwarenessMaterial
from tests.outreach.materials.conftest import PDF, executable, pdf

pytestmark = pytest.mark.django_db
API = "/api/v1/outreach/materials"
FIELDS = {"title_es": "Cartel", "title_en": "Poster", "audience": "general", "language": "es"}


def bearer(user) -> Client:
    _token, raw = issue_token(user=user, name="tests")
    return Client(headers={"Authorization": f"Bearer {raw}"})


def test_the_library_is_scoped(material_a, liaison_b, partner, outsider):
    body = bearer(liaison_b).get(API).json()
    assert [m["id"] for m in body["items"]] == [material_a.pk]
    assert body["items"][0]["latest_version"] == 1
    assert body["items"][0]["agency"] == "AAA"
    for stranger in (partner, outsider):
        client = bearer(stranger)
        assert client.get(API).json()["count"] == 0
        assert client.get(f"{API}/{material_a.pk}").status_code == 404
        assert client.get(f"{API}/{material_a.pk}/versions").status_code == 404
        assert client.get(f"{API}/{material_a.pk}/versions/1/file").status_code == 404


def test_the_library_is_filtered(material_a, liaison_a):
    client = bearer(liaison_a)
    assert client.get(API, {"audience": "academia"}).json()["count"] == 0
    assert client.get(API, {"q": "suspicious"}).json()["count"] == 1
    assert client.get(API, {"audience": "pets"}).status_code == 422


def test_a_liaison_publishes_and_adds_versions(liaison_a):
    client = bearer(liaison_a)
    created = client.post(API, {**FIELDS, "file": pdf()})
    assert created.status_code == 201, created.content
    material_id = created.json()["id"]
    assert created.json()["latest_version"] == 1
    second = client.post(
        f"{API}/{material_id}/versions", {"file": pdf("v2.pdf"), "language": "en", "notes": "EN"}
    )
    assert second.status_code == 201, second.content
    assert second.json()["number"] == 2
    versions = client.get(f"{API}/{material_id}/versions").json()
    assert [v["number"] for v in versions["items"]] == [2, 1]
    file = client.get(f"{API}/{material_id}/versions/1/file")
    assert file.status_code == 200
    assert b"".join(file.streaming_content) == PDF
    assert AuditEntry.objects.filter(action="outreach.material.download").exists()


def test_a_bad_or_missing_file_is_422_on_file(liaison_a, material_a):
    client = bearer(liaison_a)
    for data in ({**FIELDS, "file": executable()}, FIELDS):
        response = client.post(API, data)
        assert response.status_code == 422
        assert [e["field"] for e in response.json()["detail"]] == ["file"]
    response = client.post(f"{API}/{material_a.pk}/versions", {"language": "es"})
    assert response.status_code == 422
    assert response.json()["detail"][0]["field"] == "file"
    assert AwarenessMaterial.objects.count() == 1


def test_refusals_are_403_and_audited(material_a, liaison_b, partner):
    response = bearer(liaison_b).post(f"{API}/{material_a.pk}/versions", {"file": pdf()})
    assert response.status_code == 403
    assert material_a.versions.count() == 1
    assert bearer(partner).post(API, {**FIELDS, "file": pdf()}).status_code == 403
    assert AuditEntry.objects.filter(outcome=Outcome.DENIED).count() == 2
