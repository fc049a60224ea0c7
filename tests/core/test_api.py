import json

import pytest
from django.test import Client

from nonprolif.core.domain.tokens import issue_token, revoke_token
from nonprolif.core.models import ApiToken, Official
from tests.factories import OfficialFactory

API = "/api/v1"


@pytest.fixture
def api_as():
    """``api_as(user)``: a client sending a fresh Bearer token of that user."""

    def make(user):
        _token, raw = issue_token(user=user, name="tests")
        return Client(headers={"Authorization": f"Bearer {raw}"})

    return make


def post_json(client, url, data):
    return client.post(url, json.dumps(data), content_type="application/json")


def patch_json(client, url, data):
    return client.patch(url, json.dumps(data), content_type="application/json")


def error_fields(response) -> set[str]:
    return {item["field"] for item in response.json()["detail"]}


# Authentication -------------------------------------------------------------------------


def test_valid_bearer_token_authenticates(api_as, liaison_a):
    response = api_as(liaison_a).get(f"{API}/me")
    assert response.status_code == 200
    assert response.json() == {
        "username": "liaison_a",
        "roles": ["liaison"],
        "agency": "AAA",
        "language": "es-mx",
    }
    assert ApiToken.objects.get().last_used_at is not None


def test_revoked_token_gets_401(liaison_a):
    token, raw = issue_token(user=liaison_a, name="tests")
    revoke_token(actor=liaison_a, token=token)
    client = Client(headers={"Authorization": f"Bearer {raw}"})
    assert client.get(f"{API}/me").status_code == 401


def test_unknown_token_and_no_credentials_get_401(db):
    assert Client(headers={"Authorization": "Bearer np_nope"}).get(f"{API}/me").status_code == 401
    assert Client().get(f"{API}/officials").status_code == 401


def test_token_is_stored_hashed(liaison_a):
    _token, raw = issue_token(user=liaison_a, name="tests")
    stored = ApiToken.objects.values_list("key_hash", "hint", "name").get()
    assert all(raw not in value for value in stored)


def test_session_login_works_for_reads(as_user, coordinator):
    assert as_user(coordinator).get(f"{API}/me").json()["roles"] == ["coordinator"]


# Agencies -------------------------------------------------------------------------------


def test_agency_counts_do_not_leak_to_a_liaison(api_as, liaison_a, official_a, official_b):
    response = api_as(liaison_a).get(f"{API}/agencies")
    counts = {agency["code"]: agency["official_count"] for agency in response.json()["items"]}
    assert counts == {"AAA": 1, "BBB": 0}


def test_agency_detail_and_unknown_agency(api_as, coordinator, agency_a, partner_agency):
    client = api_as(coordinator)
    body = client.get(f"{API}/agencies/PTR").json()
    assert (body["code"], body["kind"], body["country"], body["parent"]) == (
        "PTR",
        "partner",
        "US",
        None,
    )
    assert client.get(f"{API}/agencies/NOPE").status_code == 404


# Officials: reads -----------------------------------------------------------------------


def test_liaison_lists_and_counts_only_own_agency_officials(
    api_as, liaison_a, official_a, official_b
):
    client = api_as(liaison_a)
    body = client.get(f"{API}/officials").json()
    assert body["count"] == 1
    assert [item["id"] for item in body["items"]] == [official_a.pk]
    searched = client.get(f"{API}/officials", {"q": "Barrera"}).json()
    assert searched == {"count": 0, "limit": 25, "offset": 0, "items": []}
    assert client.get(f"{API}/officials", {"agency": "BBB"}).json()["count"] == 0


def test_officials_list_filters_and_paginates(api_as, coordinator, agency_a, official_b):
    OfficialFactory.create_batch(4, agency=agency_a, active=False)
    client = api_as(coordinator)
    page = client.get(f"{API}/officials", {"active": "false", "limit": 3, "offset": 3}).json()
    assert page["count"] == 4
    assert len(page["items"]) == 1
    only_b = client.get(f"{API}/officials", {"agency": "BBB"}).json()
    assert [item["agency"] for item in only_b["items"]] == ["BBB"]
    assert client.get(f"{API}/officials", {"limit": 1000}).status_code == 422


def test_officials_api_list_query_count_does_not_grow_with_rows(
    api_as, coordinator, agency_a, count_queries
):
    client = api_as(coordinator)
    client.get(f"{API}/me")  # the token's first use writes last_used_at; the next ones not
    OfficialFactory(agency=agency_a)
    with_one, response = count_queries(lambda: client.get(f"{API}/officials"))
    assert response.json()["count"] == 1
    OfficialFactory.create_batch(2, agency=agency_a)
    with_three, response = count_queries(lambda: client.get(f"{API}/officials"))
    assert len(response.json()["items"]) == 3
    assert with_one == with_three


def test_official_detail_is_404_for_other_agency_outsider_and_missing(
    api_as, liaison_a, liaison_b, outsider, administrator, official_a
):
    assert api_as(liaison_a).get(f"{API}/officials/{official_a.pk}").json()["agency"] == "AAA"
    for user in (liaison_b, outsider, administrator):
        assert api_as(user).get(f"{API}/officials/{official_a.pk}").status_code == 404
    assert api_as(liaison_a).get(f"{API}/officials/999999").status_code == 404


