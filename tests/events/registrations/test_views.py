import pytest
from django.urls import reverse

from nonprolif.events.models import Registration, RegistrationQuota, RegistrationStatus
from nonprolif.events.registrations.domain import register_official
from tests.conftest import AUDITED_READ_QUERIES
from tests.factories import OfficialFactory

from .conftest import status_of


def test_liaison_sees_only_his_agencys_registrations(
    as_user, liaison_a, registration_a, registration_b
):
    client = as_user(liaison_a)
    response = client.get(reverse("registration_list", args=[registration_a.conference.pk]))
    assert response.status_code == 200
    assert response.context["registrations"] == [registration_a]
    assert response.context["counts"]["submitted"] == 1  # counts are scoped too
    assert [q.agency.code for q in response.context["quotas"]] == ["AAA"]
    assert "Barrera" not in response.content.decode()
    assert client.get(reverse("registration_detail", args=[registration_b.pk])).status_code == 404


def test_coordinator_sees_every_registration(as_user, coordinator, registration_a, registration_b):
    response = as_user(coordinator).get(
        reverse("registration_list", args=[registration_a.conference.pk])
    )
    assert {r.pk for r in response.context["registrations"]} == {
        registration_a.pk,
        registration_b.pk,
    }


@pytest.mark.parametrize("user", ["partner", "outsider", "administrator"])
def test_registration_pages_are_404_for_users_without_registrations(
    as_user, request, user, registration_a, approve
):
    approve(registration_a)
    client = as_user(request.getfixturevalue(user))
    conference_id = registration_a.conference.pk
    for name in ("registration_list", "checkin_door", "checkin_print", "conference_badges"):
        assert client.get(reverse(name, args=[conference_id])).status_code == 404, name
    for name in ("registration_create", "registration_quota"):
        assert client.post(reverse(name, args=[conference_id]), {}).status_code == 404, name
    pk = registration_a.pk
    assert client.get(reverse("registration_detail", args=[pk])).status_code == 404
    assert client.get(reverse("registration_badge", args=[pk])).status_code == 404
    for name in ("registration_decide", "registration_cancel", "registration_check_in"):
        response = client.post(reverse(name, args=[pk]), {"decision": "declined", "reason": "x"})
        assert response.status_code == 404, name
    registration = Registration.objects.get(pk=pk)
    assert (registration.status, registration.checked_in_at) == ("approved", None)


def test_other_agencys_liaison_gets_404_and_changes_nothing(
    as_user, liaison_b, registration_a, approve
):
    approve(registration_a)
    client = as_user(liaison_b)
    pk = registration_a.pk
    for name in ("registration_decide", "registration_cancel", "registration_check_in"):
        response = client.post(reverse(name, args=[pk]), {"decision": "declined", "reason": "x"})
        assert response.status_code == 404, name
    assert client.get(reverse("registration_badge", args=[pk])).status_code == 404
    registration = Registration.objects.get(pk=pk)
    assert (registration.status, registration.checked_in_at) == ("approved", None)


def test_liaison_registers_through_the_form_and_sees_the_quota_error(
    as_user, liaison_a, quotas, officials_a
):
    client = as_user(liaison_a)
    url = reverse("registration_create", args=[quotas.pk])
    for official in officials_a[:2]:
        assert client.post(url, {"register-official": official.pk}).status_code == 302
    response = client.post(url, {"register-official": officials_a[2].pk})
    # the third official is no longer offered: the picker holds only registerable officials
    assert response.status_code == 400
    assert Registration.objects.count() == 2
    quota = RegistrationQuota.objects.get(agency__code="AAA")
    quota.seats = 3
    quota.save()
    assert client.post(url, {"register-official": officials_a[2].pk}).status_code == 302


def test_registration_picker_offers_only_visible_officials(
    as_user, liaison_a, quotas, officials_a, official_b2
):
    response = as_user(liaison_a).get(reverse("registration_list", args=[quotas.pk]))
    offered = set(response.context["registration_form"].fields["official"].queryset)
    assert offered == set(officials_a)
    assert "Barrera" not in response.content.decode()


