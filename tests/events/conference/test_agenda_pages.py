"""The published agenda's speaker pages and its feeds: a page per speaker from the release,
and the iCalendar, frab XML and JSON of the latest release behind a revocable secret URL that
apps read without a login."""

import json
import re

import pytest
from django.urls import reverse

from nonprolif.core.models import AuditEntry
from nonprolif.events.conference.domain.releases import publish_schedule
from nonprolif.events.models import ConferenceFeed

from .conftest import TalkFactory, at

pytestmark = pytest.mark.django_db


@pytest.fixture
def published(coordinator, conference, opening):
    return publish_schedule(actor=coordinator, conference=conference)


def test_each_speaker_has_a_page_with_his_talks(as_user, liaison_b, conference, published, speaker):
    client = as_user(liaison_b)
    agenda = client.get(reverse("conference_agenda", args=[conference.pk])).content.decode()
    url = reverse("conference_agenda_speaker", args=[conference.pk, speaker.pk])
    assert f'href="{url}"' in agenda
    page = client.get(url)
    assert page.status_code == 200
    html = page.content.decode()
    assert "<h1>Dana Whitfield</h1>" in html
    assert "Counterproliferation" in html
    assert "Opening" in html
    assert "Salón Caribe" in html
    assert AuditEntry.objects.filter(action="agenda.speaker").exists()


def test_a_speaker_page_follows_the_release_not_the_draft(
    as_user, liaison_a, coordinator, conference, published, speaker, small_room, place
):
    place(
        TalkFactory(conference=conference, title_en="Draft only", speakers=[speaker]),
        small_room,
        at(1, 9),
        at(1, 10),
    )
    url = reverse("conference_agenda_speaker", args=[conference.pk, speaker.pk])
    assert "Draft only" not in as_user(liaison_a).get(url).content.decode()


def test_a_speaker_not_in_the_release_is_404(
    as_user, liaison_a, conference, published, other_speaker
):
    url = reverse("conference_agenda_speaker", args=[conference.pk, other_speaker.pk])
    assert as_user(liaison_a).get(url).status_code == 404


def test_outsiders_get_404_for_speaker_pages(as_user, outsider, conference, published, speaker):
    url = reverse("conference_agenda_speaker", args=[conference.pk, speaker.pk])
    assert as_user(outsider).get(url).status_code == 404


def _create_feed(client, conference) -> dict[str, str]:
    response = client.post(reverse("conference_feeds", args=[conference.pk]))
    assert response.status_code == 200
    html = response.content.decode()
    return {
        name: re.search(rf'id="feed-{name}" type="text" readonly value="([^"]+)"', html).group(1)
        for name in ("ics", "xml", "json")
    }


def test_a_feed_serves_the_agenda_without_a_login_in_three_formats(
    as_user, client, liaison_a, conference, published
):
    urls = _create_feed(as_user(liaison_a), conference)
    feed = ConferenceFeed.objects.get()
    assert feed.created_by == liaison_a
    assert AuditEntry.objects.filter(action="conference_feed.create").count() == 1
    ics = client.get(urls["ics"])
    assert ics.status_code == 200
    assert ics["Content-Type"] == "text/calendar; charset=utf-8"
    assert b"BEGIN:VCALENDAR" in ics.content
    assert b"Opening" in ics.content
    xml = client.get(urls["xml"])
    assert xml.status_code == 200
    assert xml["Content-Type"] == "application/xml; charset=utf-8"
    assert b"<schedule>" in xml.content
    document = client.get(urls["json"])
    assert json.loads(document.content)["release"]["version"] == 1
    reads = AuditEntry.objects.filter(action="conference_feed.read", object_id=str(feed.pk))
    assert reads.count() == 3
    assert reads.first().actor_id == liaison_a.pk


def test_a_feed_follows_the_latest_release(
    as_user, client, coordinator, liaison_a, conference, published, hall, opening
):
    from nonprolif.events.conference.domain.timetable import place_talk

    urls = _create_feed(as_user(liaison_a), conference)
    place_talk(actor=coordinator, talk=opening, room=hall, starts_at=at(1, 9), ends_at=at(1, 10))
    publish_schedule(actor=coordinator, conference=conference)
    assert json.loads(client.get(urls["json"]).content)["release"]["version"] == 2


