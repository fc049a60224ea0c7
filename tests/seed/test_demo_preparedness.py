"""The preparedness demo: a tabletop of February 2010 on a stolen iridium-192 source, from its
MSEL to its improvement plan, and the 1540 matrix partly filled with its action plan."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from nonprolif.core.models import AuditEntry, User
from nonprolif.events.models import ActionItem, ActionItemChange, ActionStatus
from nonprolif.preparedness.models import (
    ActionPlan,
    CorrectiveAction,
    Exercise,
    ExerciseKind,
    ExercisePhase,
    Inject,
    MatrixEntry,
    MatrixRow,
    MatrixStatus,
    Observation,
    ObservationKind,
    ParticipantRole,
    PlayerAction,
)
from nonprolif.program.models import Program
from nonprolif.seed.demo import load_demo_document
from nonprolif.seed.demo.preparedness import demo_matrix, load_demo_matrix
from nonprolif.seed.loader.result import SeedResult

TITLE = "Ejercicio de mesa «Fuente Perdida»: una fuente de iridio-192 robada rumbo al norte"
AGENCIES = {"SEGOB", "CISEN", "SSP", "SEDENA", "SEMAR", "ADUANAS", "PGR", "SS"}
MEASURES = [
    *(f"1.{n}" for n in range(1, 3)),
    *(f"2.{n}" for n in range(1, 13)),
    *(f"3.{n}" for n in range(1, 15)),
]


@pytest.fixture
def exercise(demo):
    return Exercise.objects.get(program__code="mx-2009", title_es=TITLE)


def people(exercise, role):
    return set(exercise.participants.filter(role=role).values_list("user__username", flat=True))


def test_a_tabletop_in_february_2010_on_a_stolen_radiological_source_with_eight_agencies(
    exercise,
):
    assert exercise.kind == ExerciseKind.TABLETOP
    assert exercise.phase == ExercisePhase.IMPROVEMENT
    assert (exercise.starts_on, exercise.ends_on) == (
        datetime.date(2010, 2, 16),
        datetime.date(2010, 2, 17),
    )
    assert exercise.cbrn_category.code == "RAD"
    assert exercise.classification.code == "SBU"
    assert "iridio-192" in exercise.scenario_es
    assert "iridium-192" in exercise.scenario_en
    assert "Ciudad de México" in exercise.venue
    assert {a.code for a in exercise.agencies.all()} == AGENCIES
    assert exercise.conduct_started_at < exercise.conduct_ended_at


def test_the_people_in_roles_are_demo_logins_who_can_read_the_exercise(exercise):
    assert people(exercise, ParticipantRole.DIRECTOR) == {"coordinador"}
    assert people(exercise, ParticipantRole.CONTROLLER) == {"enlace-sedena"}
    assert people(exercise, ParticipantRole.EVALUATOR) == {"enlace-semar", "enlace-aduanas"}
    players = people(exercise, ParticipantRole.PLAYER)
    assert len(players) >= 4
    everyone = {p.user for p in exercise.participants.select_related("user")}
    for user in everyone:
        assert Exercise.objects.visible_to(user).filter(pk=exercise.pk).exists(), user
    for outsider in ("legat", "analista-legat", "analista-segob"):  # partner; clearance U
        user = User.objects.get(username=outsider)
        assert not Exercise.objects.visible_to(user).filter(pk=exercise.pk).exists(), outsider


def test_the_objectives_map_to_core_capabilities_and_are_rated_with_a_mix_of_ratings(exercise):
    objectives = list(exercise.objectives.prefetch_related("capabilities"))
    assert [o.number for o in objectives] == [1, 2, 3, 4, 5]
    codes = {c.code for o in objectives for c in o.capabilities.all()}
    assert {
        "intelligence-and-information-sharing",
        "screening-search-and-detection",
        "interdiction-and-disruption",
        "operational-coordination",
        "public-information-and-warning",
    } <= codes
    ratings = [o.rating for o in objectives]
    assert set(ratings) == {"P", "S", "M", "U"}
    assert ratings.count("U") == 1
    evaluators = people(exercise, ParticipantRole.EVALUATOR)
    for objective in objectives:
        assert objective.rated_by.username in evaluators
        assert objective.rating_notes_es
        assert objective.rating_notes_en
        assert objective.rated_at.date() > exercise.ends_on - datetime.timedelta(days=1)


def test_the_msel_has_fifteen_injects_delivered_in_order_each_tied_to_an_objective(exercise):
    injects = list(Inject.objects.filter(exercise=exercise).select_related("objective"))
    assert [i.number for i in injects] == list(range(1, 16))  # the MSEL's order
    times = [i.scheduled_at for i in injects]
    assert times == sorted(times)
    assert {t.date() for t in times} == {datetime.date(2010, 2, 16), datetime.date(2010, 2, 17)}
    for inject in injects:
        assert inject.objective.exercise_id == exercise.pk
        assert inject.delivered_by.username == "enlace-sedena"
        assert inject.delivered_at == inject.scheduled_at
        assert inject.sender
        assert inject.recipient
    assert any(i.sender == "SIMCELL" for i in injects)
    assert {o.number for o in exercise.objectives.filter(injects__isnull=False)} == {1, 2, 3, 4, 5}


def test_players_actions_and_about_twenty_observations_by_the_evaluators_during_conduct(
    exercise,
):
    start, end = exercise.conduct_started_at, exercise.conduct_ended_at
    actions = PlayerAction.objects.filter(exercise=exercise)
    assert actions.count() >= 10
    assert all(start <= a.at <= end and a.recorded_by.username == "enlace-sedena" for a in actions)
    observations = list(Observation.objects.filter(exercise=exercise).select_related("evaluator"))
    assert 18 <= len(observations) <= 22
    evaluators = people(exercise, ParticipantRole.EVALUATOR)
    assert {o.evaluator.username for o in observations} == evaluators
    assert all(start <= o.at <= end for o in observations)
    kinds = {o.kind for o in observations}
    assert {ObservationKind.STRENGTH, ObservationKind.IMPROVEMENT} <= kinds
    assert {o.objective.number for o in observations} == {1, 2, 3, 4, 5}
    assert exercise.hotwash_es
    assert exercise.hotwash_en


def test_the_improvement_plan_lives_as_action_items_of_the_after_action_meeting(exercise):
    meeting = exercise.after_action_meeting
    assert meeting.title_es.startswith("Reunión posterior al ejercicio: ")
    assert meeting.program_id == exercise.program_id
    assert {a.code for a in meeting.agencies.all()} == AGENCIES
    corrective = list(
        CorrectiveAction.objects.filter(exercise=exercise).select_related(
            "action_item__owner_agency", "objective", "capability"
        )
    )
    assert len(corrective) == 4
    items = [ca.action_item for ca in corrective]
    assert all(item.meeting_id == meeting.pk for item in items)
    assert {item.status for item in items} == {
        ActionStatus.OPEN,
        ActionStatus.IN_PROGRESS,
        ActionStatus.DONE,
    }
    assert all(item.due_date.year == 2010 for item in items)
    assert len({item.owner_agency.code for item in items}) == 4
    assert all(item.owner_agency.code in AGENCIES for item in items)
    for item in items:
        history = ActionItemChange.objects.filter(action_item=item).order_by("at", "pk")
        assert history[0].changes["status"] == [None, "open"]
        if item.status == ActionStatus.DONE:
            assert item.closed_at is not None
            assert history.last().changes["status"] == ["open", "done"]
    needs = [ca for ca in corrective if ca.training_need]
    assert len(needs) == 1
    assert needs[0].proposal_item is None  # left for the demo user to propose
    assert needs[0].action_item.status == ActionStatus.OPEN
    assert all(ca.objective.exercise_id == exercise.pk and ca.capability for ca in corrective)


def test_every_text_of_the_exercise_is_in_spanish_and_english(exercise):
    def both(es, en):
        assert es
        assert en
        assert es != en

    both(exercise.title_es, exercise.title_en)
    both(exercise.scenario_es, exercise.scenario_en)
    both(exercise.hotwash_es, exercise.hotwash_en)
    for objective in exercise.objectives.all():
        both(objective.text_es, objective.text_en)
        both(objective.rating_notes_es, objective.rating_notes_en)
    for inject in exercise.injects.all():
        both(inject.synopsis_es, inject.synopsis_en)
        both(inject.expected_action_es, inject.expected_action_en)
    meeting = exercise.after_action_meeting
    both(meeting.title_es, meeting.title_en)
    for item in ActionItem.objects.filter(meeting=meeting):
        both(item.title_es, item.title_en)


def test_loading_the_preparedness_demo_again_changes_nothing(demo, demo_doc):
    before = (
        AuditEntry.objects.count(),
        ActionItemChange.objects.count(),
        Observation.objects.count(),
        MatrixEntry.objects.count(),
    )
    result = load_demo_document(demo_doc)
    assert not result.changed
    after = (
        AuditEntry.objects.count(),
        ActionItemChange.objects.count(),
        Observation.objects.count(),
        MatrixEntry.objects.count(),
    )
    assert after == before


@pytest.fixture
def matrix_rows(demo):
    """The 84 rows of the matrix: the deployment's own when it has them, made here when not."""
    if not MatrixRow.objects.exists():
        MatrixRow.objects.bulk_create(
            MatrixRow(
                code=f"{measure}.{weapon}",
                paragraph=int(measure[0]),
                section_es=f"Párrafo dispositivo {measure[0]}",
                section_en=f"Operative paragraph {measure[0]}",
                measure=measure,
                weapon=weapon,
                text_es=f"Medida {measure} ({weapon})",
                text_en=f"Measure {measure} ({weapon})",
                position=position,
            )
            for position, (measure, weapon) in enumerate(
                ((m, w) for m in MEASURES for w in ("NW", "CW", "BW")), start=1
            )
        )
    return MatrixRow.objects.all()


