"""The conduct and evaluation pages: what each person sees and may do, the htmx panel and its
polling, forms without JavaScript, and the negative cases (outsider 404, refusals 403 and
audited, the rows unchanged)."""

import pytest

from nonprolif.core.models import AuditEntry
from nonprolif.preparedness.conduct.domain import deliver_next, end_conduct, record_observation
from nonprolif.preparedness.models import (
    ExerciseObjective,
    ExercisePhase,
    Inject,
    Observation,
    PlayerAction,
)
from tests.preparedness.conduct.conftest import denied
from tests.preparedness.factories import level

pytestmark = pytest.mark.django_db


def url(exercise, name="conduct"):
    return f"/preparedness/exercises/{exercise.pk}/{name}/"


HTMX = {"HX-Request": "true"}


def test_the_conduct_page_for_a_controller(as_user, conducting):
    built = conducting
    deliver_next(actor=built.controller, exercise=built.exercise)
    response = as_user(built.controller).get(url(built.exercise))
    assert response.status_code == 200
    html = response.content.decode()
    assert 'id="conduct-panel"' in html
    assert f'hx-get="/preparedness/exercises/{built.exercise.pk}/conduct/panel/"' in html
    assert 'hx-trigger="every 5s"' in html
    assert "Deliver next" in html or "Entregar" in html
    assert f"/conduct/injects/{built.injects[1].pk}/deliver/" in html
    assert f"/conduct/injects/{built.injects[0].pk}/deliver/" not in html  # delivered
    assert built.injects[0].synopsis_es in html
    assert built.injects[2].synopsis_es in html
    assert "/conduct/actions/" in html  # the action form
    assert "/conduct/observations/" not in html  # not an evaluator
    assert "style=" not in html
    assert "<script>" not in html
    entry = AuditEntry.objects.filter(action="preparedness.conduct.view").get()
    assert entry.object_id == str(built.exercise.pk)


def test_a_player_sees_the_delivered_injects_only(as_user, conducting):
    built = conducting
    deliver_next(actor=built.controller, exercise=built.exercise)
    record_observation(
        actor=built.evaluator,
        exercise=built.exercise,
        objective=built.objectives[0],
        text="Evaluator's eyes only",
        kind="note",
    )
    html = as_user(built.player).get(url(built.exercise)).content.decode()
    assert built.injects[0].synopsis_es in html
    assert built.injects[1].synopsis_es not in html
    assert "Evaluator's eyes only" not in html
    assert "/deliver" not in html
    assert "/conduct/actions/" not in html


def test_an_evaluator_gets_the_observation_form(as_user, conducting):
    html = as_user(conducting.evaluator).get(url(conducting.exercise)).content.decode()
    assert f"/preparedness/exercises/{conducting.exercise.pk}/conduct/observations/" in html
    assert "/conduct/actions/" not in html
    assert "deliver-next" not in html


def test_the_panel_polls_and_is_audited_lightly(as_user, conducting):
    built = conducting
    client = as_user(built.player)
    response = client.get(url(built.exercise, "conduct/panel"), {"delivered": "1"})
    assert response.status_code == 200
    html = response.content.decode()
    assert html.startswith('<section id="conduct-panel"')
    assert "delivered=1" in html  # the poll keeps the page it shows
    entry = AuditEntry.objects.get(action="preparedness.conduct.poll")
    assert entry.object_id == str(built.exercise.pk)
    assert entry.object_ids == []


def test_the_panel_polls_before_the_start_and_stops_after_conduct(as_user, built):
    panel = url(built.exercise, "conduct/panel")
    assert "hx-trigger" in as_user(built.player).get(panel).content.decode()
    built.exercise.phase = ExercisePhase.CONDUCT
    built.exercise.save()
    end_conduct(actor=built.director, exercise=built.exercise)
    html = as_user(built.player).get(url(built.exercise, "conduct/panel")).content.decode()
    assert "hx-trigger" not in html


def test_deliver_next_with_htmx_swaps_the_panel(as_user, conducting):
    built = conducting
    response = as_user(built.controller).post(
        url(built.exercise, "conduct/deliver-next"), **{"headers": HTMX}
    )
    assert response.status_code == 200
    assert response.content.decode().startswith('<section id="conduct-panel"')
    assert Inject.objects.get(pk=built.injects[0].pk).delivered_by == built.controller


