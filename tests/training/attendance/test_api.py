"""The attendance and certificate API."""

import pytest
from django.test import Client

from nonprolif.training.domain.certificates import issue_certificates, revoke_certificate
from nonprolif.training.models import Attendance
from tests.training.attendance.conftest import DAYS
from tests.training.attendance.test_codes import altered

API = "/api/v1"
JSON = "application/json"


def fields_of(response) -> dict:
    return {error["field"]: error["message"] for error in response.json()["detail"]}


@pytest.fixture
def roster(first_cohort, enrolled, official_a, official_b):
    enrolled(first_cohort, official_a, official_b)
    return first_cohort


@pytest.fixture
def certificate(trained, coordinator):
    return issue_certificates(actor=coordinator, session=trained).issued[0]


def test_the_attendance_of_a_session_lists_marks_per_day(as_user, coordinator, trained):
    body = as_user(coordinator).get(f"{API}/sessions/{trained.pk}/attendance").json()

    assert body["completion_percent"] == 80
    assert [d["day"] for d in body["days"]] == [d.isoformat() for d in DAYS]
    rows = {row["name"]: row for row in body["participants"]}
    assert rows["Ana Alvarez"]["present_days"] == 5
    assert rows["Ana Alvarez"]["complete"] is True
    assert [m["present"] for m in rows["Beto Barrera"]["marks"]] == [True] * 3 + [False] * 2


def test_marks_are_recorded_in_bulk(as_user, coordinator, roster, official_a, official_b):
    response = as_user(coordinator).put(
        f"{API}/sessions/{roster.pk}/attendance",
        {
            "marks": [
                {"official": official_a.pk, "day": "2009-10-23", "present": True},
                {"official": official_b.pk, "day": "2009-10-23", "present": False},
            ]
        },
        content_type=JSON,
    )

    assert response.status_code == 200
    assert response.json() == {"written": 2}
    assert Attendance.objects.count() == 2


def test_a_day_the_session_does_not_run_is_a_422_naming_day(
    as_user, coordinator, roster, official_a
):
    response = as_user(coordinator).put(
        f"{API}/sessions/{roster.pk}/attendance",
        {
            "marks": [
                {"official": official_a.pk, "day": "2009-10-23", "present": True},
                {"official": official_a.pk, "day": "2009-10-24", "present": True},
            ]
        },
        content_type=JSON,
    )

    assert response.status_code == 422
    assert list(fields_of(response)) == ["day"]
    assert Attendance.objects.count() == 0


def test_all_present_through_the_api(as_user, partner, roster):
    response = as_user(partner).post(
        f"{API}/sessions/{roster.pk}/attendance/all-present",
        {"day": "2009-10-26"},
        content_type=JSON,
    )

    assert response.json() == {"written": 2}


def test_a_liaison_cannot_record_and_the_outsider_gets_404(
    as_user, liaison_a, outsider, roster, official_a
):
    payload = {"marks": [{"official": official_a.pk, "day": "2009-10-23", "present": True}]}
    url = f"{API}/sessions/{roster.pk}/attendance"

    assert as_user(liaison_a).put(url, payload, content_type=JSON).status_code == 403
    assert as_user(outsider).put(url, payload, content_type=JSON).status_code == 404
    assert as_user(outsider).get(url).status_code == 404
    assert Attendance.objects.count() == 0


def test_the_liaison_reads_only_his_agencys_attendance(as_user, liaison_b, trained):
    body = as_user(liaison_b).get(f"{API}/sessions/{trained.pk}/attendance").json()

    assert [row["name"] for row in body["participants"]] == ["Beto Barrera"]


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


def test_the_progress_through_the_api(as_user, liaison_b, coordinator, certificate):
    mine = as_user(liaison_b).get(f"{API}/programs/prog-test/progress").json()
    every = as_user(coordinator).get(f"{API}/programs/prog-test/progress").json()

    assert [row["agency"] for row in mine["agencies"]] == ["BBB"]
    assert [row["agency"] for row in every["agencies"]] == ["AAA", "BBB"]
    assert every["totals"]["certified"] == 1
    assert mine["totals"]["certified"] == 0
    response = as_user(liaison_b).get(f"{API}/programs/prog-test/progress?agency=AAA")
    assert response.status_code == 404
