"""The AAR's tests: the tabletop of ``exercise_with_roles`` conducted and evaluated (rows
written directly: the conduct and evaluation services have their own tests)."""

import datetime

import pytest
from django.utils import timezone

from nonprolif.preparedness.improvement.domain import add_corrective_action
from nonprolif.preparedness.models import ObservationKind, PlayerAction
from tests.preparedness.factories import ObservationFactory, exercise_with_roles


def at(hour: int, minute: int = 0) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime(2010, 2, 16, hour, minute))


@pytest.fixture
def evaluated(db):
    """The tabletop with two injects delivered, a player action, a strength and an area for
    improvement on objective 1 (rated S), objective 2 unrated, a hot wash and one corrective
    action (a training need)."""
    built = exercise_with_roles()
    exercise = built.exercise
    first, second, _third = built.injects
    first.delivered_at, first.delivered_by = at(9, 20), built.controller
    first.save()
    second.delivered_at, second.delivered_by = at(9, 50), built.controller
    second.save()
    PlayerAction.objects.create(
        exercise=exercise,
        inject=first,
        text="Aduanas alerta a los puntos de control.",
        at=at(9, 25),
        recorded_by=built.controller,
    )
    objective = built.objectives[0]
    built.strength = ObservationFactory(
        exercise=exercise,
        objective=objective,
        kind=ObservationKind.STRENGTH,
        inject=first,
        text="La alerta llegó a los doce puntos de control en doce minutos.",
        at=at(9, 32),
        evaluator=built.evaluator,
    )
    built.weakness = ObservationFactory(
        exercise=exercise,
        objective=objective,
        kind=ObservationKind.IMPROVEMENT,
        text="Nadie avisó a la Secretaría de Salud del riesgo radiológico.",
        at=at(9, 55),
        evaluator=built.evaluator,
    )
    ObservationFactory(
        exercise=exercise,
        objective=objective,
        kind=ObservationKind.NOTE,
        text="Nota sin clasificar que el informe no lista.",
        evaluator=built.evaluator,
    )
    objective.rating = "S"
    objective.rating_notes_es = "Se cumplió con algunos retos de coordinación."
    objective.rating_notes_en = "Performed with some coordination challenges."
    objective.save()
    exercise.hotwash_es = "Los participantes pidieron un directorio de enlaces QBRN."
    exercise.hotwash_en = "Players asked for a directory of CBRN liaisons."
    exercise.save()
    built.corrective = add_corrective_action(
        actor=built.coordinator,
        exercise=exercise,
        title_es="Incluir a Salud en la cadena de alerta",
        title_en="Include Health in the alert chain",
        owner_agency=built.agency_b,
        due_date=datetime.date(2010, 4, 30),
        objective=objective,
        capability=objective.capabilities.first(),
        training_need=True,
    )
    return built
