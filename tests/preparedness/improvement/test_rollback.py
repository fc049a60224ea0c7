"""All or nothing: a failure part-way through an improvement service leaves no meeting, no
action item, no corrective action and no proposal item behind, and the exercise as it was."""

import pytest

from nonprolif.core.models import AuditEntry
from nonprolif.events.models import ActionItem, ActionItemChange, Meeting
from nonprolif.preparedness.improvement import domain
from nonprolif.preparedness.improvement.domain import propose_training
from nonprolif.preparedness.models import CorrectiveAction, ExercisePhase
from nonprolif.program.models import ProposalItem

pytestmark = pytest.mark.django_db(transaction=True)


class StepFailedError(RuntimeError):
    pass


def test_a_failing_last_step_leaves_no_meeting_nor_action_item(monkeypatch, built, add_action):
    real = domain.record

    def fail_on_the_corrective_action(**kwargs):
        if kwargs["action"] == "corrective_action.create":
            raise StepFailedError
        return real(**kwargs)

    monkeypatch.setattr(domain, "record", fail_on_the_corrective_action)
    with pytest.raises(StepFailedError):
        add_action()
    assert not Meeting.objects.exists()
    assert not ActionItem.objects.exists()
    assert not ActionItemChange.objects.exists()
    assert not CorrectiveAction.objects.exists()
    assert not AuditEntry.objects.filter(
        action__in=["meeting.create", "action_item.create"]
    ).exists()
    built.exercise.refresh_from_db()
    assert built.exercise.after_action_meeting is None
    assert built.exercise.phase == ExercisePhase.DESIGN


def test_a_failing_proposal_link_leaves_no_proposal_item(monkeypatch, built, add_action, proposal):
    action = add_action(training_need=True)
    real = domain.record

    def fail_on_the_link(**kwargs):
        if kwargs["action"] == "corrective_action.propose":
            raise StepFailedError
        return real(**kwargs)

    monkeypatch.setattr(domain, "record", fail_on_the_link)
    with pytest.raises(StepFailedError):
        propose_training(actor=built.coordinator, corrective_action=action)
    assert not ProposalItem.objects.exists()
    assert not AuditEntry.objects.filter(action="proposalitem.create").exists()
    action.refresh_from_db()
    assert action.proposal_item is None