def test_deliver_without_javascript_redirects(as_user, conducting):
    built = conducting
    client = as_user(built.director)
    target = url(built.exercise, f"conduct/injects/{built.injects[2].pk}/deliver")
    response = client.post(target)
    assert response.status_code == 302
    assert response["Location"] == url(built.exercise)
    assert Inject.objects.get(pk=built.injects[2].pk).delivered_at is not None
    again = client.post(target, headers=HTMX)  # delivered already: the panel says so
    assert again.status_code == 200
    assert 'role="alert"' in again.content.decode()


def test_a_player_may_not_deliver(as_user, conducting):
    built = conducting
    client = as_user(built.player)
    assert client.post(url(built.exercise, "conduct/deliver-next")).status_code == 403
    target = url(built.exercise, f"conduct/injects/{built.injects[1].pk}/deliver")
    assert client.post(target).status_code == 404  # an inject still to come is not his to see
    assert not Inject.objects.filter(delivered_at__isnull=False).exists()
    assert denied("preparedness.inject.deliver") == 1


def test_recording_an_action_and_an_observation_by_form(as_user, conducting):
    built = conducting
    inject = deliver_next(actor=built.controller, exercise=built.exercise)
    response = as_user(built.controller).post(
        url(built.exercise, "conduct/actions"),
        {
            "action-text": "Checkpoint 3 alerted",
            "action-inject": inject.pk,
            "action-agency": built.agency_b.pk,
        },
    )
    assert response.status_code == 302
    action = PlayerAction.objects.get()
    assert (action.text, action.inject, action.agency) == (
        "Checkpoint 3 alerted",
        inject,
        built.agency_b,
    )
    response = as_user(built.evaluator).post(
        url(built.exercise, "conduct/observations"),
        {
            "observation-objective": built.objectives[1].pk,
            "observation-kind": "improvement",
            "observation-text": "The radio net was slow",
        },
    )
    assert response.status_code == 302
    observation = Observation.objects.get()
    assert (observation.objective, observation.kind, observation.evaluator) == (
        built.objectives[1],
        "improvement",
        built.evaluator,
    )
    html = as_user(built.director).get(url(built.exercise)).content.decode()
    assert "Checkpoint 3 alerted" in html
    assert "The radio net was slow" in html


def test_a_bad_observation_shows_the_form_again(as_user, conducting):
    built = conducting
    response = as_user(built.evaluator).post(
        url(built.exercise, "conduct/observations"),
        {"observation-objective": built.objectives[0].pk, "observation-kind": "note"},
    )
    assert response.status_code == 400
    assert 'role="alert"' in response.content.decode()
    assert not Observation.objects.exists()


@pytest.mark.parametrize("who", ["controller", "player", "director", "coordinator"])
def test_only_evaluators_post_observations(as_user, conducting, who):
    built = conducting
    response = as_user(getattr(built, who)).post(
        url(built.exercise, "conduct/observations"),
        {
            "observation-objective": built.objectives[0].pk,
            "observation-kind": "note",
            "observation-text": "Not mine",
        },
    )
    assert response.status_code == 403
    assert not Observation.objects.exists()
    assert denied("preparedness.observation.create") == 1


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("get", "conduct"),
        ("get", "conduct/panel"),
        ("get", "evaluation"),
        ("post", "conduct/deliver-next"),
        ("post", "conduct/start"),
        ("post", "conduct/end"),
        ("post", "conduct/actions"),
        ("post", "conduct/observations"),
        ("post", "evaluation/hotwash"),
    ],
)
def test_an_outsider_gets_404_everywhere(as_user, conducting, method, path):
    built = conducting
    response = getattr(as_user(built.outsider), method)(url(built.exercise, path))
    assert response.status_code == 404


def test_an_outsider_gets_404_on_injects_and_objectives(as_user, conducting):
    built = conducting
    client = as_user(built.outsider)
    inject = url(built.exercise, f"conduct/injects/{built.injects[0].pk}/deliver")
    rate = url(built.exercise, f"evaluation/objectives/{built.objectives[0].pk}/rating")
    assert client.post(inject).status_code == 404
    assert client.post(rate, {f"objective-{built.objectives[0].pk}-rating": "P"}).status_code == 404
    assert not Inject.objects.filter(delivered_at__isnull=False).exists()


