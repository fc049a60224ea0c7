"""The training API: sessions and regeneration."""

import datetime

import pytest

from nonprolif.training.models import Session, SessionParticipant, Venue
from tests.conftest import AUDITED_READ_QUERIES
from tests.factories import ProposalItemFactory

API = "/api/v1"
JSON = "application/json"


def fields_of(response) -> dict:
    return {error["field"]: error["message"] for error in response.json()["detail"]}


def test_the_session_list_shows_what_the_caller_sees(as_user, liaison_b, calendar):
    listing = as_user(liaison_b).get(f"{API}/programs/prog-test/sessions").json()

    assert listing["count"] == 5
    audiences = [row["audience"] for row in listing["items"]]
    assert "senior:BBB" in audiences
    assert "senior:AAA" not in audiences


def test_a_session_carries_its_planned_date_and_reason(as_user, coordinator, cohort):
    body = as_user(coordinator).get(f"{API}/sessions/{cohort.pk}").json()

    assert body["uid"] == cohort.uid
    assert body["cohort"] == 2
    assert body["audience"] == "everyone"
    assert (body["start"], body["end"], body["planned"]) == (
        "2010-01-25",
        "2010-01-29",
        "2010-01-23",
    )
    assert body["reason_en"] == "2010-01-23 is a Saturday, moved to Monday 2010-01-25"
    assert body["moved"] is True
    assert len(body["days"]) == 5


def test_another_agencys_liaison_gets_404_and_changes_nothing(as_user, liaison_b, senior_a):
    client = as_user(liaison_b)

    assert client.get(f"{API}/sessions/{senior_a.pk}").status_code == 404
    response = client.patch(f"{API}/sessions/{senior_a.pk}", {"capacity": 3}, content_type=JSON)
    assert response.status_code == 404
    senior_a.refresh_from_db()
    assert senior_a.capacity == 25


def test_outsiders_get_404_everywhere(as_user, outsider, cohort):
    client = as_user(outsider)

    assert client.get(f"{API}/programs/prog-test/sessions").status_code == 404
    assert client.get(f"{API}/sessions/{cohort.pk}").status_code == 404
    response = client.post(
        f"{API}/programs/prog-test/calendar/regenerate", {"confirm": True}, content_type=JSON
    )
    assert response.status_code == 404


def test_the_coordinator_patches_venue_capacity_and_language(as_user, coordinator, cohort, program):
    venue = Venue.objects.create(program=program, name="Sede", city="Cancún")

    response = as_user(coordinator).patch(
        f"{API}/sessions/{cohort.pk}",
        {"venue": venue.pk, "capacity": 35, "language": "en"},
        content_type=JSON,
    )

    assert response.status_code == 200
    body = response.json()
    assert body["venue"]["name"] == "Sede"
    assert (body["capacity"], body["language"], body["sequence"]) == (35, "en", cohort.sequence + 1)


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({"capacity": 0}, "capacity"),
        ({"capacity": None}, "capacity"),
        ({"language": "fr"}, "language"),
        ({"venue": 999999}, "venue"),
    ],
)
def test_bad_input_is_a_422_naming_the_field_and_changes_nothing(
    as_user, coordinator, cohort, payload, field
):
    response = as_user(coordinator).patch(f"{API}/sessions/{cohort.pk}", payload, content_type=JSON)

    assert response.status_code == 422
    assert field in fields_of(response)
    cohort.refresh_from_db()
    assert (cohort.capacity, cohort.language, cohort.venue_id) == (50, "es-mx", None)


def test_a_liaison_may_read_but_not_patch(as_user, liaison_a, cohort):
    response = as_user(liaison_a).patch(
        f"{API}/sessions/{cohort.pk}", {"capacity": 3}, content_type=JSON
    )

    assert response.status_code == 403
    cohort.refresh_from_db()
    assert cohort.capacity == 50


def test_regeneration_reports_blocked_changes_and_applies_them_on_confirmation(
    as_user, coordinator, cohort, training_item, accept, official_a
):
    SessionParticipant.objects.create(session=cohort, official=official_a)
    accept(training_item, "amended", cadence_months=2)
    client = as_user(coordinator)
    url = f"{API}/programs/prog-test/calendar/regenerate"

    report = client.post(url, {"confirm": False}, content_type=JSON).json()
    assert [(c["session_id"], c["detail"], c["proposed_start"]) for c in report["blocked"]] == [
        (cohort.pk, "move", "2009-12-23")
    ]

    report = client.post(url, {"confirm": True}, content_type=JSON).json()
    assert [c["session_id"] for c in report["updated"]] == [cohort.pk]
    assert report["blocked"] == []
    cohort.refresh_from_db()
    assert cohort.start == datetime.date(2009, 12, 23)


def test_only_coordinators_regenerate(as_user, auditor, cohort, training_item, accept, official_a):
    SessionParticipant.objects.create(session=cohort, official=official_a)
    accept(training_item, "amended", cadence_months=2)

    response = as_user(auditor).post(
        f"{API}/programs/prog-test/calendar/regenerate", {"confirm": True}, content_type=JSON
    )

    assert response.status_code == 403
    cohort.refresh_from_db()
    assert cohort.start == datetime.date(2010, 1, 25)


@pytest.mark.parametrize("n", [1, 3])
def test_the_session_list_takes_a_fixed_number_of_queries(
    n, as_user, coordinator, proposal, accept, django_assert_num_queries
):
    for index in range(n):
        accept(
            ProposalItemFactory(
                proposal=proposal,
                number=20 + index,
                cohort_count=1,
                cadence_months=None,
                start_date=datetime.date(2009, 10, 5 + 7 * index),
            )
        )
    client = as_user(coordinator)

    with django_assert_num_queries(7 + AUDITED_READ_QUERIES):  # +1: 2nd-factor device
        body = client.get(f"{API}/programs/prog-test/sessions").json()

    assert body["count"] == n == Session.objects.count()
