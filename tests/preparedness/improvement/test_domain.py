"""The improvement plan's services: a corrective action is an action item of the exercise's
after-action meeting (history, audit, reminders), a training need becomes a draft proposal
item of the open review; refusals are audited and write nothing."""

import datetime

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError

from nonprolif.core import clock
from nonprolif.core.models import AuditEntry, Outcome
from nonprolif.events.coordination.domain.reminders import remind_overdue_action_items
from nonprolif.events.models import ActionItem, ActionItemChange, Meeting
from nonprolif.preparedness.improvement.domain import (
    TRAINING_COHORT_SIZE,
    propose_training,
    set_training_need,
    training_start,
)
from nonprolif.preparedness.models import CorrectiveAction, ExercisePhase
from nonprolif.program.models import ItemKind, ProposalItem
from tests.factories import ProposalFactory
from tests.preparedness.factories import ObjectiveFactory

pytestmark = pytest.mark.django_db


def denied(action):
    return AuditEntry.objects.filter(action=action, outcome=Outcome.DENIED)


def test_the_first_corrective_action_creates_the_after_action_meeting(built, add_action):
    action = add_action()
    built.exercise.refresh_from_db()
    meeting = built.exercise.after_action_meeting
    assert meeting is not None
    assert meeting.program == built.program
    assert meeting.title_es == f"Reunión posterior al ejercicio: {built.exercise.title_es}"
    assert meeting.title_en == f"After-action meeting: {built.exercise.title_en}"
    assert meeting.date == built.exercise.ends_on
    assert meeting.place == built.exercise.venue
    assert set(meeting.agencies.all()) == {built.agency_a, built.agency_b}
    assert action.action_item.meeting == meeting
    assert built.exercise.phase == ExercisePhase.IMPROVEMENT
    assert AuditEntry.objects.filter(action="meeting.create", object_id=str(meeting.pk)).exists()
    assert AuditEntry.objects.filter(
        action="corrective_action.create", object_id=str(action.pk), outcome=Outcome.ALLOWED
    ).exists()


def test_later_corrective_actions_share_the_meeting(built, add_action):
    first = add_action()
    second = add_action(title_es="Otro", title_en="Another", owner_agency=built.agency_a)
    assert first.action_item.meeting_id == second.action_item.meeting_id
    assert Meeting.objects.count() == 1


def test_a_corrective_action_is_an_action_item_the_owner_agency_sees_with_its_history(
    built, add_action
):
    action = add_action()
    visible = ActionItem.objects.visible_to(built.evaluator)  # a liaison of agency B
    item = visible.get(pk=action.action_item_id)
    assert item.owner_agency == built.agency_b
    assert item.title_en == "Update the customs alert protocol"
    assert item.due_date == datetime.date(2010, 6, 30)
    creation = ActionItemChange.objects.get(action_item=item)
    assert creation.changes["title_es"] == [None, "Actualizar el protocolo de alerta en aduanas"]
    assert creation.changes["owner_agency"] == [None, built.agency_b.code]
    assert AuditEntry.objects.filter(action="action_item.create", object_id=str(item.pk)).exists()
    assert not ActionItem.objects.visible_to(built.outsider).exists()


def test_an_overdue_corrective_action_is_reminded_like_any_action_item(built, add_action):
    action = add_action(due_date=datetime.date(2010, 3, 1))
    now = datetime.datetime(2010, 3, 20, 18, 0, tzinfo=datetime.UTC)
    sent = remind_overdue_action_items(now=now)
    assert [r.action_item_id for r in sent] == [action.action_item_id] * len(sent)
    recipients = {address for message in mail.outbox for address in message.to}
    assert built.evaluator.email in recipients
    assert built.player.email in recipients
    assert any(
        "Update the customs alert protocol" in m.subject or "Actualizar" in m.subject
        for m in mail.outbox
    )
    action.action_item.refresh_from_db()
    assert action.action_item.last_reminded_at == now


def test_the_exercise_director_may_add_a_corrective_action(built, add_action):
    action = add_action(actor=built.director)
    assert action.action_item.created_by == built.director


@pytest.mark.parametrize("who", ["evaluator", "controller", "player", "auditor"])
def test_other_people_are_refused_and_the_refusal_is_audited(built, add_action, who):
    from nonprolif.core.roles import Role
    from tests.factories import UserFactory

    actor = UserFactory(roles=[Role.AUDITOR]) if who == "auditor" else getattr(built, who)
    with pytest.raises(PermissionDenied):
        add_action(actor=actor)
    assert not CorrectiveAction.objects.exists()
    assert not Meeting.objects.exists()
    assert not ActionItem.objects.exists()
    assert denied("corrective_action.create").filter(actor=actor).count() == 1
    built.exercise.refresh_from_db()
    assert built.exercise.phase == ExercisePhase.DESIGN


def test_the_owner_agency_must_take_part_in_the_exercise(built, add_action):
    outsider_agency = built.outsider.agency
    with pytest.raises(ValidationError) as error:
        add_action(owner_agency=outsider_agency)
    assert "owner_agency" in error.value.message_dict
    assert not Meeting.objects.exists()
    assert not CorrectiveAction.objects.exists()


