"""The exercise pages: the list, creating and editing, the design tab and its forms, the
MSEL and its export, the participant picker; who sees what (outsider 404), who changes
(403 for the others, the row unchanged)."""

import datetime

import pytest
from django.urls import reverse

from nonprolif.core.models import AuditEntry
from nonprolif.core.models.audit import Outcome
from nonprolif.core.roles import Role
from nonprolif.intel.models import CbrnCategory
from nonprolif.preparedness.models import Exercise, ExerciseParticipant, Inject
from tests.factories import UserFactory
from tests.preparedness.factories import InjectFactory, exercise_with_roles, level

pytestmark = pytest.mark.django_db


@pytest.fixture
def built():
    return exercise_with_roles()


def url(name, *args):
    return reverse(name, args=args)


def test_the_list_shows_visible_exercises_and_new_for_coordinators(as_user, built):
    response = as_user(built.coordinator).get(url("preparedness_exercise_list"))
    assert response.status_code == 200
    assert list(response.context["page"].object_list) == [built.exercise]
    assert url("preparedness_exercise_create") in response.content.decode()
    response = as_user(built.player).get(url("preparedness_exercise_list"))
    assert list(response.context["page"].object_list) == [built.exercise]
    assert url("preparedness_exercise_create") not in response.content.decode()
    response = as_user(built.outsider).get(url("preparedness_exercise_list"))
    assert list(response.context["page"].object_list) == []


def test_the_list_filters(as_user, built):
    client = as_user(built.coordinator)

    def shown(**params):
        return list(
            client.get(url("preparedness_exercise_list"), params).context["page"].object_list
        )

    assert shown(kind="tabletop") == [built.exercise]
    assert shown(kind="drill") == []
    assert shown(phase="design") == [built.exercise]
    assert shown(program=built.program.code) == [built.exercise]
    assert shown(program="nope") == []
    assert shown(q=built.exercise.title_en.upper()) == [built.exercise]
    assert shown(q=built.exercise.code) == [built.exercise]
    assert client.get(url("preparedness_exercise_list"), {"kind": "bad"}).status_code == 200


def test_a_coordinator_creates_an_exercise_through_the_form(as_user, built):
    response = as_user(built.coordinator).post(
        url("preparedness_exercise_create"),
        {
            "program": built.program.pk,
            "title_es": "Fuente robada",
            "title_en": "Stolen source",
            "kind": "tabletop",
            "cbrn_category": CbrnCategory.objects.get(code="RAD").pk,
            "scenario_es": "Escenario",
            "scenario_en": "Scenario",
            "starts_on": "2010-02-16",
            "ends_on": "2010-02-16",
            "venue": "Ciudad de México",
            "classification": level("U").pk,
            "agencies": [built.agency_a.pk],
        },
    )
    exercise = Exercise.objects.get(title_en="Stolen source")
    assert response.status_code == 302
    assert response["Location"] == url("preparedness_exercise_detail", exercise.pk)


def test_the_create_page_refuses_others(as_user, built):
    assert as_user(built.director).get(url("preparedness_exercise_create")).status_code == 403
    before = Exercise.objects.count()
    response = as_user(built.director).post(url("preparedness_exercise_create"), {"title_es": "x"})
    assert response.status_code == 403
    assert Exercise.objects.count() == before


def test_the_design_tab_shows_the_marking_objectives_and_people(as_user, built):
    response = as_user(built.player).get(url("preparedness_exercise_detail", built.exercise.pk))
    assert response.status_code == 200
    body = response.content.decode()
    assert "classification-marking" in body
    assert built.objectives[0].text in body
    assert built.evaluator.username in body
    assert response.context["can_change"] is False
    assert url("preparedness_objective_add", built.exercise.pk) not in body
    response = as_user(built.director).get(url("preparedness_exercise_detail", built.exercise.pk))
    assert url("preparedness_objective_add", built.exercise.pk) in response.content.decode()


@pytest.mark.parametrize(
    "name",
    [
        "preparedness_exercise_detail",
        "preparedness_exercise_edit",
        "preparedness_msel",
        "preparedness_participant_search",
    ],
)
def test_an_outsider_gets_404_on_every_page(as_user, built, name):
    assert as_user(built.outsider).get(url(name, built.exercise.pk)).status_code == 404


def test_an_outsider_gets_404_on_the_export_and_writes(as_user, built):
    client = as_user(built.outsider)
    assert client.get(url("preparedness_msel_export", built.exercise.pk, "csv")).status_code == 404
    inject = built.injects[0]
    response = client.post(url("preparedness_inject_remove", built.exercise.pk, inject.pk))
    assert response.status_code == 404
    assert Inject.objects.filter(pk=inject.pk).exists()


