"""The exercises endpoints, on the same selectors and services as the pages: exercises, their
objectives, participants and MSEL injects.

Invisible or missing: 404; visible but not changeable (a player, an auditor): 403, the
refusal audited; bad input: 422 naming each field.
"""

from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from ninja import Query, Router, Status
from ninja.pagination import LimitOffsetPagination, paginate

from nonprolif.api.errors import WRITE_ERRORS, ErrorOut, service_errors
from nonprolif.core.models import Agency, ClassificationLevel
from nonprolif.core.web.forms import as_id
from nonprolif.intel.models import CbrnCategory
from nonprolif.preparedness.exercises.domain import (
    add_inject,
    add_objective,
    add_participant,
    create_exercise,
    remove_inject,
    remove_objective,
    remove_participant,
    update_exercise,
    update_inject,
    update_objective,
)
from nonprolif.preparedness.exercises.queries import (
    candidates_for,
    exercises_for,
    get_exercise_for,
    get_inject_for,
    get_objective_for,
    get_participant_for,
    msel_for,
    objectives_for,
    participants_for,
)
from nonprolif.preparedness.exercises.schemas import (
    PreparednessExerciseDetailOut,
    PreparednessExerciseFilters,
    PreparednessExerciseIn,
    PreparednessExerciseOut,
    PreparednessExercisePatch,
    PreparednessInjectIn,
    PreparednessInjectOut,
    PreparednessInjectPatch,
    PreparednessObjectiveIn,
    PreparednessObjectiveOut,
    PreparednessObjectivePatch,
    PreparednessParticipantIn,
    PreparednessParticipantOut,
)
from nonprolif.preparedness.models import CoreCapability, Exercise, ExerciseObjective
from nonprolif.program.models import Program

router = Router(tags=["preparedness"])


def _by_codes(user, model, codes: list[str], field: str) -> list[Any]:
    """The rows of ``model`` (a vocabulary the user reads) with these codes, in order."""
    wanted = list(dict.fromkeys(codes))
    found = {row.code: row for row in model.objects.visible_to(user).filter(code__in=wanted)}
    missing = [code for code in wanted if code not in found]
    if missing:
        raise ValidationError({field: _("Unknown: %(codes)s.") % {"codes": ", ".join(missing)}})
    return [found[code] for code in wanted]


def _one(user, model, code: str, field: str) -> Any:
    return _by_codes(user, model, [code], field)[0]


def _resolved(user, data: dict[str, Any]) -> dict[str, Any]:
    """The payload's codes as rows (each unknown code a 422 naming its field)."""
    if "program" in data:
        program = Program.objects.visible_to(user).filter(code=data["program"]).first()
        if program is None:
            raise ValidationError({"program": _("Unknown program.")})
        data["program"] = program
    if "agencies" in data:
        data["agencies"] = _by_codes(user, Agency, data["agencies"], "agencies")
    if "cbrn_category" in data:
        data["cbrn_category"] = _one(user, CbrnCategory, data["cbrn_category"], "cbrn_category")
    if "classification" in data:
        data["classification"] = _one(
            user, ClassificationLevel, data["classification"], "classification"
        )
    if "capabilities" in data:
        data["capabilities"] = _by_codes(user, CoreCapability, data["capabilities"], "capabilities")
    return data


def _objective(user, exercise, pk: int | None) -> ExerciseObjective | None:
    if pk is None:
        return None
    found = objectives_for(user, exercise).filter(pk=pk).first()
    if found is None:
        raise ValidationError({"objective": _("Choose an objective of this exercise.")})
    return found


@router.get("/preparedness/exercises", response={200: list[PreparednessExerciseOut]})
@paginate(LimitOffsetPagination)
def list_preparedness_exercises(request, filters: Query[PreparednessExerciseFilters]):
    """The exercises the caller may read, latest first; ``program`` (a code), ``kind``,
    ``phase`` and ``q`` (words of a title, or ``EX-<id>``) narrow them."""
    return exercises_for(
        request.auth, program=filters.program, kind=filters.kind, phase=filters.phase, q=filters.q
    )


