"""The improvement plan endpoints, on the same selectors and services as the pages: an
exercise's corrective actions, adding one, the training-need flag, proposing a training
need for the next review.

Invisible or missing: 404; visible but not allowed: 403, the refusal audited; bad input:
422 naming each field.
"""

from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from ninja import Router, Status
from ninja.pagination import LimitOffsetPagination, paginate

from nonprolif.api.errors import WRITE_ERRORS, ErrorOut, service_errors
from nonprolif.preparedness.exercises.queries import get_exercise_for
from nonprolif.preparedness.improvement.domain import (
    add_corrective_action,
    propose_training,
    require_planner,
    set_training_need,
)
from nonprolif.preparedness.improvement.queries import (
    corrective_actions_for,
    get_corrective_action_for,
)
from nonprolif.preparedness.improvement.schemas import (
    PreparednessCorrectiveActionIn,
    PreparednessCorrectiveActionOut,
    PreparednessProposedTrainingOut,
    PreparednessTrainingNeedIn,
)
from nonprolif.preparedness.models import CoreCapability, Exercise

router = Router(tags=["preparedness"])


def _refs(user, exercise: Exercise, data: dict[str, Any]) -> dict[str, Any]:
    """Codes and numbers in ``data`` become objects; unknown ones are a 422 naming the
    field."""
    errors: dict[str, list[str]] = {}
    agency = exercise.agencies.filter(code=data["owner_agency"]).first()
    if agency is None:
        errors["owner_agency"] = [_("Not one of the exercise's participating agencies.")]
    data["owner_agency"] = agency
    if data.get("objective") is not None:
        objective = exercise.objectives.filter(number=data["objective"]).first()
        if objective is None:
            errors["objective"] = [_("The exercise has no objective with this number.")]
        data["objective"] = objective
    if data.get("capability"):
        capability = CoreCapability.objects.visible_to(user).filter(code=data["capability"]).first()
        if capability is None:
            errors["capability"] = [_("No such core capability.")]
        data["capability"] = capability
    else:
        data["capability"] = None
    if errors:
        raise ValidationError(errors)
    return data


@router.get(
    "/preparedness/exercises/{exercise_id}/corrective-actions",
    response={200: list[PreparednessCorrectiveActionOut], 404: ErrorOut},
)
@paginate(LimitOffsetPagination)
def list_preparedness_corrective_actions(request, exercise_id: int):
    """The exercise's improvement plan: its corrective actions the caller may read, in the
    order they were added, with their action items' owner, due date and status."""
    exercise = get_exercise_for(request.auth, exercise_id)
    return corrective_actions_for(request.auth, exercise)


@router.post(
    "/preparedness/exercises/{exercise_id}/corrective-actions",
    response={201: PreparednessCorrectiveActionOut, **WRITE_ERRORS},
)
@service_errors
def post_preparedness_corrective_action(
    request, exercise_id: int, payload: PreparednessCorrectiveActionIn
):
    """Add a corrective action (coordinators and the exercise's director): an action item
    of the exercise's after-action meeting (created with the first one), owned by one of
    the exercise's agencies (``owner_agency``: its code), for an objective (its number) and
    a core capability (its code)."""
    exercise = get_exercise_for(request.auth, exercise_id)
    require_planner(actor=request.auth, exercise=exercise, action="corrective_action.create")
    action = add_corrective_action(
        actor=request.auth, exercise=exercise, **_refs(request.auth, exercise, payload.dict())
    )
    return Status(201, get_corrective_action_for(request.auth, action.pk))


@router.put(
    "/preparedness/corrective-actions/{action_id}/training-need",
    response={200: PreparednessCorrectiveActionOut, **WRITE_ERRORS},
)
@service_errors
def put_preparedness_training_need(request, action_id: int, payload: PreparednessTrainingNeedIn):
    """Flag or unflag the corrective action as a training need."""
    action = get_corrective_action_for(request.auth, action_id)
    set_training_need(actor=request.auth, corrective_action=action, value=payload.training_need)
    return get_corrective_action_for(request.auth, action_id)


@router.post(
    "/preparedness/corrective-actions/{action_id}/propose",
    response={201: PreparednessProposedTrainingOut, **WRITE_ERRORS},
)
@service_errors
def post_preparedness_proposed_training(request, action_id: int):
    """Make the training need a draft proposal item of the program's latest proposal under
    an open review (once)."""
    action = get_corrective_action_for(request.auth, action_id)
    item = propose_training(actor=request.auth, corrective_action=action)
    return Status(
        201,
        {
            "corrective_action": action.pk,
            "proposal": item.proposal_id,
            "proposal_item": item.pk,
            "number": item.number,
            "title_es": item.title_es,
            "title_en": item.title_en,
        },
    )
