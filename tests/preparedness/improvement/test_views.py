"""The improvement plan page: the plan with its action items' status, owner and due date
(overdue marked), adding a corrective action, the training-need flag and "Propose
training"; the outsider gets 404, a refused write changes nothing and is audited."""

import datetime

import pytest
from django.urls import reverse

from nonprolif.core.models import AuditEntry, Outcome
from nonprolif.events.models import ActionItem
from nonprolif.preparedness.models import CorrectiveAction
from nonprolif.program.models import ProposalItem
from tests.conftest import AUDITED_READ_QUERIES

pytestmark = pytest.mark.django_db


def plan_url(built):
    return reverse("preparedness_improvement", args=[built.exercise.pk])


def form_data(built, **overrides):
    data = {
        "title_es": "Ensayar la cadena de alerta",
        "title_en": "Rehearse the alert chain",
        "owner_agency": built.agency_a.pk,
        "due_date": "2010-05-31",
        "objective": built.objectives[1].pk,
        "capability": "",
        "description_es": "",
        "description_en": "",
    }
    data.update(overrides)
    return data


def test_the_plan_shows_each_action_with_its_action_item(as_user, built, add_action, settings):
    settings.NONPROLIF_TODAY = datetime.date(2010, 3, 1)
    action = add_action(due_date=datetime.date(2010, 1, 10))
    add_action(title_es="Después", title_en="Later", due_date=datetime.date(2010, 6, 1))
    response = as_user(built.player).get(plan_url(built))
    assert response.status_code == 200
    body = response.content.decode()
    assert action.action_item.title_es in body or action.action_item.title_en in body
    assert reverse("action_item_detail", args=[action.action_item_id]) in body
    overdue = [row.overdue for row in response.context["page"].object_list]
    assert overdue == [True, False]
    assert "overdue" in body or "vencid" in body
    assert response.context["can_plan"] is False
    assert response.context["form"] is None
    assert AuditEntry.objects.filter(
        action="exercise.improvement.view", object_id=str(built.exercise.pk)
    ).exists()


def test_an_outsider_gets_404(as_user, built, add_action):
    action = add_action()
    client = as_user(built.outsider)
    assert client.get(plan_url(built)).status_code == 404
    add = reverse("preparedness_corrective_action_add", args=[built.exercise.pk])
    assert client.post(add, form_data(built)).status_code == 404
    flag = reverse("preparedness_corrective_action_training_need", args=[action.pk])
    assert client.post(flag, {"value": "on"}).status_code == 404
    propose = reverse("preparedness_corrective_action_propose", args=[action.pk])
    assert client.post(propose).status_code == 404
    action.refresh_from_db()
    assert action.training_need is False
    assert CorrectiveAction.objects.count() == 1


def test_the_coordinator_adds_a_corrective_action(as_user, built):
    client = as_user(built.coordinator)
    assert client.get(plan_url(built)).context["can_plan"] is True
    add = reverse("preparedness_corrective_action_add", args=[built.exercise.pk])
    response = client.post(add, form_data(built, training_need="on"))
    assert response.status_code == 302
    action = CorrectiveAction.objects.get()
    assert action.training_need is True
    assert action.objective == built.objectives[1]
    assert action.action_item.owner_agency == built.agency_a
    assert action.action_item.due_date == datetime.date(2010, 5, 31)


def test_bad_input_shows_the_form_again_and_writes_nothing(as_user, built):
    client = as_user(built.coordinator)
    add = reverse("preparedness_corrective_action_add", args=[built.exercise.pk])
    response = client.post(
        add, form_data(built, title_en="", owner_agency=built.outsider.agency.pk)
    )
    assert response.status_code == 400
    assert "title_en" in response.context["form"].errors
    assert "owner_agency" in response.context["form"].errors
    assert not ActionItem.objects.exists()


def test_an_evaluator_may_not_add_and_the_refusal_is_audited(as_user, built):
    add = reverse("preparedness_corrective_action_add", args=[built.exercise.pk])
    response = as_user(built.evaluator).post(add, form_data(built))
    assert response.status_code == 403
    assert not CorrectiveAction.objects.exists()
    assert AuditEntry.objects.filter(
        action="corrective_action.create", outcome=Outcome.DENIED, actor=built.evaluator
    ).exists()


def test_the_director_flags_a_training_need_and_the_coordinator_proposes_it(
    as_user, built, add_action, proposal
):
    action = add_action()
    flag = reverse("preparedness_corrective_action_training_need", args=[action.pk])
    assert as_user(built.director).post(flag, {"value": "on"}).status_code == 302
    action.refresh_from_db()
    assert action.training_need is True
    client = as_user(built.coordinator)
    [row] = client.get(plan_url(built)).context["page"].object_list
    assert row.can_propose is True
    propose = reverse("preparedness_corrective_action_propose", args=[action.pk])
    response = client.post(propose, follow=True)
    assert response.status_code == 200
    action.refresh_from_db()
    assert action.proposal_item.proposal == proposal
    [row] = response.context["page"].object_list
    assert row.shown_proposal_item == action.proposal_item
    assert row.can_propose is False
    again = client.post(propose, follow=True)
    assert ProposalItem.objects.count() == 1
    assert [m.level_tag for m in again.context["messages"]] == ["error"]


def test_an_evaluator_may_not_flag(as_user, built, add_action):
    action = add_action()
    flag = reverse("preparedness_corrective_action_training_need", args=[action.pk])
    assert as_user(built.evaluator).post(flag, {"value": "on"}).status_code == 403
    action.refresh_from_db()
    assert action.training_need is False


def test_the_plan_page_costs_the_same_queries_for_one_or_three_actions(
    as_user, built, add_action, count_queries
):
    client = as_user(built.coordinator)
    add_action()
    client.get(plan_url(built))
    one, _ = count_queries(lambda: client.get(plan_url(built)))
    add_action(title_es="B", title_en="B")
    add_action(title_es="C", title_en="C", objective=None, capability=None)
    three, _ = count_queries(lambda: client.get(plan_url(built)))
    assert three == one
    assert one > AUDITED_READ_QUERIES
