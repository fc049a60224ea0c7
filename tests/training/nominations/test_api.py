"""The nominations API: scoping, 403/404/422, uploads, decisions, the assignment."""

import datetime

from django.db import connection
from django.test.utils import CaptureQueriesContext

from nonprolif.program.models import ItemKind
from nonprolif.training.models import SessionParticipant
from nonprolif.training.models.nomination import (
    AgencySeats,
    ItemSettings,
    Nomination,
    NominationStatus,
)
from tests.conftest import AUDITED_READ_QUERIES
from tests.factories import ProposalItemFactory

API = "/api/v1"


def test_liaison_lists_only_his_agencys_nominations(
    as_user, liaison_a, program, training, official_a, official_b, make_nomination
):
    make_nomination(official_a, training)
    make_nomination(official_b, training, minute=1)
    body = as_user(liaison_a).get(f"{API}/programs/prog-test/nominations").json()
    assert body["count"] == 1
    assert [n["official"] for n in body["items"]] == [official_a.pk]


def test_outsider_gets_404_and_cannot_withdraw(
    as_user, outsider, program, training, official_a, make_nomination
):
    nomination = make_nomination(official_a, training)
    client = as_user(outsider)
    assert client.get(f"{API}/programs/prog-test/nominations").status_code == 404
    assert client.get(f"{API}/nominations/{nomination.pk}").status_code == 404
    response = client.post(
        f"{API}/nominations/{nomination.pk}/withdraw", {}, content_type="application/json"
    )
    assert response.status_code == 404
    nomination.refresh_from_db()
    assert nomination.status == NominationStatus.APPROVED


def test_other_agency_liaison_cannot_see_nominate_or_approve(
    as_user, liaison_b, program, training, official_a, make_nomination
):
    nomination = make_nomination(official_a, training, status=NominationStatus.SUBMITTED)
    client = as_user(liaison_b)
    assert client.get(f"{API}/nominations/{nomination.pk}").status_code == 404
    response = client.post(
        f"{API}/nominations/{nomination.pk}/approve", {}, content_type="application/json"
    )
    assert response.status_code == 404
    response = client.post(
        f"{API}/programs/prog-test/nomination-items/{training.key}/nominations",
        {"official": official_a.pk},
        content_type="application/json",
    )
    assert response.status_code == 422
    assert response.json()["detail"][0]["field"] == "official"
    nomination.refresh_from_db()
    assert nomination.status == NominationStatus.SUBMITTED
    assert Nomination.objects.count() == 1


def test_liaison_nominates_and_the_coordinator_approves(
    as_user, liaison_a, coordinator, program, training, official_a
):
    response = as_user(liaison_a).post(
        f"{API}/programs/prog-test/nomination-items/{training.key}/nominations",
        {
            "official": official_a.pk,
            "preferences": [2],
            "unavailable": [["2010-01-01", "2010-01-02"]],
        },
        content_type="application/json",
    )
    assert response.status_code == 201
    nomination = response.json()
    assert nomination["status"] == "submitted"
    refused = as_user(liaison_a).post(
        f"{API}/nominations/{nomination['id']}/approve", {}, content_type="application/json"
    )
    assert refused.status_code == 403
    declined = as_user(coordinator).post(
        f"{API}/nominations/{nomination['id']}/decline", {}, content_type="application/json"
    )
    assert declined.status_code == 422
    assert declined.json()["detail"][0]["field"] == "reason"
    approved = as_user(coordinator).post(
        f"{API}/nominations/{nomination['id']}/approve", {}, content_type="application/json"
    )
    assert approved.json()["status"] == "approved"


def test_upload_with_a_bad_row_answers_422_with_each_row_and_imports_nothing(
    as_user, liaison_a, program, training, official_a, official_b
):
    from django.core.files.uploadedfile import SimpleUploadedFile

    content = f"email,preferences\n{official_a.email},1\n{official_b.email},7\n".encode()
    url = f"{API}/programs/prog-test/nomination-items/{training.key}/nominations/upload"
    client = as_user(liaison_a)
    response = client.post(url, {"file": SimpleUploadedFile("n.csv", content)})
    assert response.status_code == 422
    detail = response.json()["detail"]
    assert {(d["row"], d["column"]) for d in detail} == {(3, "email"), (3, "preferences")}
    assert not Nomination.objects.exists()
    response = client.post(url, {"file": SimpleUploadedFile("n.csv", content), "only_good": "true"})
    assert response.status_code == 200
    body = response.json()
    assert [n["official"] for n in body["created"]] == [official_a.pk]
    assert len(body["errors"]) == 2


