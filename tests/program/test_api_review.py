"""The review API: decisions and their history, accept all, close and reopen, revisions and
the comparison of versions."""

import datetime

import pytest

from nonprolif.program.domain import decide_item, revise_proposal
from nonprolif.program.models import ItemDecision, Proposal, ProposalItem

API = "/api/v1"
JSON = "application/json"


def fields_of(response) -> dict:
    return {error["field"]: error["message"] for error in response.json()["detail"]}


def post(client, url, body=None):
    return client.post(url, body or {}, content_type=JSON)


# Item decisions ------------------------------------------------------------------------------


def test_coordinator_posts_an_amendment_and_reads_the_history(
    as_user, coordinator, item_all, agency_b
):
    client = as_user(coordinator)
    url = f"{API}/items/{item_all.pk}/decisions"
    assert post(client, url, {"decision": "accepted"}).status_code == 201
    response = post(
        client,
        url,
        {
            "decision": "amended",
            "rationale": "Smaller groups for agency B",
            "amendments": {"cohort_size": 40, "target_agencies": ["BBB"]},
        },
    )
    assert response.status_code == 201
    body = response.json()
    assert (body["decision"], body["cohort_size"], body["target_agencies"]) == (
        "amended",
        40,
        ["BBB"],
    )
    assert body["actor"] == "coordinator"
    history = client.get(url).json()["items"]
    assert [d["decision"] for d in history] == ["amended", "accepted"]
    item = client.get(f"{API}/items/{item_all.pk}").json()
    assert item["status"] == "amended"
    assert item["current_decision"]["cohort_size"] == 40
    assert item["key"] == str(item_all.key)


@pytest.mark.parametrize(
    ("body", "field"),
    [
        (
            {"decision": "amended", "rationale": "x", "amendments": {"cadence_months": 0}},
            "cadence_months",
        ),
        (
            {"decision": "amended", "rationale": "x", "amendments": {"start_date": "2009-01-05"}},
            "start_date",
        ),
        ({"decision": "rejected"}, "rationale"),
        (
            {"decision": "amended", "rationale": "x", "amendments": {"target_agencies": ["NOPE"]}},
            "target_agencies",
        ),
        ({"decision": "perhaps"}, "decision"),
    ],
)
def test_bad_decision_is_422_naming_the_field_and_writes_nothing(
    as_user, coordinator, item_all, body, field
):
    response = post(as_user(coordinator), f"{API}/items/{item_all.pk}/decisions", body)
    assert response.status_code == 422
    assert field in fields_of(response)
    assert ItemDecision.objects.count() == 0


def test_unknown_item_is_404(as_user, coordinator, db):
    response = post(as_user(coordinator), f"{API}/items/999999/decisions", {"decision": "accepted"})
    assert response.status_code == 404
    assert as_user(coordinator).get(f"{API}/items/999999/decisions").status_code == 404


@pytest.mark.parametrize(
    ("user", "status"),
    [("partner", 403), ("auditor", 403), ("liaison_a", 404), ("outsider", 404)],
)
def test_only_coordinators_post_decisions(as_user, request, user, status, item_all):
    response = post(
        as_user(request.getfixturevalue(user)),
        f"{API}/items/{item_all.pk}/decisions",
        {"decision": "accepted"},
    )
    assert response.status_code == status
    assert ItemDecision.objects.count() == 0


def test_liaison_of_a_concerned_agency_reads_the_decisions_of_accepted_items(
    as_user, liaison_a, liaison_b, item_for_a, accept
):
    accept(item_for_a)
    assert as_user(liaison_a).get(f"{API}/items/{item_for_a.pk}/decisions").status_code == 200
    assert as_user(liaison_b).get(f"{API}/items/{item_for_a.pk}/decisions").status_code == 404


# Proposal: accept all, close, reopen ---------------------------------------------------------


def test_accept_all_then_close_and_reopen(as_user, coordinator, proposal, item_all, item_for_a):
    client = as_user(coordinator)
    decide_item(item=item_for_a, decision="rejected", actor=coordinator, rationale="No")
    response = post(client, f"{API}/proposals/{proposal.pk}/decisions", {"decision": "accepted"})
    assert response.status_code == 200
    assert response.json()["decided"] == [1]
    assert response.json()["proposal"]["status"] == "partly_accepted"
    closed = post(client, f"{API}/proposals/{proposal.pk}/close")
    assert closed.status_code == 200
    assert closed.json()["status"] == "closed"
    assert closed.json()["review_closed_by"] == "coordinator"
    refused = post(client, f"{API}/items/{item_all.pk}/decisions", {"decision": "accepted"})
    assert refused.status_code == 422
    assert "__all__" in fields_of(refused)
    reopened = post(client, f"{API}/proposals/{proposal.pk}/reopen")
    assert reopened.json()["status"] == "partly_accepted"


def test_closing_with_items_awaiting_review_is_422(as_user, coordinator, proposal, item_all):
    response = post(as_user(coordinator), f"{API}/proposals/{proposal.pk}/close")
    assert response.status_code == 422
    proposal.refresh_from_db()
    assert proposal.review_closed_at is None


