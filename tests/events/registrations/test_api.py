import pytest

from nonprolif.events.models import Registration, RegistrationQuota, RegistrationStatus
from nonprolif.events.registrations.domain import register_official
from tests.conftest import AUDITED_READ_QUERIES
from tests.factories import OfficialFactory

from .conftest import status_of

API = "/api/v1"
JSON = "application/json"


def fields_of(response) -> set[str]:
    return {error["field"] for error in response.json()["detail"]}


def test_liaison_sees_only_his_agencys_registrations(
    as_user, liaison_a, registration_a, registration_b
):
    client = as_user(liaison_a)
    conference_id = registration_a.conference.pk
    listing = client.get(f"{API}/conferences/{conference_id}/registrations").json()
    assert listing["count"] == 1
    assert [item["id"] for item in listing["items"]] == [registration_a.pk]
    assert client.get(f"{API}/registrations/{registration_b.pk}").status_code == 404
    quotas = client.get(f"{API}/conferences/{conference_id}/registration-quotas").json()
    assert quotas == {"items": [{"agency": "AAA", "seats": 2, "taken": 1}], "count": 1}


@pytest.mark.parametrize("user", ["partner", "outsider", "administrator"])
def test_registration_endpoints_are_404_for_users_without_registrations(
    as_user, request, user, registration_a, approve, agency_a
):
    approve(registration_a)
    client = as_user(request.getfixturevalue(user))
    conference_id = registration_a.conference.pk
    pk = registration_a.pk
    assert client.get(f"{API}/conferences/{conference_id}/registrations").status_code == 404
    assert client.get(f"{API}/conferences/{conference_id}/registration-quotas").status_code == 404
    assert client.get(f"{API}/conferences/{conference_id}/badges.pdf").status_code == 404
    response = client.put(
        f"{API}/conferences/{conference_id}/registration-quotas/AAA",
        {"seats": 50},
        content_type=JSON,
    )
    assert response.status_code == 404
    response = client.post(
        f"{API}/conferences/{conference_id}/registrations",
        {"official": registration_a.official_id},
        content_type=JSON,
    )
    assert response.status_code == 404
    assert client.get(f"{API}/registrations/{pk}").status_code == 404
    assert client.get(f"{API}/registrations/{pk}/badge.pdf").status_code == 404
    for action in ("approve", "decline", "cancel", "check-in"):
        response = client.post(
            f"{API}/registrations/{pk}/{action}", {"reason": "x"}, content_type=JSON
        )
        assert response.status_code == 404, action
    registration = Registration.objects.get(pk=pk)
    assert (registration.status, registration.checked_in_at) == ("approved", None)
    assert RegistrationQuota.objects.get(agency=agency_a).seats == 2


def test_other_agencys_liaison_gets_404_and_changes_nothing(as_user, liaison_b, registration_a):
    client = as_user(liaison_b)
    for action in ("approve", "decline", "cancel", "check-in"):
        response = client.post(
            f"{API}/registrations/{registration_a.pk}/{action}", {"reason": "x"}, content_type=JSON
        )
        assert response.status_code == 404, action
    assert status_of(registration_a) == RegistrationStatus.SUBMITTED


def test_liaison_registers_until_the_quota_is_full(as_user, liaison_a, quotas, officials_a):
    liaison_a.language = "en"
    liaison_a.save(update_fields=["language"])
    client = as_user(liaison_a)
    url = f"{API}/conferences/{quotas.pk}/registrations"
    for official in officials_a[:2]:
        response = client.post(url, {"official": official.pk}, content_type=JSON)
        assert response.status_code == 201
    body = response.json()
    assert (body["status"], body["agency"]) == ("submitted", "AAA")
    response = client.post(url, {"official": officials_a[2].pk}, content_type=JSON)
    assert response.status_code == 422
    detail = response.json()["detail"]
    assert detail[0]["field"] == "official"
    assert "2 of 2" in detail[0]["message"]
    assert Registration.objects.count() == 2


def test_liaison_cannot_register_another_agencys_official(as_user, liaison_a, quotas, official_b2):
    response = as_user(liaison_a).post(
        f"{API}/conferences/{quotas.pk}/registrations",
        {"official": official_b2.pk},
        content_type=JSON,
    )
    assert response.status_code == 422
    assert fields_of(response) == {"official"}
    assert not Registration.objects.exists()


def test_coordinator_sets_quotas_and_decides(as_user, coordinator, liaison_a, registration_a):
    client = as_user(coordinator)
    conference_id = registration_a.conference.pk
    response = client.put(
        f"{API}/conferences/{conference_id}/registration-quotas/AAA",
        {"seats": 7},
        content_type=JSON,
    )
    assert response.json() == {"agency": "AAA", "seats": 7, "taken": 1}
    response = client.put(
        f"{API}/conferences/{conference_id}/registration-quotas/NOPE",
        {"seats": 7},
        content_type=JSON,
    )
    assert (response.status_code, fields_of(response)) == (422, {"agency"})
    response = as_user(liaison_a).put(
        f"{API}/conferences/{conference_id}/registration-quotas/AAA",
        {"seats": 70},
        content_type=JSON,
    )
    assert response.status_code == 403
    response = client.post(
        f"{API}/registrations/{registration_a.pk}/decline", {}, content_type=JSON
    )
    assert (response.status_code, fields_of(response)) == (422, {"reason"})
    response = client.post(f"{API}/registrations/{registration_a.pk}/approve")
    assert response.json()["status"] == "approved"
    checked = client.post(f"{API}/registrations/{registration_a.pk}/check-in").json()
    again = client.post(f"{API}/registrations/{registration_a.pk}/check-in").json()
    assert checked["checked_in_at"] == again["checked_in_at"] is not None


def test_liaison_cannot_approve_but_can_cancel(as_user, liaison_a, registration_a):
    client = as_user(liaison_a)
    assert client.post(f"{API}/registrations/{registration_a.pk}/approve").status_code == 403
    assert status_of(registration_a) == RegistrationStatus.SUBMITTED
    response = client.post(
        f"{API}/registrations/{registration_a.pk}/cancel", {"reason": "x"}, content_type=JSON
    )
    assert response.json()["status"] == "cancelled"


def test_badges_over_the_api(as_user, coordinator, liaison_a, registration_a, approve):
    approve(registration_a)
    conference_id = registration_a.conference.pk
    response = as_user(coordinator).get(f"{API}/conferences/{conference_id}/badges.pdf")
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    assert (
        as_user(liaison_a).get(f"{API}/conferences/{conference_id}/badges.pdf").status_code == 403
    )
    own = as_user(liaison_a).get(f"{API}/registrations/{registration_a.pk}/badge.pdf")
    assert own.content.startswith(b"%PDF")


@pytest.mark.parametrize("n", [1, 3])
def test_registration_list_api_query_count_does_not_grow(
    n, as_user, coordinator, quotas, agency_a, django_assert_num_queries
):
    RegistrationQuota.objects.filter(agency=agency_a).update(seats=5)
    for _ in range(n):
        register_official(
            actor=coordinator, conference=quotas, official=OfficialFactory(agency=agency_a)
        )
    client = as_user(coordinator)
    with django_assert_num_queries(7 + AUDITED_READ_QUERIES):  # +1: 2nd-factor device
        response = client.get(f"{API}/conferences/{quotas.pk}/registrations")
    assert response.json()["count"] == n