def test_seats_are_set_by_the_coordinator_only(as_user, coordinator, liaison_a, program, training):
    url = f"{API}/programs/prog-test/nomination-items/{training.key}/seats"
    refused = as_user(liaison_a).put(url, {"seats": {"AAA": 3}}, content_type="application/json")
    assert refused.status_code == 403
    assert not AgencySeats.objects.exists()
    bad = as_user(coordinator).put(url, {"seats": {"ZZZ": 3}}, content_type="application/json")
    assert bad.status_code == 422
    assert bad.json()["detail"][0]["field"] == "seats.ZZZ"
    split = as_user(coordinator).post(
        f"{url}/split",
        {"rule": "proportional", "weights": {"AAA": 3, "BBB": 1}},
        content_type="application/json",
    )
    assert {s["agency"]: s["seats"] for s in split.json()["seats"]} == {"AAA": 150, "BBB": 50}
    mine = as_user(liaison_a).get(f"{API}/programs/prog-test/nomination-items").json()
    assert [s["agency"] for s in mine["items"][0]["seats"]] == ["AAA"]


def test_assignment_dry_run_returns_the_plan_and_writes_nothing(
    as_user, coordinator, liaison_a, program, training, official_a, make_nomination
):
    make_nomination(official_a, training)
    url = f"{API}/programs/prog-test/assignment"
    assert as_user(liaison_a).post(url, {}, content_type="application/json").status_code == 403
    body = as_user(coordinator).post(url, {"dry_run": True}, content_type="application/json").json()
    assert body["dry_run"] is True
    assert body["objective"]["assigned"] == 1
    assert sum(len(s["participants"]) for s in body["sessions"]) == 1
    assert not SessionParticipant.objects.exists()
    body = as_user(coordinator).post(url, {}, content_type="application/json").json()
    assert SessionParticipant.objects.filter(official=official_a).exists()
    waitlist = as_user(coordinator).get(f"{API}/programs/prog-test/waitlist").json()
    assert waitlist["count"] == 0


def test_nominations_api_list_queries_do_not_grow_with_rows(
    as_user, coordinator, program, training, agency_a, officials_of, make_nomination
):
    officials = officials_of(agency_a, 3)
    client = as_user(coordinator)
    url = f"{API}/programs/prog-test/nominations"
    counts = {}
    for rows in (1, 3):
        for n, official in enumerate(officials[:rows]):
            if not Nomination.objects.filter(official=official).exists():
                make_nomination(official, training, minute=n)
        client.get(url)
        with CaptureQueriesContext(connection) as captured:
            body = client.get(url).json()
        assert body["count"] == rows
        counts[rows] = len(captured)
    assert counts[1] == counts[3], counts


def test_nomination_items_queries_do_not_grow_with_items(
    as_user, coordinator, liaison_a, program, proposal, accept, calendar, agency_a, agency_b
):
    """Each item's settings and seats come in one query for all items; the list is paged."""
    counts = {}
    number = 2
    for size in (2, 6):
        while number < size:
            number += 1
            item = ProposalItemFactory(
                proposal=proposal,
                number=number,
                kind=ItemKind.TRAINING,
                cohort_size=10,
                cohort_count=1,
                start_date=datetime.date(2010, 1, 4) + datetime.timedelta(weeks=number),
                session_days=1,
            )
            accept(item)
            ItemSettings.objects.create(program=program, item_key=item.key)
            AgencySeats.objects.create(program=program, item_key=item.key, agency=agency_a, seats=4)
            AgencySeats.objects.create(program=program, item_key=item.key, agency=agency_b, seats=6)
        for user in (coordinator, liaison_a):
            client = as_user(user)
            url = f"{API}/programs/prog-test/nomination-items"
            client.get(url)  # warm the caches
            with CaptureQueriesContext(connection) as captured:
                body = client.get(url).json()
            assert body["count"] == size
            assert len(body["items"]) == size
            counts[(user.username, size)] = len(captured)
    seats = {i["number"]: {s["agency"] for s in i["seats"]} for i in body["items"]}
    assert seats[6] == {"AAA"}  # the liaison's answer: his agency's seats only
    assert counts[("coordinator", 2)] == counts[("coordinator", 6)], counts
    assert counts[("liaison_a", 2)] == counts[("liaison_a", 6)], counts
    assert counts[("coordinator", 6)] <= 10 + AUDITED_READ_QUERIES, counts
    paged = as_user(coordinator).get(f"{API}/programs/prog-test/nomination-items?limit=2&offset=2")
    assert [i["number"] for i in paged.json()["items"]] == [3, 4]
