"""The certificate API: issuing, the list, the PDF, revoking, the public verification
and transcripts."""

import pytest
from django.test import Client

from nonprolif.training.certificates.domain import issue_certificates, revoke_certificate
from tests.training.certificates.test_codes import altered

API = "/api/v1"
JSON = "application/json"


def fields_of(response) -> dict:
    return {error["field"]: error["message"] for error in response.json()["detail"]}


@pytest.fixture
def certificate(trained, coordinator):
    return issue_certificates(actor=coordinator, session=trained).issued[0]


def test_issuing_through_the_api_is_idempotent(as_user, coordinator, trained):
    client = as_user(coordinator)
    url = f"{API}/sessions/{trained.pk}/certificates/issue"

    first = client.post(url).json()
    second = client.post(url).json()

    assert [c["name"] for c in first["issued"]] == ["Ana Alvarez"]
    assert first["incomplete"] == 1
    assert second == {"issued": [], "already_issued": 1, "incomplete": 1}


def test_the_certificate_list_is_scoped(as_user, liaison_a, liaison_b, outsider, certificate):
    assert as_user(liaison_a).get(f"{API}/certificates").json()["count"] == 1
    assert as_user(liaison_b).get(f"{API}/certificates").json()["count"] == 0
    assert as_user(outsider).get(f"{API}/certificates").json()["count"] == 0
    assert as_user(liaison_b).get(f"{API}/certificates/{certificate.pk}").status_code == 404
    assert as_user(liaison_b).get(f"{API}/certificates/{certificate.pk}/pdf").status_code == 404


def test_the_pdf_through_the_api(as_user, auditor, certificate):
    response = as_user(auditor).get(f"{API}/certificates/{certificate.pk}/pdf")

    assert response.status_code == 200
    assert response.content.startswith(b"%PDF")


def test_revoking_through_the_api(as_user, coordinator, liaison_a, certificate):
    url = f"{API}/certificates/{certificate.pk}/revoke"

    assert as_user(liaison_a).post(url, {"reason": "x"}, content_type=JSON).status_code == 403
    response = as_user(coordinator).post(url, {"reason": ""}, content_type=JSON)
    assert response.status_code == 422
    assert list(fields_of(response)) == ["reason"]
    certificate.refresh_from_db()
    assert certificate.revoked_at is None

    body = as_user(coordinator).post(url, {"reason": "Error."}, content_type=JSON).json()
    assert body["valid"] is False


def test_verification_is_public_and_answers_one_shape(certificate, coordinator):
    anonymous = Client()
    valid = anonymous.get(f"{API}/certificates/verify/{certificate.code}").json()
    changed = anonymous.get(f"{API}/certificates/verify/{altered(certificate.code, 20)}").json()
    forged = anonymous.get(f"{API}/certificates/verify/NPX-ABCD-EFGH-JKMN-PQRS").json()

    assert valid == {
        "status": "valid",
        "code": certificate.code,
        "name": "Ana Alvarez",
        "title_es": "Calendario de capacitación",
        "title_en": "Training calendar",
        "start": "2009-10-23",
        "end": "2009-10-29",
    }
    assert set(changed) == set(valid) == set(forged)
    assert changed["status"] == forged["status"] == "invalid"
    assert changed["name"] == forged["name"] == ""

    revoke_certificate(actor=coordinator, certificate=certificate, reason="Error.")
    assert anonymous.get(f"{API}/certificates/verify/{certificate.code}").json()["status"] == (
        "revoked"
    )


def test_the_transcript_through_the_api(as_user, liaison_a, liaison_b, certificate, official_a):
    body = as_user(liaison_a).get(f"{API}/officials/{official_a.pk}/transcript").json()

    assert body["sessions"][0]["present_days"] == 5
    assert body["sessions"][0]["certificate"] == certificate.code
    assert [c["code"] for c in body["certificates"]] == [certificate.code]
    assert as_user(liaison_b).get(f"{API}/officials/{official_a.pk}/transcript").status_code == 404
