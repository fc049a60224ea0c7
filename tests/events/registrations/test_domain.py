import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from nonprolif.core.models import AuditEntry
from nonprolif.events.models import Registration, RegistrationQuota, RegistrationStatus
from nonprolif.events.registrations.badges import badges_pdf
from nonprolif.events.registrations.domain import (
    cancel_registration,
    check_in,
    decide_registration,
    register_official,
    set_quota,
)
from tests.factories import AgencyFactory, OfficialFactory

from .conftest import status_of


def test_coordinator_sets_and_changes_a_quota(coordinator, conference, agency_a):
    set_quota(actor=coordinator, conference=conference, agency=agency_a, seats=3)
    quota = set_quota(actor=coordinator, conference=conference, agency=agency_a, seats=5)
    assert RegistrationQuota.objects.get().seats == quota.seats == 5
    assert AuditEntry.objects.filter(action="registration.quota").count() == 2


@pytest.mark.parametrize("user", ["liaison_a", "partner", "auditor", "outsider"])
def test_only_the_coordinator_sets_quotas(request, user, conference, agency_a):
    with pytest.raises(PermissionDenied):
        set_quota(
            actor=request.getfixturevalue(user), conference=conference, agency=agency_a, seats=9
        )
    assert not RegistrationQuota.objects.exists()


def test_quota_is_for_program_agencies_and_not_below_seats_taken(
    coordinator, registration_a, agency_a
):
    conference = registration_a.conference
    with pytest.raises(ValidationError) as error:
        set_quota(actor=coordinator, conference=conference, agency=AgencyFactory(), seats=1)
    assert "agency" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        set_quota(actor=coordinator, conference=conference, agency=agency_a, seats=0)
    assert "1" in error.value.message_dict["seats"][0]
    assert RegistrationQuota.objects.get(agency=agency_a).seats == 2


def test_liaison_registers_his_officials_up_to_the_quota(english, liaison_a, quotas, officials_a):
    first = register_official(actor=liaison_a, conference=quotas, official=officials_a[0])
    register_official(actor=liaison_a, conference=quotas, official=officials_a[1])
    assert first.status == RegistrationStatus.SUBMITTED
    assert first.agency == officials_a[0].agency
    assert first.registered_by == liaison_a
    with pytest.raises(ValidationError) as error:
        register_official(actor=liaison_a, conference=quotas, official=officials_a[2])
    message = error.value.message_dict["official"][0]
    assert "AAA" in message
    assert "2 of 2" in message
    assert Registration.objects.count() == 2


def test_liaison_cannot_register_another_agencys_official(liaison_a, quotas, official_b2):
    with pytest.raises(ValidationError) as error:
        register_official(actor=liaison_a, conference=quotas, official=official_b2)
    assert "official" in error.value.message_dict
    assert not Registration.objects.exists()


def test_no_quota_means_no_seats(english, liaison_a, conference, officials_a):
    with pytest.raises(ValidationError) as error:
        register_official(actor=liaison_a, conference=conference, official=officials_a[0])
    assert "no seats" in error.value.message_dict["official"][0]


def test_inactive_or_already_registered_officials_are_refused(english, liaison_a, registration_a):
    with pytest.raises(ValidationError) as error:
        register_official(
            actor=liaison_a, conference=registration_a.conference, official=registration_a.official
        )
    assert "already registered" in error.value.message_dict["official"][0]
    retired = OfficialFactory(agency=registration_a.agency, active=False)
    with pytest.raises(ValidationError):
        register_official(actor=liaison_a, conference=registration_a.conference, official=retired)


@pytest.mark.parametrize("user", ["partner", "auditor", "outsider"])
def test_others_cannot_register(request, user, quotas, officials_a):
    with pytest.raises(PermissionDenied):
        register_official(
            actor=request.getfixturevalue(user), conference=quotas, official=officials_a[0]
        )


def test_cancelling_frees_the_seat_and_the_official_can_be_registered_again(
    liaison_a, registration_a, officials_a
):
    conference = registration_a.conference
    register_official(actor=liaison_a, conference=conference, official=officials_a[1])
    cancel_registration(actor=liaison_a, registration=registration_a, reason="Sick")
    assert status_of(registration_a) == RegistrationStatus.CANCELLED
    register_official(actor=liaison_a, conference=conference, official=officials_a[2])
    with pytest.raises(ValidationError):  # full again
        register_official(actor=liaison_a, conference=conference, official=officials_a[0])
    cancel_registration(
        actor=liaison_a,
        registration=Registration.objects.get(official=officials_a[2]),
        reason="Travel",
    )
    again = register_official(actor=liaison_a, conference=conference, official=officials_a[0])
    assert again.pk == registration_a.pk
    assert again.status == RegistrationStatus.SUBMITTED


def test_other_agencys_liaison_cannot_cancel(liaison_b, registration_a):
    with pytest.raises(PermissionDenied):
        cancel_registration(actor=liaison_b, registration=registration_a)
    assert status_of(registration_a) == RegistrationStatus.SUBMITTED


def test_coordinator_approves_and_declines_with_a_reason(coordinator, registration_a, approve):
    with pytest.raises(ValidationError) as error:
        decide_registration(actor=coordinator, registration=registration_a, decision="declined")
    assert "reason" in error.value.message_dict
    approve(registration_a)
    assert status_of(registration_a) == RegistrationStatus.APPROVED
    decide_registration(
        actor=coordinator, registration=registration_a, decision="declined", reason="Clearance"
    )
    registration = Registration.objects.get(pk=registration_a.pk)
    assert (registration.status, registration.reason) == ("declined", "Clearance")
    assert registration.decided_by == coordinator
    with pytest.raises(ValidationError) as error:
        approve(registration)
    assert "status" in error.value.message_dict


def test_liaison_cannot_approve(liaison_a, registration_a):
    with pytest.raises(PermissionDenied):
        decide_registration(actor=liaison_a, registration=registration_a, decision="approved")
    assert status_of(registration_a) == RegistrationStatus.SUBMITTED


def test_check_in_is_for_approved_registrations_and_idempotent(
    coordinator, liaison_a, liaison_b, registration_a, approve
):
    with pytest.raises(ValidationError):
        check_in(actor=coordinator, registration=registration_a)
    approve(registration_a)
    with pytest.raises(PermissionDenied):
        check_in(actor=liaison_b, registration=registration_a)
    first = check_in(actor=liaison_a, registration=registration_a).checked_in_at
    again = check_in(actor=coordinator, registration=registration_a)
    assert again.checked_in_at == first
    registration = Registration.objects.get(pk=registration_a.pk)
    assert registration.checked_in_by == liaison_a
    assert AuditEntry.objects.filter(action="registration.check_in").count() == 1
    with pytest.raises(ValidationError) as error:
        cancel_registration(actor=coordinator, registration=registration, reason="Late")
    assert "status" in error.value.message_dict


def test_badges_pdf_holds_speakers_and_attendees(registration_a, approve, partner_agency):
    from tests.events.speakers.conftest import make_speaker

    approve(registration_a)
    speaker = make_speaker(registration_a.conference, partner_agency, "Alice Anderson")
    pdf = badges_pdf(registration_a.conference, registrations=[registration_a], speakers=[speaker])
    assert pdf.startswith(b"%PDF")
