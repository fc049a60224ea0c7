"""Sessions end SESSION_IDLE_TIMEOUT after the last request and SESSION_ABSOLUTE_TIMEOUT after
the sign-in (the timestamps the session keeps are moved back; nothing sleeps)."""

import time

from django.conf import settings
from django.urls import reverse

from nonprolif.core.middleware import LAST_SEEN_AT, SIGNED_IN_AT

IDLE = settings.SESSION_IDLE_TIMEOUT.total_seconds()
ABSOLUTE = settings.SESSION_ABSOLUTE_TIMEOUT.total_seconds()


def move_back(client, *, signed_in=0.0, seen=0.0):
    session = client.session
    session[SIGNED_IN_AT] -= signed_in
    session[LAST_SEEN_AT] -= seen
    session.save()


def test_the_defaults_are_30_minutes_and_12_hours_and_the_cookie_no_longer():
    assert IDLE == 30 * 60
    assert ABSOLUTE == 12 * 3600
    assert settings.SESSION_COOKIE_AGE <= ABSOLUTE


def test_sign_in_starts_both_clocks(as_user, liaison_a):
    client = as_user(liaison_a)
    session = client.session
    assert abs(session[SIGNED_IN_AT] - time.time()) < 60
    assert session[LAST_SEEN_AT] == session[SIGNED_IN_AT]


def test_an_idle_session_ends_and_the_user_is_sent_to_sign_in(as_user, liaison_a):
    client = as_user(liaison_a)
    url = reverse("agency_list")
    assert client.get(url).status_code == 200
    move_back(client, signed_in=IDLE + 1, seen=IDLE + 1)
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"] == f"{reverse('login')}?next={url}"
    assert "_auth_user_id" not in client.session
    page = client.get(response["Location"])
    assert "inactividad" in page.content.decode() or "inactivity" in page.content.decode()
    assert client.get(url).status_code == 302  # still signed out


def test_a_session_used_within_the_idle_timeout_goes_on(as_user, liaison_a):
    client = as_user(liaison_a)
    move_back(client, signed_in=IDLE - 60, seen=IDLE - 60)
    before = client.session[LAST_SEEN_AT]
    assert client.get(reverse("agency_list")).status_code == 200
    assert client.session[LAST_SEEN_AT] > before + IDLE - 120


def test_a_session_ends_at_the_absolute_timeout_however_active(as_user, coordinator):
    client = as_user(coordinator)
    move_back(client, signed_in=ABSOLUTE + 1)  # last request: now
    response = client.get(reverse("agency_list"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))
    assert "_auth_user_id" not in client.session


def test_the_api_answers_401_to_an_expired_session(as_user, liaison_a):
    client = as_user(liaison_a)
    assert client.get("/api/v1/agencies").status_code == 200
    move_back(client, seen=IDLE + 1)
    response = client.get("/api/v1/agencies")
    assert response.status_code == 401
    assert "_auth_user_id" not in client.session


def test_the_last_request_time_is_written_at_most_once_a_minute(as_user, liaison_a):
    client = as_user(liaison_a)
    move_back(client, seen=10)
    before = client.session[LAST_SEEN_AT]
    client.get(reverse("agency_list"))
    assert client.session[LAST_SEEN_AT] == before