def test_coordinator_sets_a_quota_on_the_page(as_user, coordinator, conference, agency_b):
    response = as_user(coordinator).post(
        reverse("registration_quota", args=[conference.pk]),
        {"quota-agency": agency_b.pk, "quota-seats": "4"},
    )
    assert response.status_code == 302
    assert RegistrationQuota.objects.get(agency=agency_b).seats == 4


def test_liaison_cannot_set_quotas_or_decide(as_user, liaison_a, registration_a, agency_a):
    client = as_user(liaison_a)
    response = client.post(
        reverse("registration_quota", args=[registration_a.conference.pk]),
        {"quota-agency": agency_a.pk, "quota-seats": "40"},
    )
    assert response.status_code == 403
    assert RegistrationQuota.objects.get(agency=agency_a).seats == 2
    response = client.post(
        reverse("registration_decide", args=[registration_a.pk]), {"decision": "approved"}
    )
    assert response.status_code == 403
    assert status_of(registration_a) == RegistrationStatus.SUBMITTED


def test_coordinator_approves_and_declines_on_the_page(as_user, coordinator, registration_a):
    client = as_user(coordinator)
    url = reverse("registration_decide", args=[registration_a.pk])
    response = client.post(url, {"decision": "declined"})
    assert response.status_code == 400
    assert "reason" in response.context["decision_form"].errors
    assert client.post(url, {"decision": "approved"}).status_code == 302
    assert status_of(registration_a) == RegistrationStatus.APPROVED


def test_liaison_cancels_his_officials_registration(as_user, liaison_a, registration_a):
    response = as_user(liaison_a).post(
        reverse("registration_cancel", args=[registration_a.pk]),
        {"reason": "Travel", "confirm": "on"},
    )
    assert response.status_code == 302
    assert status_of(registration_a) == RegistrationStatus.CANCELLED


def test_door_page_searches_and_checks_in(
    as_user, coordinator, quotas, liaison_a, officials_a, approve
):
    for official in officials_a[:2]:
        approve(register_official(actor=liaison_a, conference=quotas, official=official))
    client = as_user(coordinator)
    door = reverse("checkin_door", args=[quotas.pk])
    response = client.get(door, {"q": "zapa"})
    assert [r.official.family_names for r in response.context["registrations"]] == ["Zapata"]
    # live search: htmx asks for the results only
    partial = client.get(
        door, {"q": "beltr"}, HTTP_HX_REQUEST="true", HTTP_HX_TARGET="door-results"
    )
    body = partial.content.decode()
    assert "<html" not in body
    assert "Beltrán" in body
    assert "Zapata" not in body
    registration = response.context["registrations"][0]
    url = reverse("registration_check_in", args=[registration.pk])
    # without JavaScript: a plain post, back to the search
    response = client.post(url, {"next": f"{door}?q=zapa"})
    assert response.status_code == 302
    assert response["Location"] == f"{door}?q=zapa"
    first = Registration.objects.get(pk=registration.pk).checked_in_at
    assert first is not None
    # with htmx: the row comes back; a second check-in changes nothing
    row = client.post(url, HTTP_HX_REQUEST="true").content.decode()
    assert f'id="registration-{registration.pk}"' in row
    assert Registration.objects.get(pk=registration.pk).checked_in_at == first


def test_check_in_refuses_external_redirects(as_user, coordinator, registration_a, approve):
    approve(registration_a)
    response = as_user(coordinator).post(
        reverse("registration_check_in", args=[registration_a.pk]),
        {"next": "https://evil.example/"},
    )
    assert response["Location"] == reverse("checkin_door", args=[registration_a.conference.pk])


def test_liaison_door_page_shows_only_his_agency(
    as_user, liaison_a, registration_a, registration_b, approve
):
    approve(registration_a)
    approve(registration_b)
    response = as_user(liaison_a).get(reverse("checkin_door", args=[registration_a.conference.pk]))
    assert [r.pk for r in response.context["registrations"]] == [registration_a.pk]
    assert response.context["total"] == 1


def test_auditor_reads_the_list_but_has_no_door_page(as_user, auditor, registration_a, approve):
    approve(registration_a)
    client = as_user(auditor)
    conference_id = registration_a.conference.pk
    assert client.get(reverse("checkin_print", args=[conference_id])).status_code == 200
    assert client.get(reverse("checkin_door", args=[conference_id])).status_code == 403
    response = client.post(reverse("registration_check_in", args=[registration_a.pk]))
    assert response.status_code == 403
    assert Registration.objects.get(pk=registration_a.pk).checked_in_at is None


