"""A change of roles or agency, a deactivation or a password change ends the user's sessions
at their next request (the session stamp is part of the session hash); a deactivated user's
tokens fail at once."""

import pytest
from django.test import Client
from django.urls import reverse

from nonprolif.core.domain.accounts import set_password, update_account
from nonprolif.core.domain.tokens import issue_token

STRONG = "a-long-and-unusual-passphrase-42"


def signed_in(client) -> bool:
    return client.get(reverse("official_list")).status_code == 200


@pytest.mark.parametrize(
    "change",
    [{"roles": ["auditor"]}, {"agency": "BBB"}, {"roles": []}],
    ids=["role", "agency", "no-role"],
)
def test_a_change_of_roles_or_agency_ends_the_users_sessions(
    as_user, administrator, liaison_a, agency_b, change
):
    client = as_user(liaison_a)
    assert signed_in(client)
    if "roles" in change:
        change["agency"] = None
    update_account(actor=administrator, user=liaison_a, **change)
    response = client.get(reverse("official_list"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_an_unrelated_save_keeps_the_session(as_user, liaison_a):
    client = as_user(liaison_a)
    liaison_a.first_name = "Ana"
    liaison_a.save()
    assert signed_in(client)


def test_deactivation_ends_sessions_and_tokens_at_the_next_request(
    as_user, administrator, liaison_a
):
    client = as_user(liaison_a)
    _token, raw = issue_token(user=liaison_a, name="script")
    api = Client(headers={"Authorization": f"Bearer {raw}"})
    assert api.get("/api/v1/me").status_code == 200
    update_account(actor=administrator, user=liaison_a, is_active=False)
    assert client.get(reverse("official_list")).status_code == 302
    assert client.get("/api/v1/me").status_code == 401
    assert api.get("/api/v1/me").status_code == 401


def test_reactivation_does_not_bring_back_old_sessions_or_tokens(as_user, administrator, liaison_a):
    client = as_user(liaison_a)
    _token, raw = issue_token(user=liaison_a, name="script")
    update_account(actor=administrator, user=liaison_a, is_active=False)
    update_account(actor=administrator, user=liaison_a, is_active=True)
    assert not signed_in(client)
    assert Client(headers={"Authorization": f"Bearer {raw}"}).get("/api/v1/me").status_code == 401


def test_an_administrator_setting_a_password_ends_sessions_and_tokens(
    as_user, administrator, liaison_a
):
    client = as_user(liaison_a)
    _token, raw = issue_token(user=liaison_a, name="script")
    set_password(actor=administrator, user=liaison_a, password=STRONG)
    assert not signed_in(client)
    assert Client(headers={"Authorization": f"Bearer {raw}"}).get("/api/v1/me").status_code == 401
