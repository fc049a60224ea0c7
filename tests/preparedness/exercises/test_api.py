"""The exercises API: lists, one exercise, its objectives, participants and injects, and the
writes; outsider 404, auditor and player 403 (audited, unchanged), bad input 422 naming the
field."""

import pytest
from django.test import Client

from nonprolif.core.domain.tokens import issue_token
from nonprolif.core.models import AuditEntry
from nonprolif.core.models.audit import Outcome
from nonprolif.core.roles import Role
from nonprolif.preparedness.models import Exercise, ExerciseParticipant, Inject
from tests.factories import UserFactory
from tests.preparedness.factories import exercise_with_roles

pytestmark = pytest.mark.django_db
API = "/api/v1/preparedness"


def bearer(user) -> Client:
    _token, raw = issue_token(user=user, name="tests")
    return Client(headers={"Authorization": f"Bearer {raw}"})


@pytest.fixture
def built():
    return exercise_with_roles()


def fields_of(response):
    return {d["field"] for d in response.json()["detail"]}


def test_the_lists_answer_what_the_caller_sees(built):
    body = bearer(built.player).get(f"{API}/exercises").json()
    assert [e["code"] for e in body["items"]] == [built.exercise.code]
    assert bearer(built.outsider).get(f"{API}/exercises").json()["items"] == []
    ex = built.exercise.pk
    detail = bearer(built.player).get(f"{API}/exercises/{ex}").json()
    assert detail["agencies"] == ["EXA", "EXB"]
    objectives = bearer(built.player).get(f"{API}/exercises/{ex}/objectives").json()["items"]
    assert [o["number"] for o in objectives] == [1, 2]
    assert objectives[0]["capabilities"] == ["screening-search-and-detection"]
    people = bearer(built.player).get(f"{API}/exercises/{ex}/participants").json()["items"]
    assert {p["role"] for p in people} == {"director", "controller", "evaluator", "player"}
    injects = bearer(built.player).get(f"{API}/exercises/{ex}/injects").json()["items"]
    assert [i["number"] for i in injects] == [1, 2, 3]


@pytest.mark.parametrize("tail", ["", "/objectives", "/participants", "/injects"])
def test_an_outsider_gets_404(built, tail):
    response = bearer(built.outsider).get(f"{API}/exercises/{built.exercise.pk}{tail}")
    assert response.status_code == 404


def test_a_coordinator_creates_an_exercise_and_bad_codes_are_named(built):
    payload = {
        "program": built.program.code,
        "agencies": ["EXA"],
        "title_es": "Fuente robada",
        "title_en": "Stolen source",
        "kind": "tabletop",
        "cbrn_category": "RAD",
        "scenario_es": "x",
        "scenario_en": "y",
        "starts_on": "2010-02-16",
        "ends_on": "2010-02-16",
        "venue": "CDMX",
        "classification": "U",
    }
    client = bearer(built.coordinator)
    response = client.post(f"{API}/exercises", payload, content_type="application/json")
    assert response.status_code == 201, response.content
    assert response.json()["agencies"] == ["EXA"]
    response = client.post(
        f"{API}/exercises",
        payload | {"cbrn_category": "NOPE", "agencies": ["ZZZ"]},
        content_type="application/json",
    )
    assert response.status_code == 422
    assert "agencies" in fields_of(response) or "cbrn_category" in fields_of(response)
    response = client.post(
        f"{API}/exercises", payload | {"ends_on": "2010-01-01"}, content_type="application/json"
    )
    assert response.status_code == 422
    before = Exercise.objects.count()
    response = bearer(built.director).post(
        f"{API}/exercises", payload, content_type="application/json"
    )
    assert response.status_code == 403
    assert Exercise.objects.count() == before