def test_printable_list_is_sorted_by_family_name_and_holds_only_approved(
    as_user, coordinator, quotas, liaison_a, officials_a, approve
):
    for official in officials_a[:2]:
        approve(register_official(actor=liaison_a, conference=quotas, official=official))
    quota = RegistrationQuota.objects.get(agency__code="AAA")
    quota.seats = 3
    quota.save()
    register_official(actor=liaison_a, conference=quotas, official=officials_a[2])  # submitted
    response = as_user(coordinator).get(reverse("checkin_print", args=[quotas.pk]))
    names = [r.official.family_names for r in response.context["registrations"]]
    assert names == ["Beltrán", "Zapata"]
    assert "checkin-print.css" in response.content.decode()


def test_badges_are_pdf(as_user, coordinator, liaison_a, liaison_b, registration_a, approve):
    approve(registration_a)
    conference_id = registration_a.conference.pk
    response = as_user(coordinator).get(reverse("conference_badges", args=[conference_id]))
    assert response.status_code == 200
    assert response.content.startswith(b"%PDF")
    own = as_user(liaison_a).get(reverse("registration_badge", args=[registration_a.pk]))
    assert own["Content-Type"] == "application/pdf"
    assert own.content.startswith(b"%PDF")
    assert (
        as_user(liaison_a).get(reverse("conference_badges", args=[conference_id])).status_code
        == 403
    )


def test_no_badge_before_approval(as_user, coordinator, registration_a):
    response = as_user(coordinator).get(reverse("registration_badge", args=[registration_a.pk]))
    assert response.status_code == 404


@pytest.mark.parametrize("n", [1, 3])
def test_registration_list_query_count_does_not_grow(
    n, as_user, coordinator, quotas, agency_a, django_assert_num_queries
):
    RegistrationQuota.objects.filter(agency=agency_a).update(seats=5)
    for _ in range(n):
        register_official(
            actor=coordinator, conference=quotas, official=OfficialFactory(agency=agency_a)
        )
    client = as_user(coordinator)
    url = reverse("registration_list", args=[quotas.pk])
    client.get(url)
    # +1: 2nd-factor device, +1: the page count
    with django_assert_num_queries(11 + AUDITED_READ_QUERIES):
        response = client.get(url)
    assert len(response.context["registrations"]) == n


@pytest.mark.parametrize("n", [1, 3])
def test_door_page_query_count_does_not_grow(
    n, as_user, coordinator, quotas, agency_a, approve, django_assert_num_queries
):
    RegistrationQuota.objects.filter(agency=agency_a).update(seats=5)
    for _ in range(n):
        approve(
            register_official(
                actor=coordinator, conference=quotas, official=OfficialFactory(agency=agency_a)
            )
        )
    client = as_user(coordinator)
    url = reverse("checkin_door", args=[quotas.pk])
    client.get(url)
    with django_assert_num_queries(7 + AUDITED_READ_QUERIES):  # +1: 2nd-factor device
        response = client.get(url)
    assert len(response.context["registrations"]) == n


def test_registration_list_is_paginated(as_user, coordinator, liaison_b, quotas, agency_a):
    RegistrationQuota.objects.filter(agency=agency_a).update(seats=60)
    for official in OfficialFactory.create_batch(55, agency=agency_a):
        register_official(actor=coordinator, conference=quotas, official=official)
    client = as_user(coordinator)
    url = reverse("registration_list", args=[quotas.pk])
    first = client.get(url)
    assert len(first.context["registrations"]) == 50
    second = client.get(url, {"page": 2})
    assert len(second.context["registrations"]) == 5
    assert not {r.pk for r in second.context["registrations"]} & {
        r.pk for r in first.context["registrations"]
    }
    assert "page=2" in first.content.decode()
    assert client.get(url, {"page": 2, "status": "declined"}).context["registrations"] == []
    # The other agency's liaison sees none of them, on any page.
    other = as_user(liaison_b).get(url, {"page": 2})
    assert all(r.agency_id != agency_a.pk for r in other.context["registrations"])