@router.post(
    "/preparedness/exercises", response={201: PreparednessExerciseDetailOut, **WRITE_ERRORS}
)
@service_errors
def post_preparedness_exercise(request, payload: PreparednessExerciseIn):
    """Create an exercise (coordinators), in phase design."""
    data = _resolved(request.auth, payload.dict())
    exercise = create_exercise(actor=request.auth, **data)
    return Status(201, get_exercise_for(request.auth, exercise.pk))


@router.get(
    "/preparedness/exercises/{exercise_id}",
    response={200: PreparednessExerciseDetailOut, 404: ErrorOut},
)
def get_preparedness_exercise(request, exercise_id: int):
    """One exercise: its facts, scenario, classification and agencies."""
    return get_exercise_for(request.auth, exercise_id)


@router.patch(
    "/preparedness/exercises/{exercise_id}",
    response={200: PreparednessExerciseDetailOut, **WRITE_ERRORS},
)
@service_errors
def patch_preparedness_exercise(request, exercise_id: int, payload: PreparednessExercisePatch):
    """Change the exercise's facts (a coordinator or its director; in design or conduct).
    Only the fields sent are changed."""
    exercise = get_exercise_for(request.auth, exercise_id)
    data = _resolved(request.auth, payload.dict(exclude_unset=True))
    update_exercise(actor=request.auth, exercise=exercise, **data)
    return get_exercise_for(request.auth, exercise.pk)


@router.get(
    "/preparedness/exercises/{exercise_id}/objectives",
    response={200: list[PreparednessObjectiveOut], 404: ErrorOut},
)
@paginate(LimitOffsetPagination)
def list_preparedness_objectives(request, exercise_id: int):
    """The exercise's objectives by number, with their core capabilities."""
    return objectives_for(request.auth, get_exercise_for(request.auth, exercise_id))


@router.post(
    "/preparedness/exercises/{exercise_id}/objectives",
    response={201: PreparednessObjectiveOut, **WRITE_ERRORS},
)
@service_errors
def post_preparedness_objective(request, exercise_id: int, payload: PreparednessObjectiveIn):
    """Add an objective, numbered next (a coordinator or the director)."""
    exercise = get_exercise_for(request.auth, exercise_id)
    data = _resolved(request.auth, payload.dict())
    objective = add_objective(actor=request.auth, exercise=exercise, **data)
    return Status(201, get_objective_for(request.auth, exercise, objective.pk))


def _exercise_objective(request, objective_id: int):
    visible = Exercise.objects.visible_to(request.auth)
    found = ExerciseObjective.objects.filter(pk=as_id(objective_id) or 0, exercise__in=visible)
    exercise = get_exercise_for(request.auth, found.values_list("exercise_id", flat=True).first())
    return get_objective_for(request.auth, exercise, objective_id)


@router.patch(
    "/preparedness/objectives/{objective_id}",
    response={200: PreparednessObjectiveOut, **WRITE_ERRORS},
)
@service_errors
def patch_preparedness_objective(request, objective_id: int, payload: PreparednessObjectivePatch):
    """Change an objective's texts or capabilities. Only the fields sent are changed."""
    objective = _exercise_objective(request, objective_id)
    data = _resolved(request.auth, payload.dict(exclude_unset=True))
    update_objective(actor=request.auth, objective=objective, **data)
    return _exercise_objective(request, objective_id)


@router.delete("/preparedness/objectives/{objective_id}", response={204: None, **WRITE_ERRORS})
@service_errors
def delete_preparedness_objective(request, objective_id: int):
    """Remove an objective (in design; not while an inject, an observation or a corrective
    action names it)."""
    remove_objective(actor=request.auth, objective=_exercise_objective(request, objective_id))
    return Status(204, None)