# Officials: writes ----------------------------------------------------------------------


NEW = {"given_names": "Carla", "family_names": "Cruz", "position": "Director"}


def test_liaison_creates_official_in_own_agency(api_as, liaison_a):
    response = post_json(api_as(liaison_a), f"{API}/officials", NEW | {"agency": "AAA"})
    assert response.status_code == 201
    official = Official.objects.get()
    assert response.json()["id"] == official.pk
    assert official.agency.code == "AAA"


def test_liaison_creating_in_another_agency_is_422_on_agency(api_as, liaison_a, agency_b):
    response = post_json(api_as(liaison_a), f"{API}/officials", NEW | {"agency": "BBB"})
    assert response.status_code == 422
    assert error_fields(response) == {"agency"}
    assert not Official.objects.exists()


def test_official_without_agency_is_422_naming_agency(api_as, coordinator):
    coordinator.language = "en"
    coordinator.save(update_fields=["language"])
    response = post_json(api_as(coordinator), f"{API}/officials", NEW)
    assert response.status_code == 422
    assert response.json()["detail"] == [
        {"field": "agency", "message": "An official must belong to an agency."}
    ]
    assert not Official.objects.exists()


def test_unknown_agency_code_is_422_naming_agency(api_as, coordinator):
    coordinator.language = "en"
    coordinator.save(update_fields=["language"])
    response = post_json(api_as(coordinator), f"{API}/officials", NEW | {"agency": "ZZZ"})
    assert response.status_code == 422
    assert response.json()["detail"] == [
        {"field": "agency", "message": "Unknown agency code “ZZZ”."}
    ]
    assert not Official.objects.exists()


def test_api_errors_speak_the_users_language(api_as, coordinator):
    response = post_json(api_as(coordinator), f"{API}/officials", NEW)  # es-mx by default
    assert response.json()["detail"] == [
        {"field": "agency", "message": "Todo funcionario debe pertenecer a una dependencia."}
    ]


def test_service_errors_name_each_field_and_why(api_as, coordinator, agency_a):
    response = post_json(
        api_as(coordinator),
        f"{API}/officials",
        {"agency": "AAA", "given_names": "", "family_names": "Cruz", "email": "bad"},
    )
    assert response.status_code == 422
    by_field = {item["field"]: item["message"] for item in response.json()["detail"]}
    assert set(by_field) == {"given_names", "email"}
    assert all(by_field.values())
    assert not Official.objects.exists()


@pytest.mark.parametrize("who", ["auditor", "partner", "administrator", "outsider"])
def test_roles_that_may_not_add_get_403(request, api_as, who, agency_a):
    client = api_as(request.getfixturevalue(who))
    response = post_json(client, f"{API}/officials", NEW | {"agency": "AAA"})
    assert response.status_code == 403
    assert not Official.objects.exists()


def test_liaison_patches_own_official(api_as, liaison_a, official_a):
    response = patch_json(api_as(liaison_a), f"{API}/officials/{official_a.pk}", {"active": False})
    assert response.status_code == 200
    assert response.json()["active"] is False
    official_a.refresh_from_db()
    assert official_a.active is False
    assert official_a.position == "Analyst"


def test_other_agency_liaison_and_outsider_patch_gets_404_and_row_unchanged(
    api_as, liaison_b, outsider, official_a
):
    for user in (liaison_b, outsider):
        response = patch_json(
            api_as(user), f"{API}/officials/{official_a.pk}", {"position": "Hacked"}
        )
        assert response.status_code == 404
    official_a.refresh_from_db()
    assert official_a.position == "Analyst"


def test_auditor_patch_gets_403_and_row_unchanged(api_as, auditor, official_a):
    response = patch_json(api_as(auditor), f"{API}/officials/{official_a.pk}", {"position": "X"})
    assert response.status_code == 403
    official_a.refresh_from_db()
    assert official_a.position == "Analyst"


def test_liaison_moving_official_to_another_agency_is_422(api_as, liaison_a, official_a, agency_b):
    response = patch_json(api_as(liaison_a), f"{API}/officials/{official_a.pk}", {"agency": "BBB"})
    assert response.status_code == 422
    assert error_fields(response) == {"agency"}
    official_a.refresh_from_db()
    assert official_a.agency.code == "AAA"


def test_patch_removing_the_agency_is_422_naming_agency(api_as, coordinator, official_a):
    response = patch_json(api_as(coordinator), f"{API}/officials/{official_a.pk}", {"agency": None})
    assert response.status_code == 422
    assert error_fields(response) == {"agency"}
    official_a.refresh_from_db()
    assert official_a.agency.code == "AAA"


def test_session_writes_need_the_csrf_token(coordinator, agency_a):
    from tests.factories import PASSWORD

    client = Client(enforce_csrf_checks=True)
    client.login(username="coordinator", password=PASSWORD)
    response = post_json(client, f"{API}/officials", NEW | {"agency": "AAA"})
    assert response.status_code in {401, 403}
    assert not Official.objects.exists()