def test_a_classified_exercise_is_404_without_the_clearance(as_user, built):
    built.exercise.classification = level("C")
    built.exercise.save()
    assert as_user(built.evaluator).get(url(built.exercise)).status_code == 404
    assert as_user(built.coordinator).get(url(built.exercise, "evaluation")).status_code == 404


def test_the_evaluation_page_and_rating(as_user, conducting):
    built = conducting
    record_observation(
        actor=built.evaluator,
        exercise=built.exercise,
        objective=built.objectives[0],
        text="Fast alert",
        kind="strength",
    )
    client = as_user(built.evaluator)
    html = client.get(url(built.exercise, "evaluation")).content.decode()
    assert "Fast alert" in html
    assert f"/evaluation/objectives/{built.objectives[0].pk}/rating/" in html
    objective = built.objectives[0]
    prefix = f"objective-{objective.pk}"
    response = client.post(
        url(built.exercise, f"evaluation/objectives/{objective.pk}/rating"),
        {f"{prefix}-rating": "S", f"{prefix}-notes_es": "Bien, con retrasos"},
    )
    assert response.status_code == 302
    objective.refresh_from_db()
    assert (objective.rating, objective.rated_by) == ("S", built.evaluator)
    bad = client.post(
        url(built.exercise, f"evaluation/objectives/{objective.pk}/rating"),
        {f"{prefix}-rating": "X", f"{prefix}-notes_es": "?"},
    )
    assert bad.status_code == 400
    assert ExerciseObjective.objects.get(pk=objective.pk).rating == "S"


def test_a_player_reads_the_evaluation_page_without_observations_or_forms(as_user, conducting):
    built = conducting
    record_observation(
        actor=built.evaluator,
        exercise=built.exercise,
        objective=built.objectives[0],
        text="Evaluator's eyes only",
        kind="note",
    )
    client = as_user(built.player)
    html = client.get(url(built.exercise, "evaluation")).content.decode()
    assert "Evaluator's eyes only" not in html
    assert "/rating/" not in html
    assert "/evaluation/hotwash/" not in html
    objective = built.objectives[0]
    response = client.post(
        url(built.exercise, f"evaluation/objectives/{objective.pk}/rating"),
        {f"objective-{objective.pk}-rating": "P", f"objective-{objective.pk}-notes_es": "x"},
    )
    assert response.status_code == 403
    assert ExerciseObjective.objects.get(pk=objective.pk).rating == ""
    assert denied("preparedness.objective.rate") == 1


def test_start_and_end_conduct_from_the_evaluation_page(as_user, built):
    client = as_user(built.director)
    html = client.get(url(built.exercise, "evaluation")).content.decode()
    assert "/conduct/start/" in html
    response = client.post(url(built.exercise, "conduct/start"), {"next": "evaluation"})
    assert response["Location"] == url(built.exercise, "evaluation")
    built.exercise.refresh_from_db()
    assert built.exercise.phase == ExercisePhase.CONDUCT
    assert "/conduct/end/" in client.get(url(built.exercise, "evaluation")).content.decode()
    client.post(url(built.exercise, "conduct/end"), {"next": "evaluation"})
    built.exercise.refresh_from_db()
    assert built.exercise.phase == ExercisePhase.EVALUATION
    response = client.post(
        url(built.exercise, "evaluation/hotwash"),
        {"hotwash_es": "Notas", "hotwash_en": "Notes"},
    )
    assert response.status_code == 302
    built.exercise.refresh_from_db()
    assert (built.exercise.hotwash_es, built.exercise.hotwash_en) == ("Notas", "Notes")


def test_a_player_may_not_start_conduct(as_user, built):
    assert as_user(built.player).post(url(built.exercise, "conduct/start")).status_code == 403
    built.exercise.refresh_from_db()
    assert built.exercise.phase == ExercisePhase.DESIGN
    assert denied("preparedness.exercise.start_conduct") == 1


def test_pages_are_only_read_with_get(as_user, conducting):
    client = as_user(conducting.controller)
    assert client.get(url(conducting.exercise, "conduct/deliver-next")).status_code == 405
    assert client.post(url(conducting.exercise)).status_code == 405
