"""Reads of conduct and evaluation: the exercise, its injects as delivered and still to come,
the players' actions, the evaluators' observations, the objectives with their Exercise
Evaluation Guide.

Every selector starts from an exercise read through ``Exercise.objects.visible_to``
(``exercises.queries.get_exercise_for``: Http404 for a missing and an invisible exercise
alike); the injects, objectives, actions and observations are those of an exercise so read.
Observations and the injects to come are for the exercise's staff
(``preparedness.view_observations``, ``preparedness.view_upcoming_injects``): others get
none. Lists cost a fixed number of queries (``select_related``/``prefetch_related``). The
delivered injects are ordered by delivery time, newest first: the rows of one exercise (the
MSEL's index) sorted, a few dozen to a few hundred.
"""

from collections import defaultdict
from typing import Any

from django.db.models import QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from nonprolif.core.models import Actor
from nonprolif.core.rules import has_perm
from nonprolif.core.web.forms import as_id
from nonprolif.preparedness.models import (
    Exercise,
    ExerciseObjective,
    Inject,
    Observation,
    ObservationKind,
    PlayerAction,
)


def get_inject_for(user: Actor, exercise: Exercise, pk: Any) -> Inject:
    """The inject ``pk`` of ``exercise`` (read through :func:`get_exercise_for`); Http404 for
    another exercise's, a missing one, or one still to come that ``user`` may not see."""
    number = as_id(pk)
    inject = (
        Inject.objects.filter(exercise_id=exercise.pk, pk=number).first()
        if number is not None
        else None
    )
    if inject is None or (
        inject.delivered_at is None
        and not has_perm("preparedness.view_upcoming_injects", user, exercise)
    ):
        raise Http404(_("No such inject."))
    inject.exercise = exercise
    return inject


def get_objective_for(user: Actor, exercise: Exercise, pk: Any) -> ExerciseObjective:
    """The objective ``pk`` of ``exercise`` (read through :func:`get_exercise_for`); Http404
    for another exercise's or a missing one."""
    number = as_id(pk)
    objective = (
        ExerciseObjective.objects.filter(exercise_id=exercise.pk, pk=number).first()
        if number is not None
        else None
    )
    if objective is None:
        raise Http404(_("No such objective."))
    objective.exercise = exercise
    return objective


def delivered_injects(exercise: Exercise) -> QuerySet[Inject]:
    """The exercise's delivered injects, the last delivered first."""
    return (
        Inject.objects.filter(exercise_id=exercise.pk, delivered_at__isnull=False)
        .select_related("objective", "delivered_by")
        .order_by("-delivered_at", "-number")
    )


def upcoming_injects(user: Actor, exercise: Exercise) -> QuerySet[Inject]:
    """The injects still to deliver, in the MSEL's order (time, then number); none for a
    user who may not see what is coming (players)."""
    if not has_perm("preparedness.view_upcoming_injects", user, exercise):
        return Inject.objects.none()
    return (
        Inject.objects.filter(exercise_id=exercise.pk, delivered_at__isnull=True)
        .select_related("objective")
        .order_by("scheduled_at", "number")
    )


def inject_counts(exercise: Exercise) -> tuple[int, int]:
    """(delivered, total) injects of the exercise (two counts on the MSEL's index)."""
    injects = Inject.objects.filter(exercise_id=exercise.pk)
    return injects.filter(delivered_at__isnull=False).count(), injects.count()


def actions_for(user: Actor, exercise: Exercise) -> QuerySet[PlayerAction]:
    """The players' actions recorded in the exercise, the newest first."""
    if not Exercise.objects.visible_to(user).filter(pk=exercise.pk).exists():  # type: ignore[arg-type]
        return PlayerAction.objects.none()
    return (
        PlayerAction.objects.filter(exercise_id=exercise.pk)
        .select_related("inject", "agency", "recorded_by")
        .order_by("-at", "-id")
    )


def observations_for(user: Actor, exercise: Exercise) -> QuerySet[Observation]:
    """The evaluators' observations in the exercise, the newest first; none for a user who
    may not read them."""
    if not has_perm("preparedness.view_observations", user, exercise):
        return Observation.objects.none()
    return (
        Observation.objects.filter(exercise_id=exercise.pk)
        .select_related("objective", "inject", "evaluator")
        .order_by("-at", "-id")
    )


def delivered_choices(exercise: Exercise) -> QuerySet[Inject]:
    """The injects a player action may answer (the delivered ones), in the MSEL's order."""
    return Inject.objects.filter(exercise_id=exercise.pk, delivered_at__isnull=False).order_by(
        "scheduled_at", "number"
    )


def objectives_of(exercise: Exercise) -> QuerySet[ExerciseObjective]:
    """The exercise's objectives, by number, with their capabilities and who rated them."""
    return (
        ExerciseObjective.objects.filter(exercise_id=exercise.pk)
        .select_related("rated_by")
        .prefetch_related("capabilities")
        .order_by("number")
    )


def evaluation_guides(
    user: Actor, exercise: Exercise, objectives: list[ExerciseObjective]
) -> list[dict[str, Any]]:
    """For each objective (one page of :func:`objectives_of`): its observations grouped by
    kind (strengths, areas for improvement, notes; oldest first), empty for a user who may
    not read observations. One query for the page."""
    grouped: dict[int, dict[str, list[Observation]]] = defaultdict(lambda: defaultdict(list))
    if has_perm("preparedness.view_observations", user, exercise) and objectives:
        rows = (
            Observation.objects.filter(objective__in=[o.pk for o in objectives])
            .select_related("inject", "evaluator")
            .order_by("at", "id")
        )
        for row in rows:
            grouped[row.objective_id][row.kind].append(row)
    return [
        {
            "objective": objective,
            "groups": [
                (kind, label, grouped[objective.pk][kind])
                for kind, label in ObservationKind.choices
            ],
        }
        for objective in objectives
    ]
