"""Calendar feeds: the feeds page and the public feed URL."""

import datetime

import pytest
from django.test import Client
from django.urls import reverse
from icalendar import Calendar

from nonprolif.training.calendar.domain import create_feed, regenerate_sessions, revoke_feed
from nonprolif.training.models import CalendarFeed, Session, SessionParticipant


def events(response) -> list:
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    return Calendar.from_ical(response.content).walk("VEVENT")


def feed_path(raw):
    return reverse("training_feed", args=[raw])


def test_a_program_feed_works_without_a_login_one_event_per_session(calendar, coordinator, program):
    _feed, raw = create_feed(actor=coordinator, program=program, scope="program")

    found = events(Client().get(feed_path(raw)))

    assert sorted(str(e["UID"]) for e in found) == sorted(s.uid for s in Session.objects.all())


def test_uids_stay_and_sequence_rises_across_regeneration(
    calendar, coordinator, program, training_item, accept
):
    _feed, raw = create_feed(actor=coordinator, program=program, scope="program")
    before = {str(e["UID"]): int(e["SEQUENCE"]) for e in events(Client().get(feed_path(raw)))}

    accept(training_item, "amended", cohort_size=30)
    regenerate_sessions(program=program, actor=coordinator)

    after = {str(e["UID"]): int(e["SEQUENCE"]) for e in events(Client().get(feed_path(raw)))}
    assert set(after) == set(before)
    cohorts = set(Session.objects.filter(item_key=training_item.key).values_list("uid", flat=True))
    assert all(after[uid] == before[uid] + 1 for uid in cohorts)
    assert all(after[uid] == before[uid] for uid in set(after) - cohorts)


def test_a_revoked_or_unknown_token_gets_404(calendar, coordinator, program):
    feed, raw = create_feed(actor=coordinator, program=program, scope="program")
    revoke_feed(actor=coordinator, feed=feed)

    assert Client().get(feed_path(raw)).status_code == 404
    assert Client().get(feed_path("npcal_nothing-here")).status_code == 404


def test_a_feed_of_a_deactivated_creator_gets_404(calendar, coordinator, program):
    _feed, raw = create_feed(actor=coordinator, program=program, scope="program")
    coordinator.is_active = False
    coordinator.save()

    assert Client().get(feed_path(raw)).status_code == 404


def test_an_agency_feed_never_shows_more_than_its_creator_sees_now(
    calendar, liaison_b, program, agency_b, senior_a, senior_b
):
    _feed, raw = create_feed(actor=liaison_b, program=program, scope="agency", agency=agency_b)

    uids = {str(e["UID"]) for e in events(Client().get(feed_path(raw)))}
    assert senior_b.uid in uids
    assert senior_a.uid not in uids
    assert len(uids) == 5

    program.member_agencies.remove(agency_b)  # the agency leaves the program
    assert events(Client().get(feed_path(raw))) == []


def test_an_official_feed_shows_his_sessions_in_his_creators_language(
    calendar, liaison_a, program, official_a, cohort
):
    liaison_a.language = "en"
    liaison_a.save()
    SessionParticipant.objects.create(session=cohort, official=official_a)
    _feed, raw = create_feed(
        actor=liaison_a, program=program, scope="official", official=official_a
    )

    [event] = events(Client().get(feed_path(raw)))

    assert str(event["UID"]) == cohort.uid
    assert str(event["SUMMARY"]) == "Training calendar · Cohort 2"
    assert event["DTSTART"].dt == datetime.date(2010, 1, 25)
    assert event["DTEND"].dt == datetime.date(2010, 1, 30)


def test_the_feeds_page_creates_a_feed_and_shows_its_url_once(as_user, auditor, program):
    client = as_user(auditor)

    response = client.post(reverse("feed_list", args=[program.code]), {"scope": "program"})

    assert response.status_code == 200
    url = response.context["feed_url"]
    assert "/feeds/npcal_" in url
    assert url.endswith(".ics")
    assert CalendarFeed.objects.get().created_by == auditor
    assert client.get(reverse("feed_list", args=[program.code])).context["feed_url"] is None


def test_a_liaison_cannot_create_a_feed_of_another_agency_or_its_officials(
    as_user, liaison_b, program, agency_a, official_a
):
    client = as_user(liaison_b)
    url = reverse("feed_list", args=[program.code])

    for data in (
        {"scope": "agency", "agency": agency_a.pk},
        {"scope": "official", "official": official_a.pk},
        {"scope": "program"},
    ):
        response = client.post(url, data)
        assert response.status_code == 400, data

    assert not CalendarFeed.objects.exists()


def test_a_user_revokes_his_own_feed_but_not_anothers(as_user, auditor, coordinator, program):
    feed, raw = create_feed(actor=coordinator, program=program, scope="program")

    assert as_user(auditor).get(reverse("feed_revoke", args=[feed.pk])).status_code == 404
    assert as_user(auditor).post(reverse("feed_revoke", args=[feed.pk])).status_code == 404
    feed.refresh_from_db()
    assert feed.revoked_at is None

    response = as_user(coordinator).post(reverse("feed_revoke", args=[feed.pk]))
    assert response.status_code == 302
    assert Client().get(feed_path(raw)).status_code == 404


def test_revoking_a_feed_asks_first_and_changes_nothing(as_user, calendar, coordinator, program):
    coordinator.language = "en"
    coordinator.save(update_fields=["language"])
    feed, raw = create_feed(actor=coordinator, program=program, scope="program")
    client = as_user(coordinator)
    url = reverse("feed_revoke", args=[feed.pk])
    assert f'href="{url}"' in client.get(reverse("feed_list", args=[program.code])).content.decode()
    response = client.get(url)
    assert response.status_code == 200
    assert f"Revoke the calendar feed of {feed.subject}?" in response.content.decode()
    feed.refresh_from_db()
    assert feed.revoked_at is None
    assert Client().get(feed_path(raw)).status_code == 200


@pytest.mark.parametrize("user", ["outsider", "administrator"])
def test_users_outside_the_program_get_404_on_the_feeds_page(user, request, as_user, program):
    client = as_user(request.getfixturevalue(user))

    assert (
        client.post(reverse("feed_list", args=[program.code]), {"scope": "program"}).status_code
        == 404
    )
    assert not CalendarFeed.objects.exists()


def test_the_feed_list_shows_a_revoke_link_or_when_it_was_revoked(as_user, coordinator, program):
    coordinator.language = "en"
    coordinator.save(update_fields=["language"])
    active, _raw = create_feed(actor=coordinator, program=program, scope="program")
    revoked, _raw = create_feed(actor=coordinator, program=program, scope="program")
    revoke_feed(actor=coordinator, feed=revoked)

    page = as_user(coordinator).get(reverse("feed_list", args=[program.code])).content.decode()

    url = reverse("feed_revoke", args=[active.pk])
    assert (
        f'<a href="{url}">Revoke<span class="visually-hidden"> the feed of {active.subject}'
        "</span></a>"
    ) in page
    assert f'href="{reverse("feed_revoke", args=[revoked.pk])}"' not in page
    assert page.count("Revoked ") == 1
