"""The design services: creating and changing an exercise, its objectives, its people and
its MSEL; numbering, validation, the phases in which they change, and refusals (audited,
nothing changed)."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from nonprolif.core.models import AuditEntry
from nonprolif.core.models.audit import Outcome
from nonprolif.core.roles import Role
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
from nonprolif.preparedness.models import (
    CoreCapability,
    Exercise,
    ExerciseParticipant,
    ExercisePhase,
    Inject,
)
from tests.factories import AgencyFactory, UserFactory
from tests.preparedness.factories import exercise_with_roles, level

pytestmark = pytest.mark.django_db


def at(hour, minute=0):
    return timezone.make_aware(datetime.datetime(2010, 2, 16, hour, minute))


def capability():
    return CoreCapability.objects.get(code="screening-search-and-detection")


def fields(**overrides):
    values = {
        "title_es": "Fuente robada",
        "title_en": "Stolen source",
        "kind": "tabletop",
        "cbrn_category": CbrnCategory.objects.get(code="RAD"),
        "scenario_es": "Una fuente de cesio robada se traslada al norte.",
        "scenario_en": "A stolen caesium source moves north.",
        "starts_on": datetime.date(2010, 2, 16),
        "ends_on": datetime.date(2010, 2, 16),
        "venue": "Ciudad de México",
        "classification": level("U"),
    }
    values.update(overrides)
    return values


def denied(action):
    return AuditEntry.objects.filter(action=action, outcome=Outcome.DENIED).count()


def test_a_coordinator_creates_an_exercise_of_program_agencies_audited():
    built = exercise_with_roles()
    exercise = create_exercise(
        actor=built.coordinator,
        program=built.program,
        agencies=[built.agency_a, built.agency_b],
        **fields(),
    )
    assert exercise.phase == ExercisePhase.DESIGN
    assert set(exercise.agencies.all()) == {built.agency_a, built.agency_b}
    entry = AuditEntry.objects.get(action="preparedness.exercise.create")
    assert entry.changes["agencies"] == ["EXA", "EXB"]
    assert entry.object_repr == exercise.code


def test_an_exercise_takes_only_agencies_of_its_program():
    built = exercise_with_roles()
    stranger = AgencyFactory(code="ZZZ")
    with pytest.raises(ValidationError) as error:
        create_exercise(
            actor=built.coordinator, program=built.program, agencies=[stranger], **fields()
        )
    assert "agencies" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        create_exercise(actor=built.coordinator, program=built.program, agencies=[], **fields())
    assert "agencies" in error.value.message_dict


def test_the_classification_is_at_most_the_creators_clearance_unless_the_lowest():
    built = exercise_with_roles()
    with pytest.raises(ValidationError) as error:
        create_exercise(
            actor=built.coordinator,
            program=built.program,
            agencies=[built.agency_a],
            **fields(classification=level("C")),
        )
    assert "classification" in error.value.message_dict
    built.coordinator.clearance = level("S")
    built.coordinator.save()
    exercise = create_exercise(
        actor=built.coordinator,
        program=built.program,
        agencies=[built.agency_a],
        **fields(classification=level("C")),
    )
    assert exercise.classification.code == "C"


def test_bad_dates_name_the_field_and_write_nothing():
    built = exercise_with_roles()
    before = Exercise.objects.count()
    with pytest.raises(ValidationError):
        create_exercise(
            actor=built.coordinator,
            program=built.program,
            agencies=[built.agency_a],
            **fields(ends_on=datetime.date(2010, 2, 1), title_es=""),
        )
    assert Exercise.objects.count() == before


def test_only_a_coordinator_creates_and_a_refusal_is_audited():
    built = exercise_with_roles()
    before = Exercise.objects.count()
    for user in (built.director, UserFactory(roles=[Role.AUDITOR])):
        with pytest.raises(PermissionDenied):
            create_exercise(
                actor=user, program=built.program, agencies=[built.agency_a], **fields()
            )
    assert Exercise.objects.count() == before
    assert denied("preparedness.exercise.create") == 2


def test_the_director_changes_the_exercise_and_a_player_may_not():
    built = exercise_with_roles()
    update_exercise(actor=built.director, exercise=built.exercise, venue="Monterrey")
    built.exercise.refresh_from_db()
    assert built.exercise.venue == "Monterrey"
    entry = AuditEntry.objects.get(action="preparedness.exercise.update")
    assert entry.changes == {"venue": "changed"}
    with pytest.raises(PermissionDenied):
        update_exercise(actor=built.player, exercise=built.exercise, venue="Tijuana")
    built.exercise.refresh_from_db()
    assert built.exercise.venue == "Monterrey"
    assert denied("preparedness.exercise.update") == 1


def test_an_auditor_changes_nothing():
    built = exercise_with_roles()
    auditor = UserFactory(roles=[Role.AUDITOR])
    with pytest.raises(PermissionDenied):
        add_objective(
            actor=auditor,
            exercise=built.exercise,
            text_es="x",
            text_en="x",
            capabilities=[capability()],
        )
    assert built.exercise.objectives.count() == 2
    assert denied("preparedness.objective.add") == 1


def test_the_design_no_longer_changes_from_evaluation_on():
    built = exercise_with_roles()
    Exercise.objects.filter(pk=built.exercise.pk).update(phase=ExercisePhase.EVALUATION)
    with pytest.raises(ValidationError) as error:
        update_exercise(actor=built.coordinator, exercise=built.exercise, venue="Monterrey")
    assert "phase" in error.value.message_dict
    with pytest.raises(ValidationError):
        add_inject(actor=built.coordinator, exercise=built.exercise, **inject_fields())


def test_objectives_are_numbered_next_and_mapped_to_capabilities():
    built = exercise_with_roles()
    objective = add_objective(
        actor=built.director,
        exercise=built.exercise,
        text_es="Detectar la fuente",
        text_en="Detect the source",
        capabilities=[capability()],
    )
    assert objective.number == 3
    assert list(objective.capabilities.all()) == [capability()]
    with pytest.raises(ValidationError) as error:
        add_objective(
            actor=built.director, exercise=built.exercise, text_es="", text_en="", capabilities=[]
        )
    assert {"capabilities", "text_es", "text_en"} <= set(error.value.message_dict)
    other = CoreCapability.objects.exclude(pk=capability().pk).first()
    update_objective(
        actor=built.director, objective=objective, text_en="Find it", capabilities=[other]
    )
    objective.refresh_from_db()
    assert objective.text_en == "Find it"
    assert list(objective.capabilities.all()) == [other]


def test_an_objective_named_by_an_inject_is_not_removed():
    built = exercise_with_roles()
    with pytest.raises(ValidationError):
        remove_objective(actor=built.coordinator, objective=built.objectives[0])
    Inject.objects.filter(exercise=built.exercise).update(objective=None)
    remove_objective(actor=built.coordinator, objective=built.objectives[0])
    assert list(built.exercise.objectives.values_list("number", flat=True)) == [2]
    objective = add_objective(
        actor=built.coordinator,
        exercise=built.exercise,
        text_es="Otro",
        text_en="Another",
        capabilities=[capability()],
    )
    assert objective.number == 3


def test_a_participant_is_of_an_exercise_agency_or_a_coordinator_active_and_cleared():
    built = exercise_with_roles()
    added = add_participant(
        actor=built.director, exercise=built.exercise, user=built.player, role="evaluator"
    )
    assert added.role == "evaluator"
    add_participant(
        actor=built.director, exercise=built.exercise, user=built.coordinator, role="controller"
    )
    with pytest.raises(ValidationError) as error:
        add_participant(
            actor=built.director, exercise=built.exercise, user=built.outsider, role="player"
        )
    assert "user" in error.value.message_dict
    inactive = UserFactory(agency=built.agency_a, is_active=False)
    with pytest.raises(ValidationError):
        add_participant(actor=built.director, exercise=built.exercise, user=inactive, role="player")
    with pytest.raises(ValidationError) as error:
        add_participant(
            actor=built.director, exercise=built.exercise, user=built.player, role="evaluator"
        )
    assert "user" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        add_participant(
            actor=built.director, exercise=built.exercise, user=built.player, role="boss"
        )
    assert "role" in error.value.message_dict


def test_a_participant_of_a_classified_exercise_is_cleared_for_it():
    built = exercise_with_roles(classification=level("C"))
    newcomer = UserFactory(agency=built.agency_a, roles=[Role.LIAISON])
    with pytest.raises(ValidationError):
        add_participant(
            actor=built.coordinator, exercise=built.exercise, user=newcomer, role="player"
        )
    newcomer.clearance = level("C")
    newcomer.save()
    add_participant(actor=built.coordinator, exercise=built.exercise, user=newcomer, role="player")


def test_a_player_cannot_give_roles_and_the_refusal_is_audited():
    built = exercise_with_roles()
    with pytest.raises(PermissionDenied):
        add_participant(
            actor=built.player, exercise=built.exercise, user=built.player, role="director"
        )
    assert not ExerciseParticipant.objects.filter(user=built.player, role="director").exists()
    assert denied("preparedness.participant.add") == 1
    participant = ExerciseParticipant.objects.get(user=built.evaluator)
    with pytest.raises(PermissionDenied):
        remove_participant(actor=built.player, participant=participant)
    assert ExerciseParticipant.objects.filter(pk=participant.pk).exists()
    remove_participant(actor=built.director, participant=participant)
    assert not ExerciseParticipant.objects.filter(pk=participant.pk).exists()


def inject_fields(**overrides):
    values = {
        "scheduled_at": at(11),
        "synopsis_es": "Reporte de la fuente",
        "synopsis_en": "Source report",
        "sender": "SIMCELL",
        "recipient": "SSP",
        "expected_action_es": "Alertar",
        "expected_action_en": "Alert",
    }
    values.update(overrides)
    return values


def test_injects_are_numbered_next_and_their_objective_is_the_exercises():
    built = exercise_with_roles()
    inject = add_inject(
        actor=built.director,
        exercise=built.exercise,
        **inject_fields(objective=built.objectives[1]),
    )
    assert inject.number == 4
    foreign = built.objectives[0].__class__.objects.create(
        exercise=Exercise.objects.create(
            program=built.program,
            title_es="Otro",
            title_en="Other",
            kind="drill",
            cbrn_category=built.exercise.cbrn_category,
            scenario_es="x",
            scenario_en="x",
            starts_on=built.exercise.starts_on,
            ends_on=built.exercise.ends_on,
            venue="x",
            classification=level("U"),
        ),
        number=1,
        text_es="x",
        text_en="x",
    )
    with pytest.raises(ValidationError) as error:
        add_inject(
            actor=built.director, exercise=built.exercise, **inject_fields(objective=foreign)
        )
    assert "objective" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        add_inject(
            actor=built.director,
            exercise=built.exercise,
            **inject_fields(scheduled_at=at(11) + datetime.timedelta(days=3)),
        )
    assert "scheduled_at" in error.value.message_dict
    assert built.exercise.injects.count() == 4


def test_a_delivered_inject_is_neither_changed_nor_removed():
    built = exercise_with_roles()
    inject = built.injects[0]
    Inject.objects.filter(pk=inject.pk).update(delivered_at=at(9, 20))
    with pytest.raises(ValidationError):
        update_inject(actor=built.director, inject=inject, sender="Otro")
    with pytest.raises(ValidationError):
        remove_inject(actor=built.director, inject=inject)
    inject.refresh_from_db()
    assert inject.sender == "SIMCELL"
    second = built.injects[1]
    update_inject(actor=built.director, inject=second, sender="CISEN", scheduled_at=at(10))
    second.refresh_from_db()
    assert (second.sender, second.scheduled_at) == ("CISEN", at(10))
    remove_inject(actor=built.director, inject=second)
    assert not Inject.objects.filter(pk=second.pk).exists()


def test_a_controller_does_not_change_the_msel_and_the_refusal_is_audited():
    built = exercise_with_roles()
    inject = built.injects[0]
    with pytest.raises(PermissionDenied):
        update_inject(actor=built.controller, inject=inject, sender="Otro")
    inject.refresh_from_db()
    assert inject.sender == "SIMCELL"
    assert denied("preparedness.inject.update") == 1
