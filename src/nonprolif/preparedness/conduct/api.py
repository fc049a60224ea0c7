"""The conduct endpoints, on the same selectors and services as the pages: starting and ending
conduct, delivering injects, the players' actions, the evaluators' observations, an
objective's rating, the hot-wash notes.

Invisible or missing exercise (or inject, objective): 404; visible but not allowed: 403, the
refusal audited; bad input: 422 naming each field.
"""

from django.core.exceptions import ValidationError
from django.http import Http404
from django.utils.translation import gettext as _
from ninja import Router, Status
from ninja.pagination import LimitOffsetPagination, paginate

from nonprolif.api.errors import WRITE_ERRORS, ErrorOut, service_errors
from nonprolif.core.audit_reads import note_read
from nonprolif.core.domain.audit import refuse
from nonprolif.core.rules import has_perm
from nonprolif.preparedness.conduct import domain
from nonprolif.preparedness.conduct.queries import (
    actions_for,
    get_inject_for,
    get_objective_for,
    observations_for,
)
from nonprolif.preparedness.conduct.schemas import (
    PreparednessConductActionIn,
    PreparednessConductActionOut,
    PreparednessConductExerciseOut,
    PreparednessConductHotwashIn,
    PreparednessConductInjectOut,
    PreparednessConductObjectiveOut,
    PreparednessConductObservationIn,
    PreparednessConductObservationOut,
    PreparednessConductRatingIn,
)
from nonprolif.preparedness.exercises.queries import get_exercise_for

router = Router(tags=["preparedness"])
BASE = "/preparedness/exercises/{exercise_id}"


@router.post(
    f"{BASE}/conduct/start", response={200: PreparednessConductExerciseOut, **WRITE_ERRORS}
)
@service_errors
def post_preparedness_conduct_start(request, exercise_id: int):
    """Start the exercise's conduct (its director or a coordinator): design → conduct."""
    exercise = get_exercise_for(request.auth, exercise_id)
    return domain.start_conduct(actor=request.auth, exercise=exercise)


@router.post(f"{BASE}/conduct/end", response={200: PreparednessConductExerciseOut, **WRITE_ERRORS})
@service_errors
def post_preparedness_conduct_end(request, exercise_id: int):
    """End the exercise's conduct (its director or a coordinator): conduct → evaluation."""
    exercise = get_exercise_for(request.auth, exercise_id)
    return domain.end_conduct(actor=request.auth, exercise=exercise)


@router.post(f"{BASE}/deliver-next", response={200: PreparednessConductInjectOut, **WRITE_ERRORS})
@service_errors
def post_preparedness_conduct_deliver_next(request, exercise_id: int):
    """Deliver the first undelivered inject in the MSEL's order (a controller or the
    director, during conduct)."""
    exercise = get_exercise_for(request.auth, exercise_id)
    return domain.deliver_next(actor=request.auth, exercise=exercise)


@router.post(
    f"{BASE}/injects/{{inject_id}}/deliver",
    response={200: PreparednessConductInjectOut, **WRITE_ERRORS},
)
@service_errors
def post_preparedness_conduct_deliver(request, exercise_id: int, inject_id: int):
    """Deliver one inject by hand, in or out of order (a controller or the director)."""
    exercise = get_exercise_for(request.auth, exercise_id)
    inject = get_inject_for(request.auth, exercise, inject_id)
    return domain.deliver_inject(actor=request.auth, inject=inject)


@router.get(f"{BASE}/actions", response={200: list[PreparednessConductActionOut], 404: ErrorOut})
@paginate(LimitOffsetPagination)
def list_preparedness_conduct_actions(request, exercise_id: int):
    """The players' actions recorded in the exercise, newest first."""
    return actions_for(request.auth, get_exercise_for(request.auth, exercise_id))


def _inject(request, exercise, inject_id):
    if inject_id is None:
        return None
    try:
        return get_inject_for(request.auth, exercise, inject_id)
    except Http404:
        raise ValidationError({"inject": _("Choose an inject of this exercise.")}) from None


@router.post(f"{BASE}/actions", response={201: PreparednessConductActionOut, **WRITE_ERRORS})
@service_errors
def post_preparedness_conduct_action(
    request, exercise_id: int, payload: PreparednessConductActionIn
):
    """Record a player action (a controller or the director, during conduct)."""
    exercise = get_exercise_for(request.auth, exercise_id)
    domain.require_action(request.auth, exercise)
    agency = None
    if payload.agency:
        agency = exercise.agencies.filter(code=payload.agency).first()
        if agency is None:
            raise ValidationError({"agency": _("Choose one of the exercise's agencies.")})
    action = domain.record_player_action(
        actor=request.auth,
        exercise=exercise,
        text=payload.text,
        inject=_inject(request, exercise, payload.inject),
        agency=agency,
    )
    return Status(201, action)


@router.get(
    f"{BASE}/observations",
    response={200: list[PreparednessConductObservationOut], 403: ErrorOut, 404: ErrorOut},
)
@paginate(LimitOffsetPagination)
def list_preparedness_conduct_observations(request, exercise_id: int):
    """The evaluators' observations, newest first (the exercise's staff, coordinators and
    auditors; players 403)."""
    exercise = get_exercise_for(request.auth, exercise_id)
    if not has_perm("preparedness.view_observations", request.auth, exercise):
        refuse(
            actor=request.auth,
            action="preparedness.observation.list",
            why=_("The evaluators' observations are for the exercise's staff."),
            obj=exercise,
        )
    note_read(request, action="preparedness.observation.list")
    return observations_for(request.auth, exercise)


@router.post(
    f"{BASE}/observations", response={201: PreparednessConductObservationOut, **WRITE_ERRORS}
)
@service_errors
def post_preparedness_conduct_observation(
    request, exercise_id: int, payload: PreparednessConductObservationIn
):
    """Record an observation against an objective (the exercise's evaluators, during conduct
    and evaluation)."""
    exercise = get_exercise_for(request.auth, exercise_id)
    domain.require_observer(request.auth, exercise)
    try:
        objective = get_objective_for(request.auth, exercise, payload.objective)
    except Http404:
        raise ValidationError({"objective": _("Choose an objective of this exercise.")}) from None
    observation = domain.record_observation(
        actor=request.auth,
        exercise=exercise,
        objective=objective,
        text=payload.text,
        kind=payload.kind,
        inject=_inject(request, exercise, payload.inject),
    )
    return Status(201, observation)


@router.put(
    f"{BASE}/objectives/{{objective_id}}/rating",
    response={200: PreparednessConductObjectiveOut, **WRITE_ERRORS},
)
@service_errors
def put_preparedness_conduct_rating(
    request, exercise_id: int, objective_id: int, payload: PreparednessConductRatingIn
):
    """Rate an objective in its Exercise Evaluation Guide: P, S, M or U with the rationale
    (the exercise's evaluators). Rating again replaces the rating."""
    exercise = get_exercise_for(request.auth, exercise_id)
    objective = get_objective_for(request.auth, exercise, objective_id)
    return domain.rate_objective(actor=request.auth, objective=objective, **payload.dict())


@router.put(f"{BASE}/hotwash", response={200: PreparednessConductExerciseOut, **WRITE_ERRORS})
@service_errors
def put_preparedness_conduct_hotwash(
    request, exercise_id: int, payload: PreparednessConductHotwashIn
):
    """Write the hot-wash notes (the director, controllers, evaluators, a coordinator)."""
    exercise = get_exercise_for(request.auth, exercise_id)
    return domain.save_hotwash(actor=request.auth, exercise=exercise, **payload.dict())
