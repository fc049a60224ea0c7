"""The conduct API: the same services and selectors as the pages. Invisible or missing: 404;
visible but not allowed: 403, audited, the rows unchanged; bad input: 422 naming the field."""

import pytest

from nonprolif.preparedness.conduct.domain import deliver_next, record_observation
from nonprolif.preparedness.models import (
    ExerciseObjective,
    ExercisePhase,
    Inject,
    Observation,
    PlayerAction,
)
from tests.preparedness.conduct.conftest import denied
from tests.preparedness.factories import ObjectiveFactory

pytestmark = pytest.mark.django_db

JSON = "application/json"


def api(exercise, path):
    return f"/api/v1/preparedness/exercises/{exercise.pk}/{path}"


def fields_of(response) -> set[str]:
    return {error["field"] for error in response.json()["detail"]}


def test_start_deliver_and_end(as_user, built):
    director = as_user(built.director)
    started = director.post(api(built.exercise, "conduct/start"))
    assert started.status_code == 200, started.content
    assert started.json()["phase"] == "conduct"
    assert started.json()["code"] == f"EX-{built.exercise.pk}"
    controller = as_user(built.controller)
    third = controller.post(api(built.exercise, f"injects/{built.injects[2].pk}/deliver"))
    assert third.status_code == 200
    assert (third.json()["number"], third.json()["delivered_by"]) == (3, "ex-controller")
    numbers = [controller.post(api(built.exercise, "deliver-next")).json()["number"] for _ in "ab"]
    assert numbers == [1, 2]
    done = controller.post(api(built.exercise, "deliver-next"))
    assert done.status_code == 422
    assert fields_of(done) == {"inject"}
    twice = controller.post(api(built.exercise, f"injects/{built.injects[0].pk}/deliver"))
    assert twice.status_code == 422
    assert fields_of(twice) == {"inject"}
    ended = director.post(api(built.exercise, "conduct/end"))
    assert ended.json()["phase"] == "evaluation"


def test_delivering_before_conduct_is_422(as_user, built):
    response = as_user(built.controller).post(api(built.exercise, "deliver-next"))
    assert response.status_code == 422
    assert fields_of(response) == {"phase"}
    assert not Inject.objects.filter(delivered_at__isnull=False).exists()


def test_actions(as_user, conducting):
    built = conducting
    inject = deliver_next(actor=built.controller, exercise=built.exercise)
    client = as_user(built.controller)
    response = client.post(
        api(built.exercise, "actions"),
        {"text": "Lane 3 closed", "inject": inject.pk, "agency": built.agency_a.code},
        content_type=JSON,
    )
    assert response.status_code == 201, response.content
    assert (response.json()["inject"], response.json()["agency"]) == (1, built.agency_a.code)
    body = as_user(built.player).get(api(built.exercise, "actions")).json()
    assert body["count"] == 1
    assert body["items"][0]["text"] == "Lane 3 closed"
    bad = client.post(
        api(built.exercise, "actions"),
        {"text": "", "inject": built.injects[2].pk, "agency": "NOPE"},
        content_type=JSON,
    )
    assert bad.status_code == 422
    assert "agency" in fields_of(bad)
    bad = client.post(
        api(built.exercise, "actions"), {"text": "", "inject": 99999}, content_type=JSON
    )
    assert bad.status_code == 422
    assert fields_of(bad) == {"inject"}
    assert PlayerAction.objects.count() == 1


def test_a_player_may_not_post_actions(as_user, conducting):
    built = conducting
    response = as_user(built.player).post(
        api(built.exercise, "actions"), {"text": "Mine", "agency": "NOPE"}, content_type=JSON
    )
    assert response.status_code == 403
    assert not PlayerAction.objects.exists()
    assert denied("preparedness.action.create") == 1


def test_observations(as_user, conducting):
    built = conducting
    client = as_user(built.evaluator)
    response = client.post(
        api(built.exercise, "observations"),
        {"objective": built.objectives[0].pk, "kind": "strength", "text": "Fast"},
        content_type=JSON,
    )
    assert response.status_code == 201, response.content
    assert (response.json()["objective"], response.json()["evaluator"]) == (1, "ex-evaluator")
    body = as_user(built.coordinator).get(api(built.exercise, "observations")).json()
    assert [item["text"] for item in body["items"]] == ["Fast"]
    foreign = ObjectiveFactory(number=1)
    bad = client.post(
        api(built.exercise, "observations"),
        {"objective": foreign.pk, "kind": "note", "text": "x"},
        content_type=JSON,
    )
    assert bad.status_code == 422
    assert fields_of(bad) == {"objective"}
    bad = client.post(
        api(built.exercise, "observations"),
        {"objective": built.objectives[0].pk, "kind": "shrug", "text": "x"},
        content_type=JSON,
    )
    assert bad.status_code == 422
    assert fields_of(bad) == {"kind"}
    assert Observation.objects.count() == 1


