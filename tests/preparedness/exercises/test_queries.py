"""The selectors: my exercises (upcoming first), the list's filters through the selector,
and pages whose query counts do not grow with the rows."""

import datetime

import pytest
from django.urls import reverse

from nonprolif.preparedness.exercises.queries import exercises_for, my_exercises
from tests.preparedness.factories import (
    ExerciseFactory,
    ParticipantFactory,
    exercise_with_roles,
)

pytestmark = pytest.mark.django_db


def test_my_exercises_are_those_with_a_role_upcoming_first(settings):
    settings.NONPROLIF_TODAY = datetime.date(2010, 2, 1)
    built = exercise_with_roles()  # 16 February 2010
    later = ExerciseFactory(
        program=built.program,
        starts_on=datetime.date(2010, 6, 1),
        ends_on=datetime.date(2010, 6, 2),
    )
    past = ExerciseFactory(
        program=built.program,
        starts_on=datetime.date(2009, 11, 1),
        ends_on=datetime.date(2009, 11, 1),
    )
    older = ExerciseFactory(
        program=built.program,
        starts_on=datetime.date(2009, 9, 1),
        ends_on=datetime.date(2009, 9, 1),
    )
    ExerciseFactory(program=built.program)  # no role in it
    for exercise in (later, past, older):
        ParticipantFactory(exercise=exercise, user=built.player, role="player")
    assert list(my_exercises(built.player)) == [built.exercise, later, past, older]
    assert list(my_exercises(built.outsider)) == []


def test_the_filters_narrow_the_visible_exercises():
    built = exercise_with_roles()
    assert list(exercises_for(built.player, q="no such words")) == []
    assert list(exercises_for(built.player, phase="nope")) == []
    assert list(exercises_for(built.outsider, q=built.exercise.code)) == []


def test_the_list_page_costs_the_same_queries_for_more_exercises(
    as_user, django_assert_max_num_queries
):
    built = exercise_with_roles()
    client = as_user(built.coordinator)
    with django_assert_max_num_queries(60) as captured:
        client.get(reverse("preparedness_exercise_list"))
    few = len(captured.captured_queries)
    for _ in range(3):
        ExerciseFactory(program=built.program)
    with django_assert_max_num_queries(few):
        response = client.get(reverse("preparedness_exercise_list"))
    assert len(response.context["page"].object_list) == 4


def test_the_design_tab_costs_the_same_queries_for_more_objectives_and_people(
    as_user, django_assert_max_num_queries
):
    from tests.preparedness.factories import ObjectiveFactory

    built = exercise_with_roles()
    client = as_user(built.coordinator)
    url = reverse("preparedness_exercise_detail", args=[built.exercise.pk])
    with django_assert_max_num_queries(80) as captured:
        client.get(url)
    few = len(captured.captured_queries)
    for n in (3, 4, 5):
        ObjectiveFactory(exercise=built.exercise, number=n)
        ParticipantFactory(exercise=built.exercise, role="player", user__agency=built.agency_a)
    with django_assert_max_num_queries(few):
        client.get(url)
