"""Player actions, observations (only the exercise's evaluators, timestamped, during conduct
and evaluation), the Exercise Evaluation Guide's ratings (P/S/M/U, re-rating audited with the
old and new rating) and the hot-wash notes."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from nonprolif.core import clock
from nonprolif.core.models import AuditEntry
from nonprolif.preparedness.conduct.domain import (
    deliver_next,
    end_conduct,
    rate_objective,
    record_observation,
    record_player_action,
    save_hotwash,
)
from nonprolif.preparedness.models import (
    ExerciseObjective,
    ExercisePhase,
    Observation,
    PlayerAction,
)
from tests.factories import AgencyFactory
from tests.preparedness.conduct.conftest import allowed, denied
from tests.preparedness.factories import ObjectiveFactory

pytestmark = pytest.mark.django_db

PEOPLE = ["controller", "player", "director", "coordinator", "ex_auditor", "outsider"]


def person(request, built, who):
    return request.getfixturevalue("ex_auditor") if who == "ex_auditor" else getattr(built, who)


def test_an_evaluator_records_a_timestamped_observation(conducting):
    built = conducting
    inject = deliver_next(actor=built.controller, exercise=built.exercise)
    before = clock.now()
    observation = record_observation(
        actor=built.evaluator,
        exercise=built.exercise,
        objective=built.objectives[0],
        text="  Customs alerted the checkpoints within 12 minutes.  ",
        kind="strength",
        inject=inject,
    )
    row = Observation.objects.get()
    assert row == observation
    assert (row.objective, row.inject, row.kind, row.evaluator) == (
        built.objectives[0],
        inject,
        "strength",
        built.evaluator,
    )
    assert row.text == "Customs alerted the checkpoints within 12 minutes."
    assert before <= row.at <= clock.now()
    entry = AuditEntry.objects.get(action="preparedness.observation.create")
    assert entry.changes == {"objective": 1, "inject": 1, "kind": "strength"}
    assert "Customs" not in str(entry.changes)


def test_observations_go_on_during_evaluation_but_not_in_design(built):
    with pytest.raises(ValidationError) as error:
        record_observation(
            actor=built.evaluator,
            exercise=built.exercise,
            objective=built.objectives[0],
            text="Too early",
            kind="note",
        )
    assert "phase" in error.value.message_dict
    built.exercise.phase = ExercisePhase.EVALUATION
    built.exercise.save()
    record_observation(
        actor=built.evaluator,
        exercise=built.exercise,
        objective=built.objectives[1],
        text="Seen on the recording",
        kind="improvement",
    )
    assert Observation.objects.count() == 1


@pytest.mark.parametrize("who", PEOPLE)
def test_only_the_exercises_evaluators_observe(request, conducting, who):
    built = conducting
    with pytest.raises(PermissionDenied):
        record_observation(
            actor=person(request, built, who),
            exercise=built.exercise,
            objective=built.objectives[0],
            text="Not mine to write",
            kind="note",
        )
    assert not Observation.objects.exists()
    assert denied("preparedness.observation.create") == 1


def test_an_objective_of_another_exercise_or_an_unknown_kind_is_refused(conducting):
    built = conducting
    foreign = ObjectiveFactory(number=1)
    with pytest.raises(ValidationError) as error:
        record_observation(
            actor=built.evaluator,
            exercise=built.exercise,
            objective=foreign,
            text="Wrong objective",
            kind="shrug",
            inject=None,
        )
    assert {"objective", "kind"} <= set(error.value.message_dict)
    assert not Observation.objects.exists()


def test_bad_observations_name_their_fields(conducting):
    built = conducting
    with pytest.raises(ValidationError) as error:
        record_observation(
            actor=built.evaluator,
            exercise=built.exercise,
            objective=built.objectives[0],
            text="   ",
            kind="note",
        )
    assert set(error.value.message_dict) == {"text"}
    with pytest.raises(ValidationError) as error:
        record_observation(
            actor=built.evaluator,
            exercise=built.exercise,
            objective=built.objectives[0],
            text="x" * 4001,
            kind="note",
        )
    assert set(error.value.message_dict) == {"text"}


def test_a_controller_records_a_player_action(conducting):
    built = conducting
    inject = deliver_next(actor=built.controller, exercise=built.exercise)
    action = record_player_action(
        actor=built.controller,
        exercise=built.exercise,
        text="Customs closes lane 3 at the northern crossing.",
        inject=inject,
        agency=built.agency_a,
    )
    row = PlayerAction.objects.get()
    assert row == action
    assert (row.inject, row.agency, row.recorded_by) == (inject, built.agency_a, built.controller)
    assert allowed("preparedness.action.create") == 1


def test_a_player_action_answers_a_delivered_inject_of_a_taking_part_agency(conducting):
    built = conducting
    with pytest.raises(ValidationError) as error:
        record_player_action(
            actor=built.director,
            exercise=built.exercise,
            text="Ahead of time",
            inject=built.injects[1],
            agency=AgencyFactory(code="ZZZ"),
        )
    assert set(error.value.message_dict) == {"inject", "agency"}
    assert not PlayerAction.objects.exists()


@pytest.mark.parametrize("who", ["evaluator", "player", "coordinator", "ex_auditor", "outsider"])
def test_only_controllers_and_the_director_record_actions(request, conducting, who):
    built = conducting
    with pytest.raises(PermissionDenied):
        record_player_action(
            actor=person(request, built, who), exercise=built.exercise, text="Not mine"
        )
    assert not PlayerAction.objects.exists()
    assert denied("preparedness.action.create") == 1


def test_rating_and_re_rating_an_objective(conducting):
    built = conducting
    objective = built.objectives[0]
    rated = rate_objective(
        actor=built.evaluator,
        objective=objective,
        rating="S",
        notes_es="Alerta tardía en un punto.",
        notes_en="",
    )
    assert (rated.rating, rated.rated_by, rated.rating_notes_es) == (
        "S",
        built.evaluator,
        "Alerta tardía en un punto.",
    )
    assert rated.rated_at is not None
    end_conduct(actor=built.director, exercise=built.exercise)
    rate_objective(
        actor=built.evaluator, objective=objective, rating="M", notes_es="", notes_en="Late."
    )
    objective.refresh_from_db()
    assert (objective.rating, objective.rating_notes_en) == ("M", "Late.")
    changes = [
        entry.changes["rating"]
        for entry in AuditEntry.objects.filter(action="preparedness.objective.rate").order_by("seq")
    ]
    assert changes == [[None, "S"], ["S", "M"]]


@pytest.mark.parametrize("rating", ["", "X", "p", "PS", None])
def test_ratings_are_only_p_s_m_u(conducting, rating):
    built = conducting
    with pytest.raises(ValidationError) as error:
        rate_objective(
            actor=built.evaluator,
            objective=built.objectives[0],
            rating=rating,
            notes_es="Motivo",
            notes_en="",
        )
    assert "rating" in error.value.message_dict
    assert ExerciseObjective.objects.get(pk=built.objectives[0].pk).rating == ""


def test_a_rating_needs_its_rationale(conducting):
    built = conducting
    with pytest.raises(ValidationError) as error:
        rate_objective(
            actor=built.evaluator, objective=built.objectives[0], rating="P", notes_es=" "
        )
    assert set(error.value.message_dict) == {"notes_es"}


@pytest.mark.parametrize("who", PEOPLE)
def test_only_the_exercises_evaluators_rate(request, conducting, who):
    built = conducting
    with pytest.raises(PermissionDenied):
        rate_objective(
            actor=person(request, built, who),
            objective=built.objectives[0],
            rating="P",
            notes_es="Bien",
        )
    objective = ExerciseObjective.objects.get(pk=built.objectives[0].pk)
    assert (objective.rating, objective.rated_by) == ("", None)
    assert denied("preparedness.objective.rate") == 1


@pytest.mark.parametrize("who", ["director", "controller", "evaluator", "coordinator"])
def test_the_staff_and_coordinators_write_the_hot_wash(conducting, who):
    built = conducting
    saved = save_hotwash(
        actor=getattr(built, who),
        exercise=built.exercise,
        hotwash_es="La alerta llegó tarde a un punto.",
        hotwash_en="",
    )
    built.exercise.refresh_from_db()
    assert built.exercise.hotwash_es == "La alerta llegó tarde a un punto." == saved.hotwash_es
    entry = AuditEntry.objects.get(action="preparedness.exercise.hotwash")
    assert entry.changes == {"changed": ["hotwash_es"]}


@pytest.mark.parametrize("who", ["player", "ex_auditor", "outsider"])
def test_others_do_not_write_the_hot_wash(request, conducting, who):
    built = conducting
    with pytest.raises(PermissionDenied):
        save_hotwash(
            actor=person(request, built, who),
            exercise=built.exercise,
            hotwash_es="No",
            hotwash_en="No",
        )
    built.exercise.refresh_from_db()
    assert (built.exercise.hotwash_es, built.exercise.hotwash_en) == ("", "")
    assert denied("preparedness.exercise.hotwash") == 1


def test_no_hot_wash_before_conduct(built):
    with pytest.raises(ValidationError) as error:
        save_hotwash(actor=built.director, exercise=built.exercise, hotwash_es="x", hotwash_en="")
    assert "phase" in error.value.message_dict
