"""Accounts and role grants over the API: administrators only; nobody promotes himself."""

import json

import pytest
from django.test import Client

from nonprolif.core.domain.accounts import grant_role
from nonprolif.core.domain.tokens import issue_token
from nonprolif.core.models import AuditEntry, GrantState, Outcome, RoleGrant, User
from nonprolif.core.roles import Role
from tests.factories import UserFactory

API = "/api/v1"


def api(user) -> Client:
    _token, raw = issue_token(user=user, name="tests")
    return Client(headers={"Authorization": f"Bearer {raw}"})


def patch(client, url, data):
    return client.patch(url, json.dumps(data), content_type="application/json")


@pytest.fixture
def second_administrator(db):
    return UserFactory(username="administrator2", roles=[Role.ADMINISTRATOR])


def test_administrator_lists_accounts_paginated(administrator, liaison_a, liaison_b):
    client = api(administrator)
    page = client.get(f"{API}/accounts", {"limit": 2}).json()
    assert page["count"] == 3
    assert [item["username"] for item in page["items"]] == ["administrator", "liaison_a"]
    rest = client.get(f"{API}/accounts", {"limit": 2, "offset": 2}).json()
    assert [item["username"] for item in rest["items"]] == ["liaison_b"]
    assert rest["items"][0]["roles"] == ["liaison"]
    assert rest["items"][0]["agency"] == "BBB"
    assert client.get(f"{API}/accounts", {"limit": 101}).status_code == 422
    assert client.get(f"{API}/accounts", {"q": "liaison_a"}).json()["count"] == 1


def test_one_account_and_404(administrator, liaison_a):
    client = api(administrator)
    body = client.get(f"{API}/accounts/{liaison_a.pk}").json()
    assert (body["username"], body["is_active"], body["pending_roles"]) == (
        "liaison_a",
        True,
        [],
    )
    assert client.get(f"{API}/accounts/999999").status_code == 404


@pytest.mark.parametrize("method", ["list", "one", "patch", "grants"])
def test_non_administrators_get_403(coordinator, liaison_a, method):
    client = api(coordinator)
    response = {
        "list": lambda: client.get(f"{API}/accounts"),
        "one": lambda: client.get(f"{API}/accounts/{liaison_a.pk}"),
        "patch": lambda: patch(client, f"{API}/accounts/{liaison_a.pk}", {"is_active": False}),
        "grants": lambda: client.get(f"{API}/grants"),
    }[method]()
    assert response.status_code == 403
    assert User.objects.get(pk=liaison_a.pk).is_active


def test_administrator_promoting_himself_through_the_api_is_refused_and_audited(administrator):
    response = patch(
        api(administrator),
        f"{API}/accounts/{administrator.pk}",
        {"roles": ["administrator", "coordinator"]},
    )
    assert response.status_code == 403
    assert sorted(User.objects.get(pk=administrator.pk).groups.values_list("name", flat=True)) == [
        "administrator"
    ]
    assert not RoleGrant.objects.exists()
    entry = AuditEntry.objects.get(outcome=Outcome.DENIED)
    assert (entry.action, entry.actor) == ("user.update", administrator)


def test_patch_changes_only_what_is_sent(administrator, liaison_a, agency_b):
    client = api(administrator)
    response = patch(client, f"{API}/accounts/{liaison_a.pk}", {"agency": "BBB"})
    assert response.status_code == 200
    assert response.json()["agency"] == "BBB"
    assert response.json()["roles"] == ["liaison"]
    response = patch(client, f"{API}/accounts/{liaison_a.pk}", {"is_active": False})
    assert response.json()["is_active"] is False
    assert User.objects.get(pk=liaison_a.pk).agency == agency_b


def test_patch_with_bad_input_is_422_naming_the_field(administrator, liaison_a):
    client = api(administrator)
    url = f"{API}/accounts/{liaison_a.pk}"
    fields = {item["field"] for item in patch(client, url, {"agency": "NOPE"}).json()["detail"]}
    assert fields == {"agency"}
    response = patch(client, url, {"agency": None})  # a liaison needs an agency
    assert response.status_code == 422
    assert {item["field"] for item in response.json()["detail"]} == {"agency"}
    assert patch(client, url, {"roles": ["king"]}).status_code == 422
    assert User.objects.get(pk=liaison_a.pk).agency.code == "AAA"


def test_a_coordinator_grant_over_the_api_waits_for_a_second_administrator(
    administrator, second_administrator, outsider
):
    first = api(administrator)
    body = patch(first, f"{API}/accounts/{outsider.pk}", {"roles": ["coordinator"]}).json()
    assert (body["roles"], body["pending_roles"]) == ([], ["coordinator"])
    grants = first.get(f"{API}/grants", {"state": "pending"}).json()
    assert grants["count"] == 1
    (grant,) = grants["items"]
    assert (grant["user"], grant["role"], grant["requested_by"]) == (
        "outsider",
        "coordinator",
        "administrator",
    )
    assert first.post(f"{API}/grants/{grant['id']}/approve").status_code == 403
    assert not User.objects.get(pk=outsider.pk).has_role(Role.COORDINATOR)
    response = api(second_administrator).post(f"{API}/grants/{grant['id']}/approve")
    assert response.status_code == 200
    assert response.json()["state"] == "approved"
    assert response.json()["decided_by"] == "administrator2"
    assert User.objects.get(pk=outsider.pk).has_role(Role.COORDINATOR)
    assert api(second_administrator).post(f"{API}/grants/{grant['id']}/approve").status_code == 422
    assert api(second_administrator).post(f"{API}/grants/999999/approve").status_code == 404


def test_reject_over_the_api(administrator, second_administrator, outsider):
    (grant,) = grant_role(actor=administrator, user=outsider, role="auditor").grants
    response = api(second_administrator).post(f"{API}/grants/{grant.pk}/reject")
    assert response.status_code == 200
    assert RoleGrant.objects.get(pk=grant.pk).state == GrantState.REJECTED
    assert not User.objects.get(pk=outsider.pk).has_role(Role.AUDITOR)
