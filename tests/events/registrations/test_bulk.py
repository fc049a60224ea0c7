"""Approving or declining many registrations at once: all or none with one confirmation,
scoping, a fixed number of queries; cancelling asks for a reason and a confirmation; the
list says what to do when no agency has seats."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from nonprolif.core.models import AuditEntry
from nonprolif.events.models import RegistrationStatus
from nonprolif.events.registrations.bulk import RegistrationsNotFound, decide_registrations
from nonprolif.events.registrations.domain import check_in, register_official, set_quota
from tests.events.registrations.conftest import status_of
from tests.factories import OfficialFactory

API = "/api/v1"
JSON = "application/json"


@pytest.fixture(autouse=True)
def readers_in_english(coordinator, liaison_a):
    for user in (coordinator, liaison_a):
        user.language = "en"
        user.save(update_fields=["language"])


@pytest.fixture
def submitted(registration_a, registration_b, quotas, liaison_a, officials_a):
    third = register_official(actor=liaison_a, conference=quotas, official=officials_a[1])
    return [registration_a, registration_b, third]


def bulk_url(conference):
    return reverse("registration_bulk_decide", args=[conference.pk])


def test_coordinator_approves_a_batch_with_one_audit_entry(coordinator, quotas, submitted):
    before = AuditEntry.objects.count()
    batch = decide_registrations(
        actor=coordinator, conference=quotas, ids=[r.pk for r in submitted], decision="approved"
    )
    assert len(batch.decided) == 3
    assert [status_of(r) for r in submitted] == ["approved"] * 3
    assert AuditEntry.objects.count() == before + 1
    entry = AuditEntry.objects.latest("pk")
    assert entry.action == "registration.decide"
    assert sorted(entry.object_ids) == sorted(r.pk for r in submitted)


def test_one_checked_in_row_refuses_the_whole_batch_naming_it(
    coordinator, quotas, submitted, approve, english
):
    approve(submitted[0])
    check_in(actor=coordinator, registration=submitted[0])
    with pytest.raises(ValidationError) as error:
        decide_registrations(
            actor=coordinator,
            conference=quotas,
            ids=[r.pk for r in submitted],
            decision="declined",
            reason="Full",
        )
    (message,) = error.value.message_dict["ids"]
    assert submitted[0].official.full_name in message
    assert "checked in" in message
    assert [status_of(r) for r in submitted] == ["approved", "submitted", "submitted"]


def test_a_batch_decline_needs_a_reason(coordinator, quotas, submitted):
    with pytest.raises(ValidationError) as error:
        decide_registrations(
            actor=coordinator, conference=quotas, ids=[submitted[0].pk], decision="declined"
        )
    assert "reason" in error.value.message_dict
    assert status_of(submitted[0]) == "submitted"


def test_unknown_ids_are_not_found_and_nothing_changes(coordinator, quotas, submitted):
    with pytest.raises(RegistrationsNotFound):
        decide_registrations(
            actor=coordinator,
            conference=quotas,
            ids=[submitted[0].pk, 999999],
            decision="approved",
        )
    assert status_of(submitted[0]) == "submitted"


def test_a_liaison_cannot_decide_a_batch(liaison_a, quotas, submitted):
    with pytest.raises(PermissionDenied):
        decide_registrations(
            actor=liaison_a, conference=quotas, ids=[submitted[0].pk], decision="approved"
        )
    assert status_of(submitted[0]) == "submitted"


def test_query_count_is_the_same_for_one_and_twenty_rows(
    coordinator, conference, agency_a, count_queries
):
    set_quota(actor=coordinator, conference=conference, agency=agency_a, seats=30)
    rows = [
        register_official(
            actor=coordinator, conference=conference, official=OfficialFactory(agency=agency_a)
        )
        for _ in range(21)
    ]

    def run(batch):
        return lambda: decide_registrations(
            actor=coordinator, conference=conference, ids=[r.pk for r in batch], decision="approved"
        )

    one, _ = count_queries(run(rows[:1]))
    twenty, batch = count_queries(run(rows[1:]))
    assert len(batch.decided) == 20
    assert one == twenty


# ------------------------------------------------------------------------------ pages


def test_the_list_offers_checkboxes_to_the_coordinator_only(
    as_user, coordinator, liaison_a, quotas, submitted
):
    url = reverse("registration_list", args=[quotas.pk])
    page = as_user(coordinator).get(url).content.decode()
    assert 'data-select-all="ids"' in page
    assert page.count('name="ids"') == 3
    assert 'name="ids"' not in as_user(liaison_a).get(url).content.decode()


def test_confirmation_then_approval_of_every_row(as_user, coordinator, quotas, submitted):
    client = as_user(coordinator)
    ids = [r.pk for r in submitted]
    response = client.post(bulk_url(quotas), {"ids": ids, "decision": "approved"})
    assert response.status_code == 200
    assert "Approve 3 registrations" in response.content.decode()
    assert [status_of(r) for r in submitted] == ["submitted"] * 3
    response = client.post(
        bulk_url(quotas), {"ids": ids, "decision": "approved", "confirm": "1"}, follow=True
    )
    assert "3 registrations approved." in response.content.decode()
    assert [status_of(r) for r in submitted] == ["approved"] * 3


def test_confirming_a_decline_without_reason_is_a_field_error(
    as_user, coordinator, quotas, submitted
):
    response = as_user(coordinator).post(
        bulk_url(quotas), {"ids": [submitted[0].pk], "decision": "declined", "confirm": "1"}
    )
    assert response.status_code == 400
    assert response.context["form"].errors["reason"]
    assert status_of(submitted[0]) == "submitted"


@pytest.mark.parametrize("username", ["outsider", "liaison_a", "partner"])
def test_others_cannot_decide_a_batch(request, as_user, quotas, submitted, username):
    response = as_user(request.getfixturevalue(username)).post(
        bulk_url(quotas), {"ids": [submitted[0].pk], "decision": "approved", "confirm": "1"}
    )
    assert response.status_code in (403, 404)
    if username != "liaison_a":
        assert response.status_code == 404
    assert status_of(submitted[0]) == "submitted"


def test_api_decides_a_batch_all_or_none(as_user, coordinator, quotas, submitted, approve):
    client = as_user(coordinator)
    url = f"{API}/conferences/{quotas.pk}/registrations/decide"
    approve(submitted[0])
    response = client.post(
        url, {"ids": [r.pk for r in submitted], "decision": "approved"}, content_type=JSON
    )
    assert response.status_code == 422
    assert [d["field"] for d in response.json()["detail"]] == ["ids"]
    assert [status_of(r) for r in submitted] == ["approved", "submitted", "submitted"]
    response = client.post(
        url, {"ids": [r.pk for r in submitted[1:]], "decision": "approved"}, content_type=JSON
    )
    assert response.status_code == 200
    assert response.json()["count"] == 2
    assert [status_of(r) for r in submitted] == ["approved"] * 3


def test_api_outsider_and_hidden_ids_are_not_found(
    as_user, coordinator, outsider, quotas, submitted
):
    url = f"{API}/conferences/{quotas.pk}/registrations/decide"
    body = {"ids": [submitted[0].pk], "decision": "approved"}
    assert as_user(outsider).post(url, body, content_type=JSON).status_code == 404
    body = {"ids": [submitted[0].pk, 999999], "decision": "approved"}
    assert as_user(coordinator).post(url, body, content_type=JSON).status_code == 404
    assert status_of(submitted[0]) == "submitted"


# ------------------------------------------------------------------------------ cancel


def test_cancelling_needs_a_reason_and_a_confirmation(as_user, liaison_a, registration_a):
    client = as_user(liaison_a)
    url = reverse("registration_cancel", args=[registration_a.pk])
    response = client.post(url, {"reason": "", "confirm": "on"})
    assert response.status_code == 400
    assert response.context["cancel_form"].errors["reason"]
    response = client.post(url, {"reason": "Travel"})
    assert response.status_code == 400
    assert response.context["cancel_form"].errors["confirm"]
    assert status_of(registration_a) == RegistrationStatus.SUBMITTED
    response = client.post(url, {"reason": "Travel", "confirm": "on"}, follow=True)
    assert "cancelled; the seat is free again" in response.content.decode()
    assert status_of(registration_a) == RegistrationStatus.CANCELLED


def test_the_api_refuses_a_cancel_without_reason(as_user, liaison_a, registration_a):
    response = as_user(liaison_a).post(
        f"{API}/registrations/{registration_a.pk}/cancel", {}, content_type=JSON
    )
    assert response.status_code == 422
    assert response.json()["detail"][0]["field"] == "reason"
    assert status_of(registration_a) == RegistrationStatus.SUBMITTED


# ------------------------------------------------------------------------------ no seats


def test_without_seats_the_coordinator_is_told_to_set_them_first(as_user, coordinator, conference):
    page = as_user(coordinator).get(reverse("registration_list", args=[conference.pk]))
    text = page.content.decode()
    assert "set the agency's seats first" in text
    assert 'href="#quota-form"' in text
    assert reverse("registration_create", args=[conference.pk]) not in text


def test_without_seats_the_liaison_is_told_why_he_cannot_register(as_user, liaison_a, conference):
    text = as_user(liaison_a).get(reverse("registration_list", args=[conference.pk])).content
    text = text.decode()
    assert "the coordinator sets the agency's seats first" in text
    assert reverse("registration_create", args=[conference.pk]) not in text


def test_with_seats_the_picker_says_who_it_finds(as_user, liaison_a, quotas):
    text = as_user(liaison_a).get(reverse("registration_list", args=[quotas.pk])).content.decode()
    assert reverse("registration_create", args=[quotas.pk]) in text
    assert "Only active officials of agencies with seats free" in text


def test_when_every_seat_is_taken_the_liaison_is_told_so(as_user, liaison_a, quotas, officials_a):
    for official in officials_a[:2]:
        register_official(actor=liaison_a, conference=quotas, official=official)
    text = as_user(liaison_a).get(reverse("registration_list", args=[quotas.pk])).content.decode()
    assert "Every seat of your agency is taken" in text