def test_an_auditor_reads_and_is_refused_writes_audited(built):
    auditor = bearer(UserFactory(roles=[Role.AUDITOR]))
    ex = built.exercise.pk
    assert auditor.get(f"{API}/exercises/{ex}/injects").status_code == 200
    response = auditor.patch(
        f"{API}/exercises/{ex}", {"venue": "Tijuana"}, content_type="application/json"
    )
    assert response.status_code == 403
    built.exercise.refresh_from_db()
    assert built.exercise.venue != "Tijuana"
    inject = built.injects[0]
    assert auditor.delete(f"{API}/exercises/{ex}/injects/{inject.pk}").status_code == 403
    assert Inject.objects.filter(pk=inject.pk).exists()
    assert AuditEntry.objects.filter(
        action="preparedness.inject.remove", outcome=Outcome.DENIED
    ).exists()


def test_the_director_writes_the_design_and_the_msel(built):
    client = bearer(built.director)
    ex = built.exercise.pk
    response = client.patch(
        f"{API}/exercises/{ex}", {"venue": "Monterrey"}, content_type="application/json"
    )
    assert response.status_code == 200
    assert response.json()["venue"] == "Monterrey"
    response = client.post(
        f"{API}/exercises/{ex}/objectives",
        {"text_es": "a", "text_en": "b", "capabilities": ["screening-search-and-detection"]},
        content_type="application/json",
    )
    assert response.status_code == 201
    assert response.json()["number"] == 3
    objective_id = response.json()["id"]
    response = client.patch(
        f"{API}/objectives/{objective_id}", {"text_en": "c"}, content_type="application/json"
    )
    assert response.status_code == 200
    assert response.json()["text_en"] == "c"
    assert client.delete(f"{API}/objectives/{objective_id}").status_code == 204
    newcomer = UserFactory(agency=built.agency_a, roles=[Role.LIAISON])
    response = client.post(
        f"{API}/exercises/{ex}/participants",
        {"user": newcomer.pk, "role": "controller"},
        content_type="application/json",
    )
    assert response.status_code == 201
    assert response.json()["username"] == newcomer.username
    response = client.post(
        f"{API}/exercises/{ex}/participants",
        {"user": built.outsider.pk, "role": "controller"},
        content_type="application/json",
    )
    assert response.status_code == 422
    assert fields_of(response) == {"user"}
    participant = ExerciseParticipant.objects.get(user=newcomer)
    assert client.delete(f"{API}/exercises/{ex}/participants/{participant.pk}").status_code == 204
    response = client.post(
        f"{API}/exercises/{ex}/injects",
        {
            "scheduled_at": "2010-02-16T13:00:00-06:00",
            "sender": "SIMCELL",
            "recipient": "PGR",
            "synopsis_es": "x",
            "synopsis_en": "y",
            "objective": built.objectives[1].pk,
        },
        content_type="application/json",
    )
    assert response.status_code == 201, response.content
    assert response.json()["number"] == 4
    assert response.json()["objective_number"] == 2
    inject_id = response.json()["id"]
    response = client.patch(
        f"{API}/exercises/{ex}/injects/{inject_id}",
        {"objective": 999999},
        content_type="application/json",
    )
    assert response.status_code == 422
    assert fields_of(response) == {"objective"}
    response = client.patch(
        f"{API}/exercises/{ex}/injects/{inject_id}",
        {"recipient": "SEMAR"},
        content_type="application/json",
    )
    assert response.status_code == 200
    assert response.json()["recipient"] == "SEMAR"
    assert client.delete(f"{API}/exercises/{ex}/injects/{inject_id}").status_code == 204


def test_a_player_cannot_write_the_msel(built):
    inject = built.injects[0]
    response = bearer(built.player).patch(
        f"{API}/exercises/{built.exercise.pk}/injects/{inject.pk}",
        {"sender": "X"},
        content_type="application/json",
    )
    assert response.status_code == 403
    inject.refresh_from_db()
    assert inject.sender == "SIMCELL"


def test_an_outsider_gets_404_on_writes(built):
    inject = built.injects[0]
    response = bearer(built.outsider).delete(
        f"{API}/exercises/{built.exercise.pk}/injects/{inject.pk}"
    )
    assert response.status_code == 404
    assert (
        bearer(built.outsider).delete(f"{API}/objectives/{built.objectives[0].pk}").status_code
        == 404
    )
    assert Inject.objects.filter(pk=inject.pk).exists()
