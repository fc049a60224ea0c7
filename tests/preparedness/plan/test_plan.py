"""The training and exercise plan: a program's sessions and exercises, a year at a time,
month by month; only that program's, only what the user sees; the page and the API."""

import datetime
import uuid

import pytest
from django.urls import reverse

from nonprolif.core.domain.tokens import issue_token
from nonprolif.training.models import Audience, Session
from tests.factories import ProgramFactory
from tests.preparedness.factories import ExerciseFactory, exercise_with_roles, level

pytestmark = pytest.mark.django_db


def session(program, start, title="Curso"):
    return Session.objects.create(
        program=program,
        item_key=uuid.uuid4(),
        item_number=1,
        title_es=title,
        title_en=title,
        audience=Audience.EVERYONE,
        cohort=1,
        start=start,
        end=start,
        planned=start,
        capacity=50,
        planned_capacity=50,
    )


@pytest.fixture
def built():
    built = exercise_with_roles()  # starts 16 February 2010
    built.session_2009 = session(built.program, datetime.date(2009, 10, 23), "Módulo 1")
    built.session_2010 = session(built.program, datetime.date(2010, 1, 22), "Módulo 2")
    other = ProgramFactory(lead_agency=built.agency_a)
    built.other_session = session(other, datetime.date(2010, 2, 1), "Ajeno")
    built.other_exercise = ExerciseFactory(program=other, agencies=[built.agency_a])
    return built


def months(response):
    plan = response.context["plan"]
    return {m.month: ([s.pk for s in m.sessions], [e.pk for e in m.exercises]) for m in plan.months}


def test_the_plan_shows_the_programs_training_and_exercises_by_year_and_month(as_user, built):
    client = as_user(built.coordinator)
    response = client.get(
        reverse("preparedness_plan"), {"program": built.program.code, "year": 2010}
    )
    assert response.status_code == 200
    plan = response.context["plan"]
    assert plan.years == [2009, 2010]
    by_month = months(response)
    assert by_month[1] == ([built.session_2010.pk], [])
    assert by_month[2] == ([], [built.exercise.pk])
    assert all(by_month[m] == ([], []) for m in range(3, 13))
    body = response.content.decode()
    assert "Módulo 2" in body
    assert "Ajeno" not in body
    response = client.get(
        reverse("preparedness_plan"), {"program": built.program.code, "year": 2009}
    )
    assert months(response)[10] == ([built.session_2009.pk], [])


def test_the_plan_leaves_out_what_the_user_may_not_see(as_user, built):
    hidden = ExerciseFactory(
        program=built.program, agencies=[built.agency_a], classification=level("C")
    )
    response = as_user(built.player).get(
        reverse("preparedness_plan"), {"program": built.program.code, "year": 2010}
    )
    shown = [e.pk for e in response.context["plan"].exercises]
    assert shown == [built.exercise.pk]
    assert hidden.pk not in shown


def test_a_program_the_user_does_not_see_is_404(as_user, built):
    stranger = ProgramFactory()
    client = as_user(built.player)
    assert client.get(reverse("preparedness_plan"), {"program": stranger.code}).status_code == 404
    assert client.get(reverse("preparedness_plan"), {"program": "nope"}).status_code == 404
    assert client.get(reverse("preparedness_plan"), {"year": "abc"}).status_code == 200


def test_the_api_answers_the_same_plan(built):
    from django.test import Client

    _token, raw = issue_token(user=built.coordinator, name="tests")
    client = Client(headers={"Authorization": f"Bearer {raw}"})
    response = client.get(
        "/api/v1/preparedness/plan", {"program": built.program.code, "year": 2010}
    )
    assert response.status_code == 200
    body = response.json()
    assert body["years"] == [2009, 2010]
    feb = body["months"][1]
    assert [e["code"] for e in feb["exercises"]] == [built.exercise.code]
    assert [s["id"] for s in body["months"][0]["sessions"]] == [built.session_2010.pk]
    assert client.get("/api/v1/preparedness/plan", {"program": "nope"}).status_code == 404
    assert client.get("/api/v1/preparedness/plan", {"year": 1}).status_code == 422
