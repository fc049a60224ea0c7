"""Pages of a fixed cost: the conduct page, its panel and the evaluation page read the same
number of queries for a few rows or many (no N+1)."""

import pytest

from nonprolif.preparedness.conduct.domain import (
    deliver_next,
    record_observation,
    record_player_action,
)
from nonprolif.preparedness.models import ExercisePhase
from tests.preparedness.factories import InjectFactory, ObjectiveFactory

pytestmark = pytest.mark.django_db


def _activity(built, rounds: int) -> None:
    for _ in range(rounds):
        inject = deliver_next(actor=built.controller, exercise=built.exercise)
        record_player_action(
            actor=built.controller,
            exercise=built.exercise,
            text="Reply",
            inject=inject,
            agency=built.agency_a,
        )
        record_observation(
            actor=built.evaluator,
            exercise=built.exercise,
            objective=built.objectives[0],
            text="Seen",
            kind="strength",
            inject=inject,
        )


@pytest.mark.parametrize("path", ["conduct", "conduct/panel", "evaluation"])
def test_the_pages_cost_the_same_for_one_row_or_many(as_user, count_queries, conducting, path):
    built = conducting
    client = as_user(built.evaluator)
    target = f"/preparedness/exercises/{built.exercise.pk}/{path}/"
    _activity(built, 1)
    client.get(target)
    few, response = count_queries(lambda: client.get(target))
    assert response.status_code == 200
    for number in range(4, 10):
        InjectFactory(exercise=built.exercise, number=number)
    for number in range(3, 6):
        ObjectiveFactory(exercise=built.exercise, number=number)
    _activity(built, 5)
    many, response = count_queries(lambda: client.get(target))
    assert response.status_code == 200
    assert few == many
    assert built.exercise.phase == ExercisePhase.CONDUCT
