"""API tokens expire, may be read-only, and note their last use at most once a minute."""

import datetime
import json
from unittest import mock

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext, override_settings
from django.urls import reverse
from django.utils import timezone

from nonprolif.core.domain.tokens import issue_token
from nonprolif.core.models import ApiToken, Official

API = "/api/v1"


def bearer(raw: str) -> Client:
    return Client(headers={"Authorization": f"Bearer {raw}"})


@override_settings(API_TOKEN_DAYS=30)
def test_a_token_expires_after_api_token_days(liaison_a):
    before = timezone.now()
    token, _raw = issue_token(user=liaison_a, name="script")
    assert before + datetime.timedelta(days=30) <= token.expires_at
    assert token.expires_at <= timezone.now() + datetime.timedelta(days=30)


def test_an_expired_token_gets_401_and_shows_as_expired(as_user, liaison_a):
    token, raw = issue_token(user=liaison_a, name="script")
    assert bearer(raw).get(f"{API}/me").status_code == 200
    ApiToken.objects.filter(pk=token.pk).update(
        expires_at=timezone.now() - datetime.timedelta(seconds=1)
    )
    assert bearer(raw).get(f"{API}/me").status_code == 401
    assert bearer(raw).get(f"{API}/officials").status_code == 401
    page = as_user(liaison_a).get(reverse("token_list"))
    assert "Venció el" in page.content.decode()  # liaison_a reads Spanish
    assert reverse("token_revoke", args=[token.pk]) not in page.content.decode()


def test_a_read_only_token_reads_and_gets_403_on_writes(liaison_a, agency_a):
    _token, raw = issue_token(user=liaison_a, name="reader", read_only=True)
    client = bearer(raw)
    assert client.get(f"{API}/officials").status_code == 200
    body = json.dumps({"agency": "AAA", "given_names": "Ana", "family_names": "Ruiz"})
    response = client.post(f"{API}/officials", body, content_type="application/json")
    assert response.status_code == 403
    assert not Official.objects.exists()
    for method in (client.patch, client.put, client.delete):
        assert method(f"{API}/officials/1", body, content_type="application/json").status_code in {
            403,
            405,
        }
    # a read-write token of the same user writes
    _token, raw = issue_token(user=liaison_a, name="writer")
    response = bearer(raw).post(f"{API}/officials", body, content_type="application/json")
    assert response.status_code == 201


def test_the_tokens_page_issues_read_only_tokens(as_user, liaison_a):
    as_user(liaison_a).post(reverse("token_list"), {"name": "reader", "read_only": "on"})
    as_user(liaison_a).post(reverse("token_list"), {"name": "writer"})
    assert dict(ApiToken.objects.values_list("name", "read_only")) == {
        "reader": True,
        "writer": False,
    }


def token_updates(captured) -> int:
    return sum(
        1
        for query in captured.captured_queries
        if query["sql"].startswith("UPDATE") and "core_apitoken" in query["sql"]
    )


def test_last_used_at_is_written_once_for_many_requests_within_a_minute(liaison_a):
    token, raw = issue_token(user=liaison_a, name="script")
    client = bearer(raw)
    with CaptureQueriesContext(connection) as captured:
        for _ in range(10):
            assert client.get(f"{API}/me").status_code == 200
    assert token_updates(captured) == 1
    first = ApiToken.objects.get(pk=token.pk).last_used_at
    assert first is not None

    later = first + datetime.timedelta(seconds=61)
    with (
        mock.patch("django.utils.timezone.now", return_value=later),
        CaptureQueriesContext(connection) as captured,
    ):
        assert client.get(f"{API}/me").status_code == 200
        assert client.get(f"{API}/me").status_code == 200
    assert token_updates(captured) == 1
    assert ApiToken.objects.get(pk=token.pk).last_used_at == later


def test_the_write_is_conditional_so_concurrent_requests_write_once(liaison_a):
    """Two requests that both read a stale time: only the first UPDATE matches."""
    from nonprolif.api.auth import touch_last_used

    token, _raw = issue_token(user=liaison_a, name="script")
    stale_a, stale_b = ApiToken.objects.get(pk=token.pk), ApiToken.objects.get(pk=token.pk)
    touch_last_used(stale_a)
    written = ApiToken.objects.get(pk=token.pk).last_used_at
    with mock.patch(
        "django.utils.timezone.now", return_value=written + datetime.timedelta(seconds=5)
    ):
        touch_last_used(stale_b)  # read None before the first write: its UPDATE matches nothing
    assert ApiToken.objects.get(pk=token.pk).last_used_at == written