def test_a_classified_exercise_is_404_for_an_uncleared_coordinator(as_user):
    built = exercise_with_roles(classification=level("C"))
    response = as_user(built.coordinator).get(
        url("preparedness_exercise_detail", built.exercise.pk)
    )
    assert response.status_code == 404


def test_an_auditor_reads_and_gets_403_on_writes_audited(as_user, built):
    auditor = UserFactory(roles=[Role.AUDITOR])
    client = as_user(auditor)
    assert client.get(url("preparedness_msel", built.exercise.pk)).status_code == 200
    assert client.get(url("preparedness_exercise_edit", built.exercise.pk)).status_code == 403
    inject = built.injects[0]
    response = client.post(url("preparedness_inject_remove", built.exercise.pk, inject.pk))
    assert response.status_code == 403
    assert Inject.objects.filter(pk=inject.pk).exists()
    assert AuditEntry.objects.filter(
        action="preparedness.inject.remove", outcome=Outcome.DENIED
    ).exists()
    participant = ExerciseParticipant.objects.get(user=built.player)
    response = client.post(
        url("preparedness_participant_remove", built.exercise.pk, participant.pk)
    )
    assert response.status_code == 403
    assert ExerciseParticipant.objects.filter(pk=participant.pk).exists()


def test_the_director_adds_an_objective_a_participant_and_an_inject(as_user, built):
    client = as_user(built.director)
    from nonprolif.preparedness.models import CoreCapability

    cap = CoreCapability.objects.get(code="screening-search-and-detection")
    response = client.post(
        url("preparedness_objective_add", built.exercise.pk),
        {"text_es": "Detectar", "text_en": "Detect", "capabilities": [cap.pk]},
    )
    assert response.status_code == 302
    assert built.exercise.objectives.filter(number=3, text_en="Detect").exists()
    newcomer = UserFactory(agency=built.agency_b, roles=[Role.LIAISON])
    response = client.post(
        url("preparedness_participant_add", built.exercise.pk),
        {"user": newcomer.pk, "role": "evaluator"},
    )
    assert response.status_code == 302
    assert ExerciseParticipant.objects.filter(user=newcomer, role="evaluator").exists()
    response = client.post(
        url("preparedness_inject_add", built.exercise.pk),
        {
            "scheduled_at": "2010-02-16T12:00",
            "sender": "SIMCELL",
            "recipient": "SEDENA",
            "synopsis_es": "Un retén detecta radiación",
            "synopsis_en": "A checkpoint detects radiation",
            "objective": built.objectives[0].pk,
        },
    )
    assert response.status_code == 302
    assert built.exercise.injects.get(number=4).recipient == "SEDENA"


def test_a_participant_outside_the_agencies_is_refused_with_the_fields_error(as_user, built):
    response = as_user(built.director).post(
        url("preparedness_participant_add", built.exercise.pk),
        {"user": built.outsider.pk, "role": "player"},
    )
    assert response.status_code == 400
    assert "user" in response.context["participant_form"].errors
    assert not ExerciseParticipant.objects.filter(user=built.outsider).exists()


def test_the_picker_lists_only_users_of_the_exercises_agencies_and_coordinators(as_user, built):
    client = as_user(built.director)
    response = client.get(url("preparedness_participant_search", built.exercise.pk), {"q": "ex-"})
    assert response.status_code == 200
    labels = " ".join(label for _, label in response.context["rows"])
    assert "ex-player" in labels
    assert "ex-coord" in labels
    assert "ex-outsider" not in labels
    response = client.get(
        url("preparedness_participant_search", built.exercise.pk), {"q": "outsider"}
    )
    assert response.context["rows"] == []
    player = as_user(built.player)
    assert player.get(url("preparedness_participant_search", built.exercise.pk)).status_code == 403


def test_the_msel_is_in_order_and_costs_the_same_queries_for_more_injects(
    as_user, built, django_assert_max_num_queries
):
    Inject.objects.filter(pk=built.injects[0].pk).update(
        scheduled_at=built.injects[2].scheduled_at + datetime.timedelta(minutes=5)
    )
    client = as_user(built.coordinator)
    response = client.get(url("preparedness_msel", built.exercise.pk))
    assert [i.number for i in response.context["page"].object_list] == [2, 3, 1]
    with django_assert_max_num_queries(40) as captured:
        client.get(url("preparedness_msel", built.exercise.pk))
    few = len(captured.captured_queries)
    for n in range(4, 14):
        InjectFactory(exercise=built.exercise, number=n, objective=built.objectives[0])
    with django_assert_max_num_queries(few):
        response = client.get(url("preparedness_msel", built.exercise.pk))
    assert len(response.context["page"].object_list) == 13


