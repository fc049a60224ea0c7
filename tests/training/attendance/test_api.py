"""The attendance API."""

import pytest

from nonprolif.training.models import Attendance
from tests.training.conftest import DAYS

API = "/api/v1"
JSON = "application/json"


def fields_of(response) -> dict:
    return {error["field"]: error["message"] for error in response.json()["detail"]}


@pytest.fixture
def roster(first_cohort, enrolled, official_a, official_b):
    enrolled(first_cohort, official_a, official_b)
    return first_cohort


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