def load_matrix():
    program = Program.objects.get(code="mx-2009")
    result = SeedResult()
    load_demo_matrix(
        program=program,
        coordinator=User.objects.get(username="coordinador"),
        result=result,
        actor=None,
    )
    return program, result


def test_the_matrix_is_about_sixty_per_cent_filled_with_every_status(matrix_rows):
    program, _ = load_matrix()
    assert matrix_rows.count() == 84
    entries = MatrixEntry.objects.filter(program=program).select_related("row", "agency")
    filled = [e for e in entries if e.status]
    assert 0.55 <= len(filled) / 84 <= 0.65
    assert {e.status for e in filled} == {
        MatrixStatus.YES,
        MatrixStatus.UNCLEAR,
        MatrixStatus.NOT_APPLICABLE,
    }
    assert {e.row.paragraph for e in filled} == {1, 2, 3}
    for entry in filled:
        assert entry.legal_reference
        assert entry.citation.startswith("art. ")
        assert entry.agency is not None
    assert len({e.agency.code for e in filled}) >= 5
    assert sorted(e.row.code for e in filled) == sorted(code for code, *_ in demo_matrix())


def test_the_action_plan_has_three_items_linked_to_entries(matrix_rows):
    program, _ = load_matrix()
    plan = ActionPlan.objects.get(program=program)
    assert plan.meeting.title_es == "Plan nacional de acción 1540"
    items = list(ActionItem.objects.filter(meeting=plan.meeting))
    assert len(items) == 3
    for item in items:
        linked = item.matrix_entries.filter(program=program)
        assert linked.exists()
        assert all(entry.status for entry in linked)
        assert item.owner_agency in plan.meeting.agencies.all()
        assert ActionItemChange.objects.filter(action_item=item).exists()
    _, again = load_matrix()
    assert not again.changed


def test_a_matrix_row_the_demo_names_that_is_missing_is_refused_naming_it(matrix_rows):
    row = MatrixRow.objects.get(code="3.7.BW")
    MatrixEntry.objects.filter(row=row).delete()
    row.delete()
    before = (MatrixEntry.objects.count(), AuditEntry.objects.count())
    with pytest.raises(ValidationError) as error:
        load_matrix()
    assert list(error.value.message_dict) == ["preparedness.matrix.3.7.BW"]
    assert (MatrixEntry.objects.count(), AuditEntry.objects.count()) == before