def test_the_msel_export_has_every_inject_in_order(as_user, built):
    response = as_user(built.player).get(url("preparedness_msel_export", built.exercise.pk, "csv"))
    assert response.status_code == 200
    lines = b"".join(response.streaming_content).decode("utf-8-sig").splitlines()
    assert len(lines) == 4
    assert [line.split(",")[0] for line in lines[1:]] == ["1", "2", "3"]
    xlsx = as_user(built.player).get(url("preparedness_msel_export", built.exercise.pk, "xlsx"))
    assert xlsx.status_code == 200
    assert (
        as_user(built.player)
        .get(url("preparedness_msel_export", built.exercise.pk, "pdf"))
        .status_code
        == 404
    )


def test_a_delivered_inject_cannot_be_edited_through_the_page(as_user, built):
    inject = built.injects[0]
    Inject.objects.filter(pk=inject.pk).update(delivered_at=inject.scheduled_at)
    response = as_user(built.director).post(
        url("preparedness_inject_edit", built.exercise.pk, inject.pk),
        {
            "scheduled_at": "2010-02-16T12:00",
            "sender": "Otro",
            "recipient": "SEDENA",
            "synopsis_es": "x",
            "synopsis_en": "x",
        },
    )
    assert response.status_code == 400
    inject.refresh_from_db()
    assert inject.sender == "SIMCELL"


def test_the_director_edits_the_exercise(as_user, built):
    client = as_user(built.director)
    page = client.get(url("preparedness_exercise_edit", built.exercise.pk))
    assert page.status_code == 200
    data = {
        "title_es": built.exercise.title_es,
        "title_en": built.exercise.title_en,
        "kind": "drill",
        "cbrn_category": built.exercise.cbrn_category_id,
        "scenario_es": "x",
        "scenario_en": "y",
        "starts_on": "2010-02-16",
        "ends_on": "2010-02-16",
        "venue": "Monterrey",
        "classification": built.exercise.classification_id,
        "agencies": [built.agency_a.pk, built.agency_b.pk],
    }
    response = client.post(url("preparedness_exercise_edit", built.exercise.pk), data)
    assert response.status_code == 302
    built.exercise.refresh_from_db()
    assert (built.exercise.kind, built.exercise.venue) == ("drill", "Monterrey")
    response = as_user(built.player).post(
        url("preparedness_exercise_edit", built.exercise.pk), data | {"venue": "Tijuana"}
    )
    assert response.status_code == 403
    built.exercise.refresh_from_db()
    assert built.exercise.venue == "Monterrey"


def test_the_director_edits_and_removes_an_objective_through_the_pages(as_user, built):
    from nonprolif.preparedness.models import CoreCapability

    client = as_user(built.director)
    objective = built.objectives[1]
    edit = url("preparedness_objective_edit", built.exercise.pk, objective.pk)
    assert client.get(edit).status_code == 200
    cap = CoreCapability.objects.get(code="planning")
    response = client.post(edit, {"text_es": "Nuevo", "text_en": "New", "capabilities": [cap.pk]})
    assert response.status_code == 302
    objective.refresh_from_db()
    assert objective.text_en == "New"
    assert list(objective.capabilities.all()) == [cap]
    remove = url("preparedness_objective_remove", built.exercise.pk, objective.pk)
    response = client.post(remove)  # an inject names it: refused with the reason
    assert response.status_code == 302
    assert built.exercise.objectives.filter(pk=objective.pk).exists()
    Inject.objects.filter(objective=objective).update(objective=None)
    client.post(remove)
    assert not built.exercise.objectives.filter(pk=objective.pk).exists()


def test_a_player_cannot_edit_an_objective(as_user, built):
    objective = built.objectives[0]
    client = as_user(built.player)
    edit = url("preparedness_objective_edit", built.exercise.pk, objective.pk)
    assert client.get(edit).status_code == 403
    response = client.post(edit, {"text_es": "x", "text_en": "x", "capabilities": [1]})
    assert response.status_code == 403
    objective.refresh_from_db()
    assert objective.text_es != "x"
    remove = url("preparedness_objective_remove", built.exercise.pk, objective.pk)
    assert client.post(remove).status_code == 403
    assert built.exercise.objectives.filter(pk=objective.pk).exists()


def test_an_objective_of_another_exercise_is_404_under_this_one(as_user, built):
    from tests.preparedness.factories import ExerciseFactory, ObjectiveFactory

    second = ExerciseFactory(program=built.program, agencies=[built.agency_a])
    foreign = ObjectiveFactory(exercise=second, number=1)
    response = as_user(built.coordinator).get(
        url("preparedness_objective_edit", built.exercise.pk, foreign.pk)
    )
    assert response.status_code == 404