def test_the_objective_must_be_the_exercises(built, add_action):
    foreign = ObjectiveFactory(number=9)
    with pytest.raises(ValidationError) as error:
        add_action(objective=foreign)
    assert "objective" in error.value.message_dict
    assert not ActionItem.objects.exists()


def test_bad_action_item_fields_name_the_field_and_write_nothing(built, add_action):
    with pytest.raises(ValidationError) as error:
        add_action(title_en="")
    assert "title_en" in error.value.message_dict
    assert not ActionItem.objects.exists()
    assert not CorrectiveAction.objects.exists()


def test_the_training_need_flag_is_set_and_audited(built, add_action):
    action = add_action()
    set_training_need(actor=built.director, corrective_action=action, value=True)
    action.refresh_from_db()
    assert action.training_need is True
    assert AuditEntry.objects.filter(action="corrective_action.update").count() == 1
    set_training_need(actor=built.director, corrective_action=action, value=True)
    assert AuditEntry.objects.filter(action="corrective_action.update").count() == 1


def test_the_training_need_flag_is_refused_to_an_evaluator(built, add_action):
    action = add_action()
    with pytest.raises(PermissionDenied):
        set_training_need(actor=built.evaluator, corrective_action=action, value=True)
    action.refresh_from_db()
    assert action.training_need is False
    assert denied("corrective_action.update").count() == 1


def test_a_training_need_becomes_a_draft_proposal_item_of_the_open_review(
    built, add_action, proposal
):
    action = add_action(training_need=True)
    item = propose_training(actor=built.coordinator, corrective_action=action)
    action.refresh_from_db()
    assert action.proposal_item == item
    assert item.proposal == proposal
    assert item.kind == ItemKind.TRAINING
    assert item.title_es == "Capacitación: Actualizar el protocolo de alerta en aduanas"
    assert item.title_en == "Training: Update the customs alert protocol"
    assert built.exercise.code in item.description_en
    assert built.objectives[0].text_en in item.description_en
    assert built.objectives[0].text_es in item.description_es
    assert item.cohort_size == TRAINING_COHORT_SIZE
    assert item.cohort_count == 1
    assert list(item.target_agencies.all()) == [built.agency_b]
    assert item.start_date == training_start(proposal, clock.today())
    assert item.start_date.day == 1
    assert item.start_date > clock.today()
    assert not item.decisions.exists()  # undecided: the review decides
    assert AuditEntry.objects.filter(action="proposalitem.create", object_id=str(item.pk)).exists()


def test_the_latest_open_proposal_version_gets_the_item(built, add_action, proposal):
    proposal.review_closed_at = datetime.datetime(2009, 9, 1, tzinfo=datetime.UTC)
    proposal.save()
    revised = ProposalFactory(
        program=built.program,
        submitted_by=proposal.submitted_by,
        version=2,
        submitted_on=datetime.date(2009, 9, 15),
    )
    action = add_action(training_need=True)
    item = propose_training(actor=built.coordinator, corrective_action=action)
    assert item.proposal == revised


def test_a_training_need_is_proposed_once(built, add_action, proposal):
    action = add_action(training_need=True)
    propose_training(actor=built.coordinator, corrective_action=action)
    with pytest.raises(ValidationError) as error:
        propose_training(actor=built.coordinator, corrective_action=action)
    assert "proposal_item" in error.value.message_dict
    assert ProposalItem.objects.count() == 1
    with pytest.raises(ValidationError) as error:
        set_training_need(actor=built.coordinator, corrective_action=action, value=False)
    assert "training_need" in error.value.message_dict


def test_only_a_training_need_is_proposed(built, add_action, proposal):
    action = add_action()
    with pytest.raises(ValidationError) as error:
        propose_training(actor=built.coordinator, corrective_action=action)
    assert "training_need" in error.value.message_dict
    assert not ProposalItem.objects.exists()


def test_without_an_open_review_the_proposal_is_refused_with_a_reason(built, add_action):
    action = add_action(training_need=True)
    with pytest.raises(ValidationError) as error:
        propose_training(actor=built.coordinator, corrective_action=action)
    assert "proposal" in error.value.message_dict
    assert not ProposalItem.objects.exists()


def test_proposing_needs_the_right_to_add_items_to_the_proposal(built, add_action, proposal):
    action = add_action(actor=built.director, training_need=True)
    with pytest.raises(PermissionDenied):
        propose_training(actor=built.director, corrective_action=action)
    assert not ProposalItem.objects.exists()
    action.refresh_from_db()
    assert action.proposal_item is None
    assert denied("corrective_action.propose").filter(actor=built.director).count() == 1


def test_an_evaluator_may_not_propose(built, add_action, proposal):
    action = add_action(training_need=True)
    with pytest.raises(PermissionDenied):
        propose_training(actor=built.evaluator, corrective_action=action)
    assert not ProposalItem.objects.exists()
    assert denied("corrective_action.propose").count() == 1


@pytest.mark.parametrize(
    ("today", "start"),
    [
        (datetime.date(2010, 1, 15), datetime.date(2010, 4, 1)),
        (datetime.date(2010, 11, 3), datetime.date(2011, 2, 1)),
        (datetime.date(2009, 5, 1), datetime.date(2009, 8, 28)),  # not before the submission
    ],
)
def test_the_proposed_training_starts_after_its_lead_time(proposal, today, start):
    assert training_start(proposal, today) == start
