"""The AAR/IP as data: every section read from the database, in the report's language; a
change in the database changes the report."""

import pytest
from django.utils import translation

from nonprolif.preparedness.aar.facts import aar_facts
from nonprolif.preparedness.models import ObservationKind, Rating
from tests.preparedness.factories import ObservationFactory

pytestmark = pytest.mark.django_db


def facts(built, lang="en", user=None):
    return aar_facts(exercise=built.exercise, user=user or built.coordinator, language=lang)


def test_the_overview_comes_from_the_exercise_in_each_language(evaluated):
    english, spanish = facts(evaluated, "en"), facts(evaluated, "es")
    assert english.title == evaluated.exercise.title_en
    assert spanish.title == evaluated.exercise.title_es
    assert english.scenario == evaluated.exercise.scenario_en
    assert spanish.scenario == evaluated.exercise.scenario_es
    assert english.cbrn_category == evaluated.exercise.cbrn_category.name_en
    assert spanish.cbrn_category == evaluated.exercise.cbrn_category.name_es
    assert english.marking == evaluated.exercise.classification.name_en.upper()
    assert spanish.marking == evaluated.exercise.classification.name_es.upper()
    assert english.venue == "Ciudad de México"
    assert english.agencies == [evaluated.agency_a.name_en, evaluated.agency_b.name_en]
    assert [count for _role, count in english.people] == [1, 1, 1, 1]


def test_the_objectives_carry_capabilities_ratings_and_findings(evaluated):
    report = facts(evaluated, "en")
    first, second = report.objectives
    assert first.rating == "S"
    with translation.override("en"):
        assert first.rating_label == str(Rating.S.label)
    assert first.rationale == "Performed with some coordination challenges."
    assert first.capabilities == [evaluated.objectives[0].capabilities.get().name_en]
    assert [o.text for o in first.strengths] == [evaluated.strength.text]
    assert first.strengths[0].evaluator == evaluated.evaluator.username
    assert first.strengths[0].inject == 1
    assert [o.text for o in first.improvements] == [evaluated.weakness.text]
    assert second.rating == ""
    assert second.strengths == []
    assert second.improvements == []
    assert facts(evaluated, "es").objectives[0].rationale == (
        "Se cumplió con algunos retos de coordinación."
    )


def test_the_msel_summary_and_counts(evaluated):
    report = facts(evaluated)
    assert (report.injects_delivered, report.injects_planned) == (2, 3)
    assert report.first_delivery
    assert report.last_delivery
    assert report.first_delivery != report.last_delivery
    assert report.player_actions == 1
    assert report.observations == 3
    assert report.hotwash == "Players asked for a directory of CBRN liaisons."


def test_the_improvement_plan_and_the_ratings_summary(evaluated):
    report = facts(evaluated)
    [action] = report.plan
    assert action.title == "Include Health in the alert chain"
    assert action.owner_agency == evaluated.agency_b.name_en
    assert action.objective.startswith("1. ")
    assert action.training_need is True
    assert action.status == "open"
    assert action.proposal_item == ""
    assert {r.code: r.count for r in report.ratings} == {"P": 0, "S": 1, "M": 0, "U": 0}
    assert report.unrated == 1


def test_a_new_rating_or_observation_changes_the_report(evaluated):
    objective = evaluated.objectives[1]
    objective.rating = "U"
    objective.save()
    ObservationFactory(
        exercise=evaluated.exercise,
        objective=objective,
        kind=ObservationKind.IMPROVEMENT,
        text="No se activó el protocolo de frontera.",
        evaluator=evaluated.evaluator,
    )
    report = facts(evaluated)
    assert {r.code: r.count for r in report.ratings} == {"P": 0, "S": 1, "M": 0, "U": 1}
    assert report.unrated == 0
    assert [o.text for o in report.objectives[1].improvements] == [
        "No se activó el protocolo de frontera."
    ]


def test_the_plan_lists_only_what_the_reader_may_see(evaluated):
    from nonprolif.preparedness.models import ExerciseParticipant

    # An evaluator of an agency that is not the exercise's reads the exercise (his role),
    # not the after-action meeting's action items.
    ExerciseParticipant.objects.create(
        exercise=evaluated.exercise, user=evaluated.outsider, role="evaluator"
    )
    assert facts(evaluated, user=evaluated.outsider).plan == []
    assert len(facts(evaluated, user=evaluated.player).plan) == 1


def test_the_report_costs_the_same_queries_for_more_rows(evaluated, count_queries):
    one, _ = count_queries(lambda: facts(evaluated))
    for n in range(3):
        ObservationFactory(
            exercise=evaluated.exercise,
            objective=evaluated.objectives[1],
            kind=ObservationKind.STRENGTH,
            text=f"Fortaleza {n}",
            evaluator=evaluated.evaluator,
        )
    more, _ = count_queries(lambda: facts(evaluated))
    assert more == one