@pytest.mark.parametrize("who", ["controller", "player", "director", "coordinator"])
def test_only_evaluators_post_observations(as_user, conducting, who):
    built = conducting
    response = as_user(getattr(built, who)).post(
        api(built.exercise, "observations"),
        {"objective": built.objectives[0].pk, "kind": "note", "text": "Not mine"},
        content_type=JSON,
    )
    assert response.status_code == 403
    assert not Observation.objects.exists()
    assert denied("preparedness.observation.create") == 1


def test_a_player_may_not_read_the_observations(as_user, conducting):
    built = conducting
    record_observation(
        actor=built.evaluator,
        exercise=built.exercise,
        objective=built.objectives[0],
        text="Eyes only",
        kind="note",
    )
    response = as_user(built.player).get(api(built.exercise, "observations"))
    assert response.status_code == 403
    assert "Eyes only" not in response.content.decode()
    assert denied("preparedness.observation.list") == 1


def test_rating(as_user, conducting):
    built = conducting
    objective = built.objectives[1]
    target = api(built.exercise, f"objectives/{objective.pk}/rating")
    client = as_user(built.evaluator)
    response = client.put(target, {"rating": "U", "notes_en": "Not done"}, content_type=JSON)
    assert response.status_code == 200, response.content
    assert (response.json()["rating"], response.json()["rated_by"]) == ("U", "ex-evaluator")
    bad = client.put(target, {"rating": "Q", "notes_en": "?"}, content_type=JSON)
    assert bad.status_code == 422
    assert fields_of(bad) == {"rating"}
    refused = as_user(built.controller).put(
        target, {"rating": "P", "notes_en": "Fine"}, content_type=JSON
    )
    assert refused.status_code == 403
    assert ExerciseObjective.objects.get(pk=objective.pk).rating == "U"
    other = ObjectiveFactory(number=1)
    missing = client.put(
        api(built.exercise, f"objectives/{other.pk}/rating"),
        {"rating": "P", "notes_en": "x"},
        content_type=JSON,
    )
    assert missing.status_code == 404


def test_hotwash(as_user, conducting):
    built = conducting
    target = api(built.exercise, "hotwash")
    response = as_user(built.coordinator).put(
        target, {"hotwash_es": "Notas", "hotwash_en": "Notes"}, content_type=JSON
    )
    assert response.status_code == 200
    assert response.json()["hotwash_en"] == "Notes"
    refused = as_user(built.player).put(target, {"hotwash_es": "Mías"}, content_type=JSON)
    assert refused.status_code == 403
    built.exercise.refresh_from_db()
    assert built.exercise.hotwash_es == "Notas"


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("post", "conduct/start"),
        ("post", "conduct/end"),
        ("post", "deliver-next"),
        ("get", "actions"),
        ("post", "actions"),
        ("get", "observations"),
        ("post", "observations"),
        ("put", "hotwash"),
    ],
)
def test_an_outsider_gets_404(as_user, conducting, method, path):
    built = conducting
    body = {"text": "x", "objective": built.objectives[0].pk, "kind": "note"}
    response = getattr(as_user(built.outsider), method)(
        api(built.exercise, path), body, content_type=JSON
    )
    assert response.status_code == 404
    built.exercise.refresh_from_db()
    assert built.exercise.phase == ExercisePhase.CONDUCT
    assert not PlayerAction.objects.exists()
    assert not Observation.objects.exists()


def test_an_outsider_gets_404_on_an_inject_and_an_objective(as_user, conducting):
    built = conducting
    client = as_user(built.outsider)
    assert (
        client.post(api(built.exercise, f"injects/{built.injects[0].pk}/deliver")).status_code
        == 404
    )
    rating = client.put(
        api(built.exercise, f"objectives/{built.objectives[0].pk}/rating"),
        {"rating": "P", "notes_en": "x"},
        content_type=JSON,
    )
    assert rating.status_code == 404
    assert not Inject.objects.filter(delivered_at__isnull=False).exists()