def test_a_revoked_feed_answers_404(as_user, client, liaison_a, conference, published):
    signed_in = as_user(liaison_a)
    urls = _create_feed(signed_in, conference)
    feed = ConferenceFeed.objects.get()
    response = signed_in.post(reverse("conference_feed_revoke", args=[feed.pk]))
    assert response.status_code == 302
    feed.refresh_from_db()
    assert feed.revoked_at is not None
    assert AuditEntry.objects.filter(action="conference_feed.revoke").count() == 1
    for url in urls.values():
        assert client.get(url).status_code == 404


def test_revoking_a_feed_asks_first_and_changes_nothing(
    as_user, client, liaison_a, conference, published
):
    signed_in = as_user(liaison_a)
    urls = _create_feed(signed_in, conference)
    feed = ConferenceFeed.objects.get()
    url = reverse("conference_feed_revoke", args=[feed.pk])
    listing = signed_in.get(reverse("conference_feeds", args=[conference.pk]))
    assert f'href="{url}"' in listing.content.decode()
    response = signed_in.get(url)
    assert response.status_code == 200
    assert f"Revoke the agenda feed {feed.hint}…?" in response.content.decode()
    feed.refresh_from_db()
    assert feed.revoked_at is None
    assert client.get(urls["ics"]).status_code == 200


def test_an_unknown_token_and_a_creator_who_lost_access_answer_404(
    as_user, client, liaison_a, conference, published
):
    assert client.get(reverse("conference_feed_ics", args=["npagenda_nothing"])).status_code == 404
    urls = _create_feed(as_user(liaison_a), conference)
    liaison_a.is_active = False
    liaison_a.save(update_fields=["is_active"])
    assert client.get(urls["xml"]).status_code == 404


def test_someone_else_cannot_revoke_a_feed_nor_see_it(
    as_user, liaison_a, coordinator, outsider, conference, published
):
    _create_feed(as_user(liaison_a), conference)
    feed = ConferenceFeed.objects.get()
    url = reverse("conference_feed_revoke", args=[feed.pk])
    for user in (coordinator, outsider):
        assert as_user(user).get(url).status_code == 404
        assert as_user(user).post(url).status_code == 404
    feed.refresh_from_db()
    assert feed.revoked_at is None
    listing = as_user(coordinator).get(reverse("conference_feeds", args=[conference.pk]))
    assert feed.hint not in listing.content.decode()


def test_outsiders_cannot_create_feeds(as_user, outsider, conference, published):
    client = as_user(outsider)
    assert client.post(reverse("conference_feeds", args=[conference.pk])).status_code == 404
    assert client.get(reverse("conference_feeds", args=[conference.pk])).status_code == 404
    assert not ConferenceFeed.objects.exists()


def test_a_feed_before_anything_is_published_answers_404(as_user, client, liaison_a, conference):
    urls = _create_feed(as_user(liaison_a), conference)
    assert client.get(urls["ics"]).status_code == 404


def test_the_feed_list_costs_the_same_for_one_or_three_feeds(
    as_user, liaison_a, conference, published, count_queries
):
    client = as_user(liaison_a)
    url = reverse("conference_feeds", args=[conference.pk])
    client.post(url)
    one, _ = count_queries(lambda: client.get(url))
    client.post(url)
    client.post(url)
    three, page = count_queries(lambda: client.get(url))
    assert page.content.decode().count('<span class="visually-hidden"> the feed ') == 3
    assert one == three


def test_the_feed_list_shows_a_revoke_link_or_when_it_was_revoked(
    as_user, liaison_a, conference, published
):
    liaison_a.language = "en"
    liaison_a.save(update_fields=["language"])
    client = as_user(liaison_a)
    _create_feed(client, conference)
    _create_feed(client, conference)
    revoked, active = ConferenceFeed.objects.order_by("pk")
    client.post(reverse("conference_feed_revoke", args=[revoked.pk]))

    page = client.get(reverse("conference_feeds", args=[conference.pk])).content.decode()

    url = reverse("conference_feed_revoke", args=[active.pk])
    assert (
        f'<a href="{url}">Revoke<span class="visually-hidden"> the feed {active.hint}</span></a>'
    ) in page
    assert f'href="{reverse("conference_feed_revoke", args=[revoked.pk])}"' not in page
    assert page.count("Revoked ") == 1
