"""All or nothing, and one delivery per inject: a delivery whose audit entry fails leaves the
inject undelivered; two controllers delivering "next" at the same moment get two different
injects (PostgreSQL: the lock on the exercise row)."""

import threading

import pytest
from django.db import connections

from nonprolif.core.models import User
from nonprolif.preparedness.conduct import domain
from nonprolif.preparedness.models import Exercise, ExercisePhase, Inject, Observation
from tests.factories import UserFactory
from tests.preparedness.factories import ParticipantFactory

THREADS = 4


class AuditWriteError(Exception):
    pass


def _failing_record(**kwargs):
    raise AuditWriteError("the audit entry could not be written")


@pytest.mark.django_db(transaction=True)
def test_a_failed_delivery_writes_nothing(conducting, monkeypatch):
    built = conducting
    monkeypatch.setattr(domain, "record", _failing_record)
    with pytest.raises(AuditWriteError):
        domain.deliver_next(actor=built.controller, exercise=built.exercise)
    with pytest.raises(AuditWriteError):
        domain.deliver_inject(actor=built.controller, inject=built.injects[2])
    assert not Inject.objects.filter(delivered_at__isnull=False).exists()


@pytest.mark.django_db(transaction=True)
def test_a_failed_start_or_observation_writes_nothing(built, monkeypatch):
    monkeypatch.setattr(domain, "record", _failing_record)
    with pytest.raises(AuditWriteError):
        domain.start_conduct(actor=built.director, exercise=built.exercise)
    exercise = Exercise.objects.get(pk=built.exercise.pk)
    assert (exercise.phase, exercise.conduct_started_at) == (ExercisePhase.DESIGN, None)
    exercise.phase = ExercisePhase.CONDUCT
    exercise.save()
    with pytest.raises(AuditWriteError):
        domain.record_observation(
            actor=built.evaluator,
            exercise=exercise,
            objective=built.objectives[0],
            text="Lost",
            kind="note",
        )
    assert not Observation.objects.exists()


def _at_once(work, count: int) -> list:
    """Run ``work(i)`` in ``count`` threads released together; their results."""
    barrier = threading.Barrier(count)
    results: list = []
    errors: list[BaseException] = []

    def run(index):
        try:
            barrier.wait(timeout=30)
            results.append(work(index))
        except BaseException as error:  # reported below
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert not any(thread.is_alive() for thread in threads)
    assert not errors, errors
    return results


@pytest.mark.django_db(transaction=True)
def test_two_controllers_never_deliver_the_same_inject(postgresql, conducting):
    built = conducting
    controllers = [built.controller] + [
        ParticipantFactory(
            exercise=built.exercise, user=UserFactory(agency=built.agency_a), role="controller"
        ).user
        for _ in range(THREADS - 1)
    ]

    def deliver(index: int) -> int:
        actor = User.objects.get(pk=controllers[index % len(controllers)].pk)
        exercise = Exercise.objects.get(pk=built.exercise.pk)
        return domain.deliver_next(actor=actor, exercise=exercise).pk

    delivered = _at_once(deliver, 3)
    assert sorted(delivered) == sorted(inject.pk for inject in built.injects)
    assert Inject.objects.filter(delivered_at__isnull=False).count() == 3
