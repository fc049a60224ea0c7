"""The improvement plan page of an exercise: its corrective actions (status, owner and due
date from their action items, overdue marked), the form to add one, the training-need flag
and the "Propose training" button. Status changes stay on the action item's page
(``action_item_detail``)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from nonprolif.core.audit_reads import note_read
from nonprolif.core.rules import has_perm
from nonprolif.core.web.pagination import paginate
from nonprolif.core.web.submit import submit
from nonprolif.events.models.coordination import program_today
from nonprolif.preparedness.exercises.queries import get_exercise_for
from nonprolif.preparedness.improvement.domain import (
    add_corrective_action,
    open_proposal,
    propose_training,
    set_training_need,
)
from nonprolif.preparedness.improvement.forms import CorrectiveActionForm, TrainingNeedForm
from nonprolif.preparedness.improvement.queries import (
    corrective_actions_for,
    get_corrective_action_for,
)

PLAN = "preparedness_improvement"


def _page(request, exercise, *, form=None, status=200):
    user = request.user
    page = paginate(request, corrective_actions_for(user, exercise))
    today = program_today(exercise.program.time_zone)
    can_plan = has_perm("preparedness.plan_improvement", user, exercise)
    for action in page.object_list:
        action.overdue = action.action_item.is_overdue_on(today)
        action.shown_proposal_item = action.proposal_item if action.readable_proposal_item else None
        action.can_propose = can_plan and action.training_need and not action.proposal_item_id
    return render(
        request,
        "preparedness/improvement/plan.html",
        {
            "exercise": exercise,
            "page": page,
            "can_plan": can_plan,
            "form": form or (CorrectiveActionForm(exercise=exercise) if can_plan else None),
            "proposal": open_proposal(exercise) if can_plan else None,
        },
        status=status,
    )


@require_GET
def improvement_plan(request, pk):
    exercise = get_exercise_for(request.user, pk)
    note_read(request, action="exercise.improvement.view", obj=exercise)
    return _page(request, exercise)


@require_POST
def corrective_action_add(request, pk):
    """A new corrective action (the service refuses, and audits, anybody who may not)."""
    exercise = get_exercise_for(request.user, pk)
    form = CorrectiveActionForm(request.POST, exercise=exercise)
    if not form.is_valid() and not has_perm(
        "preparedness.plan_improvement", request.user, exercise
    ):
        raise PermissionDenied
    action = submit(request, form, add_corrective_action, exercise=exercise)
    if action is None:
        return _page(request, exercise, form=form, status=400)
    messages.success(
        request,
        _("Corrective action added: %(title)s.") % {"title": action.action_item.title},
    )
    return redirect(PLAN, pk=exercise.pk)


def _errors(error: ValidationError) -> str:
    return " ".join(message for messages_ in error.message_dict.values() for message in messages_)


@require_POST
def corrective_action_training_need(request, pk):
    """Flag or unflag the corrective action as a training need."""
    action = get_corrective_action_for(request.user, pk)
    form = TrainingNeedForm(request.POST)
    form.is_valid()
    try:
        set_training_need(
            actor=request.user,
            corrective_action=action,
            value=form.cleaned_data.get("value", False),
        )
    except ValidationError as error:
        messages.error(request, _errors(error))
    return redirect(PLAN, pk=action.exercise_id)


@require_POST
def corrective_action_propose(request, pk):
    """One click: the training need becomes a draft proposal item for the next review."""
    action = get_corrective_action_for(request.user, pk)
    try:
        item = propose_training(actor=request.user, corrective_action=action)
    except ValidationError as error:
        messages.error(request, _errors(error))
    else:
        messages.success(
            request,
            _("Proposed for the review of %(proposal)s as item %(number)s.")
            % {"proposal": item.proposal, "number": item.number},
        )
    return redirect(PLAN, pk=action.exercise_id)
