"""Venues and blackout dates: the coordinator keeps them; a blackout date moves sessions."""

import datetime

import pytest
from django.urls import reverse

from nonprolif.training.models import BlackoutDate, Session, SessionParticipant, Venue


def url(program):
    return reverse("venue_list", args=[program.code])


def test_the_coordinator_adds_a_venue(as_user, coordinator, program):
    response = as_user(coordinator).post(
        url(program), {"form": "venue", "venue-name": "Sede", "venue-city": "Cancún"}
    )

    assert response.status_code == 302
    assert Venue.objects.get().name == "Sede"


def test_a_blackout_date_moves_the_sessions_on_it(
    as_user, coordinator, calendar, program, training_item
):
    response = as_user(coordinator).post(
        url(program),
        {"form": "blackout", "blackout-date": "2009-10-23", "blackout-reason_en": "Strike"},
    )

    assert response.status_code == 302
    first = Session.objects.get(item_key=training_item.key, cohort=1)
    assert first.start == datetime.date(2009, 10, 26)
    assert "a blackout date" in first.reason_en


def test_a_held_back_move_after_a_blackout_waits_and_removing_it_clears_it(
    as_user, coordinator, cohort, program, official_a
):
    SessionParticipant.objects.create(session=cohort, official=official_a)
    client = as_user(coordinator)
    client.post(url(program), {"form": "blackout", "blackout-date": "2010-01-25"})
    cohort.refresh_from_db()
    assert cohort.start == datetime.date(2010, 1, 25)
    assert cohort.pending["start"] == "2010-01-26"

    client.post(reverse("blackout_delete", args=[BlackoutDate.objects.get().pk]))

    cohort.refresh_from_db()
    assert cohort.pending is None


def test_a_duplicate_blackout_date_is_refused(as_user, coordinator, program):
    BlackoutDate.objects.create(program=program, date=datetime.date(2009, 12, 24))

    response = as_user(coordinator).post(
        url(program), {"form": "blackout", "blackout-date": "2009-12-24"}
    )

    assert response.status_code == 400
    assert BlackoutDate.objects.count() == 1


@pytest.mark.parametrize("user", ["liaison_a", "partner", "auditor"])
def test_others_read_but_do_not_change(user, request, as_user, program):
    client = as_user(request.getfixturevalue(user))
    blackout = BlackoutDate.objects.create(program=program, date=datetime.date(2009, 12, 24))

    assert client.get(url(program)).status_code == 200
    assert (
        client.post(
            url(program), {"form": "venue", "venue-name": "X", "venue-city": "Y"}
        ).status_code
        == 403
    )
    assert client.get(reverse("blackout_delete", args=[blackout.pk])).status_code == 403
    assert client.post(reverse("blackout_delete", args=[blackout.pk])).status_code == 403
    assert not Venue.objects.exists()
    assert BlackoutDate.objects.count() == 1


def test_outsiders_get_404(as_user, outsider, program):
    blackout = BlackoutDate.objects.create(program=program, date=datetime.date(2009, 12, 24))
    client = as_user(outsider)

    assert client.get(url(program)).status_code == 404
    assert client.get(reverse("blackout_delete", args=[blackout.pk])).status_code == 404
    assert client.post(reverse("blackout_delete", args=[blackout.pk])).status_code == 404
    assert BlackoutDate.objects.count() == 1


def test_removing_a_blackout_date_asks_first_and_changes_nothing(as_user, coordinator, program):
    blackout = BlackoutDate.objects.create(
        program=program, date=datetime.date(2009, 12, 24), reason_en="Christmas Eve"
    )
    coordinator.language = "en"
    coordinator.save(update_fields=["language"])
    client = as_user(coordinator)
    delete_url = reverse("blackout_delete", args=[blackout.pk])
    assert f'href="{delete_url}"' in client.get(url(program)).content.decode()

    response = client.get(delete_url)

    assert response.status_code == 200
    page = response.content.decode()
    assert "Remove the blackout date Dec. 24, 2009?" in page
    assert "Reason: Christmas Eve" in page
    assert BlackoutDate.objects.count() == 1
    assert client.post(delete_url).status_code == 302
    assert not BlackoutDate.objects.exists()
