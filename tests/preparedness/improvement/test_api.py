"""The improvement plan endpoints: the plan, a new corrective action, the training-need
flag, proposing a training need; 404 for an outsider, 403 audited for a refused write, 422
naming each field."""

import pytest

from nonprolif.core.models import AuditEntry, Outcome
from nonprolif.preparedness.models import CorrectiveAction
from nonprolif.program.models import ProposalItem

pytestmark = pytest.mark.django_db

API = "/api/v1/preparedness"


def payload(built, **overrides):
    data = {
        "title_es": "Ensayar la cadena de alerta",
        "title_en": "Rehearse the alert chain",
        "owner_agency": built.agency_b.code,
        "due_date": "2010-05-31",
        "objective": 2,
        "capability": "screening-search-and-detection",
    }
    data.update(overrides)
    return data


def test_the_plan_lists_the_corrective_actions(as_user, built, add_action):
    action = add_action()
    response = as_user(built.player).get(f"{API}/exercises/{built.exercise.pk}/corrective-actions")
    assert response.status_code == 200
    [row] = response.json()["items"]
    assert row["id"] == action.pk
    assert row["action_item"] == action.action_item_id
    assert row["owner_agency"] == built.agency_b.code
    assert row["status"] == "open"
    assert row["objective"] == 1
    assert row["proposal_item"] is None


def test_an_outsider_gets_404_everywhere(as_user, built, add_action):
    action = add_action()
    client = as_user(built.outsider)
    base = f"{API}/exercises/{built.exercise.pk}/corrective-actions"
    assert client.get(base).status_code == 404
    assert client.post(base, payload(built), content_type="application/json").status_code == 404
    flag = f"{API}/corrective-actions/{action.pk}/training-need"
    assert (
        client.put(flag, {"training_need": True}, content_type="application/json").status_code
        == 404
    )
    assert client.post(f"{API}/corrective-actions/{action.pk}/propose").status_code == 404
    action.refresh_from_db()
    assert action.training_need is False


def test_the_director_adds_a_corrective_action(as_user, built):
    response = as_user(built.director).post(
        f"{API}/exercises/{built.exercise.pk}/corrective-actions",
        payload(built),
        content_type="application/json",
    )
    assert response.status_code == 201, response.content
    body = response.json()
    action = CorrectiveAction.objects.get()
    assert body["id"] == action.pk
    assert action.objective == built.objectives[1]
    assert action.capability.code == "screening-search-and-detection"
    assert action.action_item.owner_agency == built.agency_b


def test_bad_codes_are_422_naming_each_field(as_user, built):
    response = as_user(built.coordinator).post(
        f"{API}/exercises/{built.exercise.pk}/corrective-actions",
        payload(built, owner_agency="EXC", objective=9, capability="nope"),
        content_type="application/json",
    )
    assert response.status_code == 422
    fields = {error["field"] for error in response.json()["detail"]}
    assert {"owner_agency", "objective", "capability"} <= fields
    assert not CorrectiveAction.objects.exists()


def test_an_evaluator_is_refused_and_audited(as_user, built):
    response = as_user(built.evaluator).post(
        f"{API}/exercises/{built.exercise.pk}/corrective-actions",
        payload(built, owner_agency="nope"),
        content_type="application/json",
    )
    assert response.status_code == 403
    assert not CorrectiveAction.objects.exists()
    assert AuditEntry.objects.filter(
        action="corrective_action.create", outcome=Outcome.DENIED, actor=built.evaluator
    ).exists()


def test_a_training_need_is_flagged_then_proposed_once(as_user, built, add_action, proposal):
    action = add_action()
    client = as_user(built.coordinator)
    flag = client.put(
        f"{API}/corrective-actions/{action.pk}/training-need",
        {"training_need": True},
        content_type="application/json",
    )
    assert flag.status_code == 200
    assert flag.json()["training_need"] is True
    proposed = client.post(f"{API}/corrective-actions/{action.pk}/propose")
    assert proposed.status_code == 201, proposed.content
    item = ProposalItem.objects.get()
    assert proposed.json()["proposal_item"] == item.pk
    assert proposed.json()["proposal"] == proposal.pk
    assert item.title_en == "Training: Update the customs alert protocol"
    again = client.post(f"{API}/corrective-actions/{action.pk}/propose")
    assert again.status_code == 422
    assert ProposalItem.objects.count() == 1
    listed = client.get(f"{API}/exercises/{built.exercise.pk}/corrective-actions").json()
    assert listed["items"][0]["proposal_item"] == item.pk


def test_the_proposal_item_is_hidden_from_who_may_not_read_it(as_user, built, add_action, proposal):
    from nonprolif.preparedness.improvement.domain import propose_training

    action = add_action(training_need=True)
    propose_training(actor=built.coordinator, corrective_action=action)
    listed = as_user(built.evaluator).get(f"{API}/exercises/{built.exercise.pk}/corrective-actions")
    assert listed.json()["items"][0]["proposal_item"] is None  # an undecided item


def test_the_director_may_not_propose_to_a_partners_proposal(as_user, built, add_action, proposal):
    action = add_action(training_need=True)
    response = as_user(built.director).post(f"{API}/corrective-actions/{action.pk}/propose")
    assert response.status_code == 403
    assert not ProposalItem.objects.exists()
