"""Who reads an exercise (``Exercise.objects.visible_to``): its agencies and its people, and
coordinators and auditors; above the lowest level only with a clearance at least its level,
whatever the role."""

import pytest

from nonprolif.core.roles import Role
from nonprolif.preparedness.models import Exercise
from tests.factories import UserFactory
from tests.preparedness.factories import ParticipantFactory, exercise_with_roles, level

pytestmark = pytest.mark.django_db


def visible(user):
    return set(Exercise.objects.visible_to(user))


def test_the_agencies_and_people_of_an_exercise_read_it_and_an_outsider_does_not():
    built = exercise_with_roles()
    for who in ("director", "controller", "evaluator", "player", "coordinator"):
        assert visible(getattr(built, who)) == {built.exercise}, who
    assert visible(built.outsider) == set()
    auditor = UserFactory(roles=[Role.AUDITOR])
    assert visible(auditor) == {built.exercise}


def test_a_role_in_the_exercise_is_enough_without_the_agency():
    built = exercise_with_roles()
    ParticipantFactory(exercise=built.exercise, user=built.outsider, role="evaluator")
    assert visible(built.outsider) == {built.exercise}


def test_a_classified_exercise_needs_the_clearance_whatever_the_role():
    built = exercise_with_roles(classification=level("C"))
    assert visible(built.coordinator) == set()
    assert visible(built.evaluator) == set()
    built.evaluator.clearance = level("SBU")
    built.evaluator.save()
    assert visible(built.evaluator) == set()
    built.evaluator.clearance = level("S")
    built.evaluator.save()
    assert visible(built.evaluator) == {built.exercise}
    built.coordinator.clearance = level("C")
    built.coordinator.save()
    assert visible(built.coordinator) == {built.exercise}


def test_nobody_signed_out_and_no_inactive_user():
    from django.contrib.auth.models import AnonymousUser

    built = exercise_with_roles()
    assert visible(AnonymousUser()) == set()
    built.player.is_active = False
    built.player.save()
    assert visible(built.player) == set()