@router.get(
    "/preparedness/exercises/{exercise_id}/participants",
    response={200: list[PreparednessParticipantOut], 404: ErrorOut},
)
@paginate(LimitOffsetPagination)
def list_preparedness_participants(request, exercise_id: int):
    """The people in the exercise's roles, by role."""
    return participants_for(request.auth, get_exercise_for(request.auth, exercise_id))


@router.post(
    "/preparedness/exercises/{exercise_id}/participants",
    response={201: PreparednessParticipantOut, **WRITE_ERRORS},
)
@service_errors
def post_preparedness_participant(request, exercise_id: int, payload: PreparednessParticipantIn):
    """Give a user a role (a coordinator or the director): an active user of one of the
    exercise's agencies, or a coordinator, cleared for its classification."""
    exercise = get_exercise_for(request.auth, exercise_id)
    # A user outside the candidates is no user here (the service refuses "no user" with
    # the field's error, after the permission): nothing about him is said.
    user = candidates_for(request.auth, exercise).filter(pk=payload.user).first()
    participant = add_participant(
        actor=request.auth, exercise=exercise, user=user, role=payload.role
    )
    return Status(201, get_participant_for(request.auth, exercise, participant.pk))


@router.delete(
    "/preparedness/exercises/{exercise_id}/participants/{participant_id}",
    response={204: None, **WRITE_ERRORS},
)
@service_errors
def delete_preparedness_participant(request, exercise_id: int, participant_id: int):
    """Take a role away (a coordinator or the director)."""
    exercise = get_exercise_for(request.auth, exercise_id)
    participant = get_participant_for(request.auth, exercise, participant_id)
    remove_participant(actor=request.auth, participant=participant)
    return Status(204, None)


@router.get(
    "/preparedness/exercises/{exercise_id}/injects",
    response={200: list[PreparednessInjectOut], 404: ErrorOut},
)
@paginate(LimitOffsetPagination)
def list_preparedness_injects(request, exercise_id: int):
    """The MSEL: the exercise's injects in order (time, then number)."""
    return msel_for(request.auth, get_exercise_for(request.auth, exercise_id))


@router.post(
    "/preparedness/exercises/{exercise_id}/injects",
    response={201: PreparednessInjectOut, **WRITE_ERRORS},
)
@service_errors
def post_preparedness_inject(request, exercise_id: int, payload: PreparednessInjectIn):
    """Add an inject to the MSEL, numbered next (a coordinator or the director; in design
    or conduct)."""
    exercise = get_exercise_for(request.auth, exercise_id)
    data = payload.dict()
    data["objective"] = _objective(request.auth, exercise, data.get("objective"))
    inject = add_inject(actor=request.auth, exercise=exercise, **data)
    return Status(201, get_inject_for(request.auth, exercise, inject.pk))


@router.patch(
    "/preparedness/exercises/{exercise_id}/injects/{inject_id}",
    response={200: PreparednessInjectOut, **WRITE_ERRORS},
)
@service_errors
def patch_preparedness_inject(
    request, exercise_id: int, inject_id: int, payload: PreparednessInjectPatch
):
    """Change an inject not yet delivered. Only the fields sent are changed (``objective``
    null takes it off its objective)."""
    exercise = get_exercise_for(request.auth, exercise_id)
    inject = get_inject_for(request.auth, exercise, inject_id)
    data = payload.dict(exclude_unset=True)
    if "objective" in data:
        data["objective"] = _objective(request.auth, exercise, data["objective"])
    update_inject(actor=request.auth, inject=inject, **data)
    return get_inject_for(request.auth, exercise, inject.pk)


@router.delete(
    "/preparedness/exercises/{exercise_id}/injects/{inject_id}",
    response={204: None, **WRITE_ERRORS},
)
@service_errors
def delete_preparedness_inject(request, exercise_id: int, inject_id: int):
    """Remove an inject not yet delivered."""
    exercise = get_exercise_for(request.auth, exercise_id)
    remove_inject(actor=request.auth, inject=get_inject_for(request.auth, exercise, inject_id))
    return Status(204, None)