def test_reject_all_needs_a_rationale(as_user, coordinator, proposal, item_all):
    response = post(
        as_user(coordinator), f"{API}/proposals/{proposal.pk}/decisions", {"decision": "rejected"}
    )
    assert response.status_code == 422
    assert "rationale" in fields_of(response)
    assert ItemDecision.objects.count() == 0


@pytest.mark.parametrize(
    ("user", "status"),
    [("partner", 403), ("auditor", 403), ("liaison_a", 403), ("outsider", 404)],
)
def test_only_coordinators_accept_all_and_close(as_user, request, user, status, proposal, item_all):
    client = as_user(request.getfixturevalue(user))
    url = f"{API}/proposals/{proposal.pk}"
    assert post(client, f"{url}/decisions", {"decision": "accepted"}).status_code == status
    assert post(client, f"{url}/close").status_code == status
    assert ItemDecision.objects.count() == 0
    proposal.refresh_from_db()
    assert proposal.review_closed_at is None


# Revisions and changes -----------------------------------------------------------------------


def test_partner_posts_a_revision_and_reads_the_changes(
    as_user, coordinator, partner, proposal, item_all, item_for_a
):
    decide_item(item=item_all, decision="accepted", actor=coordinator)
    client = as_user(partner)
    response = post(
        client,
        f"{API}/proposals/{proposal.pk}/revisions",
        {
            "submitted_on": "2009-09-15",
            "items": [
                {"key": str(item_all.key)},
                {"key": str(item_for_a.key), "cohort_size": 12, "target_agencies": ["AAA", "BBB"]},
                {"kind": "other", "title_es": "Nuevo", "title_en": "New"},
            ],
        },
    )
    assert response.status_code == 201
    body = response.json()
    assert body["version"] == 2
    assert [(i["number"], i["status"]) for i in body["items"]] == [
        (1, "accepted"),
        (2, "awaiting_review"),
        (3, "awaiting_review"),
    ]
    assert body["items"][0]["current_decision"]["carried_over_from_version"] == 1
    changes = client.get(f"{API}/proposals/{body['id']}/changes").json()
    assert changes["previous_version"] == 1
    assert [a["title"] for a in changes["added"]] == ["Nuevo"]
    assert changes["removed"] == []
    (changed,) = changes["changed"]
    assert changed["key"] == str(item_for_a.key)
    assert [(f["field"], f["old"], f["new"]) for f in changed["fields"]] == [
        ("cohort_size", 10, 12),
        ("target_agencies", ["AAA"], ["AAA", "BBB"]),
    ]
    old = client.get(f"{API}/proposals/{proposal.pk}").json()
    assert old["superseded"] is True


def test_bad_revision_is_422_naming_the_item_and_field(as_user, partner, proposal, item_all):
    response = post(
        as_user(partner),
        f"{API}/proposals/{proposal.pk}/revisions",
        {"submitted_on": "2009-09-15", "items": [{"key": str(item_all.key), "cadence_months": 0}]},
    )
    assert response.status_code == 422
    assert "items.1.cadence_months" in fields_of(response)
    assert Proposal.objects.count() == 1
    assert ProposalItem.objects.count() == 1


def test_revision_naming_an_unknown_item_is_422(as_user, partner, proposal, item_all):
    response = post(
        as_user(partner),
        f"{API}/proposals/{proposal.pk}/revisions",
        {"items": [{"key": "00000000-0000-0000-0000-000000000000"}]},
    )
    assert response.status_code == 422
    assert "items.1.key" in fields_of(response)
    assert Proposal.objects.count() == 1


@pytest.mark.parametrize(
    ("user", "status"),
    [("second_partner", 403), ("liaison_a", 403), ("auditor", 403), ("outsider", 404)],
)
def test_only_the_submitting_partner_and_coordinators_post_revisions(
    as_user, request, user, status, proposal, item_all
):
    response = post(
        as_user(request.getfixturevalue(user)), f"{API}/proposals/{proposal.pk}/revisions"
    )
    assert response.status_code == status
    assert Proposal.objects.count() == 1


def test_changes_of_a_proposal_outside_the_program_are_404(as_user, outsider, partner, proposal):
    new = revise_proposal(proposal=proposal, actor=partner, submitted_on=datetime.date(2009, 9, 1))
    assert as_user(outsider).get(f"{API}/proposals/{new.pk}/changes").status_code == 404


def test_program_start_bounds_the_amended_start(as_user, coordinator, program, item_all):
    client = as_user(coordinator)
    response = client.patch(
        f"{API}/programs/{program.code}", {"start_date": "2009-10-01"}, content_type=JSON
    )
    assert response.json()["start_date"] == "2009-10-01"
    response = post(
        client,
        f"{API}/items/{item_all.pk}/decisions",
        {"decision": "amended", "rationale": "x", "amendments": {"start_date": "2009-09-20"}},
    )
    assert response.status_code == 422
    assert "2009-10-01" in fields_of(response)["start_date"]
