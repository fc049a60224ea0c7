"""The session page: details, edit, participants."""

import pytest
from django.urls import reverse

from nonprolif.training.models import SessionParticipant, Venue


def test_the_session_page_shows_the_planned_date_and_why_it_moved(as_user, coordinator, cohort):
    coordinator.language = "en"
    coordinator.save()

    response = as_user(coordinator).get(reverse("session_detail", args=[cohort.pk]))

    page = response.content.decode()
    assert response.status_code == 200
    assert "Jan. 23, 2010 is a Saturday, moved to Monday Jan. 25, 2010" in page


def test_the_participants_list_shows_only_officials_the_viewer_can_see(
    as_user, liaison_b, cohort, official_a, official_b
):
    SessionParticipant.objects.create(session=cohort, official=official_a)
    SessionParticipant.objects.create(session=cohort, official=official_b)

    response = as_user(liaison_b).get(reverse("session_detail", args=[cohort.pk]))

    assert [p.official for p in response.context["participants"]] == [official_b]
    assert "Alvarez" not in response.content.decode()


def test_another_agencys_liaison_gets_404_on_a_senior_session(as_user, liaison_b, senior_a):
    client = as_user(liaison_b)

    assert client.get(reverse("session_detail", args=[senior_a.pk])).status_code == 404
    assert client.get(reverse("session_edit", args=[senior_a.pk])).status_code == 404


def test_outsiders_get_404_and_change_nothing(as_user, outsider, cohort, official_a):
    client = as_user(outsider)

    assert client.get(reverse("session_detail", args=[cohort.pk])).status_code == 404
    response = client.post(
        reverse("session_edit", args=[cohort.pk]), {"capacity": 3, "language": "en"}
    )
    assert response.status_code == 404
    response = client.post(
        reverse("session_participant_add", args=[cohort.pk]),
        {"participant-official": official_a.pk},
    )
    assert response.status_code == 404
    cohort.refresh_from_db()
    assert cohort.capacity == 50
    assert not cohort.participants.exists()


def test_the_coordinator_edits_venue_capacity_and_language(as_user, coordinator, cohort, program):
    venue = Venue.objects.create(program=program, name="Sede", city="Ciudad de México")

    response = as_user(coordinator).post(
        reverse("session_edit", args=[cohort.pk]),
        {"venue": venue.pk, "capacity": 40, "language": "en"},
    )

    assert response.status_code == 302
    cohort.refresh_from_db()
    assert (cohort.venue, cohort.capacity, cohort.language) == (venue, 40, "en")


def test_a_zero_capacity_is_a_clear_error_and_changes_nothing(as_user, coordinator, cohort):
    response = as_user(coordinator).post(
        reverse("session_edit", args=[cohort.pk]), {"capacity": 0, "language": "en"}
    )

    assert response.status_code == 400
    assert "capacity" in response.context["form"].errors
    cohort.refresh_from_db()
    assert (cohort.capacity, cohort.language) == (50, "es-mx")


def test_a_liaison_may_read_but_not_edit_a_session(as_user, liaison_a, cohort):
    client = as_user(liaison_a)

    assert client.get(reverse("session_detail", args=[cohort.pk])).status_code == 200
    response = client.post(
        reverse("session_edit", args=[cohort.pk]), {"capacity": 3, "language": "en"}
    )
    assert response.status_code == 403
    cohort.refresh_from_db()
    assert cohort.capacity == 50


def test_the_coordinator_adds_and_removes_participants(as_user, coordinator, cohort, official_a):
    client = as_user(coordinator)

    response = client.post(
        reverse("session_participant_add", args=[cohort.pk]),
        {"participant-official": official_a.pk},
    )
    assert response.status_code == 302
    assert list(cohort.participants.values_list("official", flat=True)) == [official_a.pk]

    response = client.post(reverse("session_participant_remove", args=[cohort.pk, official_a.pk]))
    assert response.status_code == 302
    assert not cohort.participants.exists()


def test_a_senior_session_offers_only_senior_officials_of_its_agency(
    as_user, coordinator, senior_a, official_a, senior_official_a
):
    response = as_user(coordinator).get(reverse("session_detail", args=[senior_a.pk]))

    offered = list(response.context["participant_form"].fields["official"].queryset)
    assert offered == [senior_official_a]

    response = as_user(coordinator).post(
        reverse("session_participant_add", args=[senior_a.pk]),
        {"participant-official": official_a.pk},
    )
    assert response.status_code == 400
    assert not senior_a.participants.exists()


@pytest.mark.parametrize("user", ["liaison_a", "auditor", "partner"])
def test_only_coordinators_manage_participants(user, request, as_user, cohort, official_a):
    SessionParticipant.objects.create(session=cohort, official=official_a)
    client = as_user(request.getfixturevalue(user))

    assert (
        client.post(
            reverse("session_participant_remove", args=[cohort.pk, official_a.pk])
        ).status_code
        == 403
    )
    assert cohort.participants.count() == 1
