"""Delivering the MSEL's injects during conduct: in order (scheduled time, then number), by
hand out of order, never before conduct starts, never twice; who may."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from nonprolif.core.models import AuditEntry
from nonprolif.preparedness.conduct.domain import (
    deliver_inject,
    deliver_next,
    end_conduct,
    start_conduct,
)
from nonprolif.preparedness.models import ExercisePhase, Inject
from tests.preparedness.conduct.conftest import allowed, denied
from tests.preparedness.factories import InjectFactory

pytestmark = pytest.mark.django_db


def delivered_numbers(exercise) -> list[int]:
    return list(
        Inject.objects.filter(exercise=exercise, delivered_at__isnull=False)
        .order_by("delivered_at", "pk")
        .values_list("number", flat=True)
    )


def test_start_conduct_moves_design_to_conduct(built):
    exercise = start_conduct(actor=built.director, exercise=built.exercise)
    built.exercise.refresh_from_db()
    assert built.exercise.phase == ExercisePhase.CONDUCT == exercise.phase
    assert built.exercise.conduct_started_at is not None
    entry = AuditEntry.objects.get(action="preparedness.exercise.start_conduct")
    assert entry.changes["phase"] == ["design", "conduct"]
    with pytest.raises(ValidationError) as error:
        start_conduct(actor=built.coordinator, exercise=built.exercise)
    assert "phase" in error.value.message_dict


def test_deliver_next_follows_the_msel_order_not_the_numbers(built):
    # Inject 4 is scheduled before inject 1: the MSEL's order is its time, then its number.
    early = InjectFactory(
        exercise=built.exercise,
        number=4,
        scheduled_at=timezone.make_aware(datetime.datetime(2010, 2, 16, 9, 0)),
    )
    same_time = InjectFactory(
        exercise=built.exercise, number=5, scheduled_at=built.injects[2].scheduled_at
    )
    start_conduct(actor=built.coordinator, exercise=built.exercise)
    got = [deliver_next(actor=built.controller, exercise=built.exercise).number for _ in range(5)]
    assert got == [early.number, 1, 2, 3, same_time.number]
    assert delivered_numbers(built.exercise) == [4, 1, 2, 3, 5]
    inject = Inject.objects.get(pk=built.injects[0].pk)
    assert inject.delivered_by == built.controller
    assert allowed("preparedness.inject.deliver") == 5
    with pytest.raises(ValidationError) as error:
        deliver_next(actor=built.controller, exercise=built.exercise)
    assert "inject" in error.value.message_dict
    assert allowed("preparedness.inject.deliver") == 5


def test_by_hand_out_of_order_then_next_skips_what_was_delivered(conducting):
    built = conducting
    third = deliver_inject(actor=built.director, inject=built.injects[2])
    assert third.delivered_at is not None
    assert [deliver_next(actor=built.controller, exercise=built.exercise).number for _ in "ab"] == [
        1,
        2,
    ]
    with pytest.raises(ValidationError):
        deliver_next(actor=built.controller, exercise=built.exercise)
    entry = AuditEntry.objects.filter(action="preparedness.inject.deliver").order_by("seq").first()
    assert entry.changes["how"] == "hand"
    assert entry.changes["number"] == 3


def test_nothing_is_delivered_before_conduct_starts_or_after_it_ends(built):
    for attempt in (
        lambda: deliver_next(actor=built.controller, exercise=built.exercise),
        lambda: deliver_inject(actor=built.controller, inject=built.injects[0]),
    ):
        with pytest.raises(ValidationError) as error:
            attempt()
        assert "phase" in error.value.message_dict
    assert delivered_numbers(built.exercise) == []
    start_conduct(actor=built.director, exercise=built.exercise)
    deliver_next(actor=built.controller, exercise=built.exercise)
    end_conduct(actor=built.director, exercise=built.exercise)
    with pytest.raises(ValidationError):
        deliver_next(actor=built.controller, exercise=built.exercise)
    assert delivered_numbers(built.exercise) == [1]


def test_an_inject_is_never_delivered_twice(conducting):
    built = conducting
    stale = Inject.objects.get(pk=built.injects[0].pk)
    deliver_next(actor=built.controller, exercise=built.exercise)
    first = Inject.objects.get(pk=stale.pk).delivered_at
    # A second controller's screen still shows inject 1 undelivered.
    with pytest.raises(ValidationError) as error:
        deliver_inject(actor=built.director, inject=stale)
    assert "inject" in error.value.message_dict
    again = Inject.objects.get(pk=stale.pk)
    assert again.delivered_at == first
    assert again.delivered_by == built.controller
    assert allowed("preparedness.inject.deliver") == 1


@pytest.mark.parametrize("who", ["evaluator", "player", "coordinator", "ex_auditor", "outsider"])
def test_only_controllers_and_the_director_deliver(request, conducting, who):
    built = conducting
    user = request.getfixturevalue("ex_auditor") if who == "ex_auditor" else getattr(built, who)
    with pytest.raises(PermissionDenied):
        deliver_next(actor=user, exercise=built.exercise)
    with pytest.raises(PermissionDenied):
        deliver_inject(actor=user, inject=built.injects[1])
    assert delivered_numbers(built.exercise) == []
    assert denied("preparedness.inject.deliver") == 2


@pytest.mark.parametrize("who", ["controller", "evaluator", "player", "ex_auditor", "outsider"])
def test_only_the_director_or_a_coordinator_starts_and_ends_conduct(request, built, who):
    user = request.getfixturevalue("ex_auditor") if who == "ex_auditor" else getattr(built, who)
    with pytest.raises(PermissionDenied):
        start_conduct(actor=user, exercise=built.exercise)
    built.exercise.refresh_from_db()
    assert built.exercise.phase == ExercisePhase.DESIGN
    assert built.exercise.conduct_started_at is None
    assert denied("preparedness.exercise.start_conduct") == 1
    start_conduct(actor=built.director, exercise=built.exercise)
    with pytest.raises(PermissionDenied):
        end_conduct(actor=user, exercise=built.exercise)
    built.exercise.refresh_from_db()
    assert built.exercise.phase == ExercisePhase.CONDUCT
    assert denied("preparedness.exercise.end_conduct") == 1


def test_end_conduct_moves_to_evaluation(conducting):
    built = conducting
    exercise = end_conduct(actor=built.coordinator, exercise=built.exercise)
    assert exercise.phase == ExercisePhase.EVALUATION
    assert exercise.conduct_ended_at is not None
    entry = AuditEntry.objects.get(action="preparedness.exercise.end_conduct")
    assert entry.changes["undelivered"] == 3
    with pytest.raises(ValidationError):
        end_conduct(actor=built.coordinator, exercise=built.exercise)
