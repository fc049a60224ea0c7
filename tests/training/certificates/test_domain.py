"""Issuing certificates (idempotent) and revoking them."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from nonprolif.core.models import AuditEntry
from nonprolif.training.attendance.domain import program_today
from nonprolif.training.certificates import codes
from nonprolif.training.certificates.domain import issue_certificates, revoke_certificate
from nonprolif.training.models import Certificate, Session


def test_issuing_certifies_those_who_completed_and_keeps_what_it_certifies(
    trained, coordinator, official_a
):
    report = issue_certificates(actor=coordinator, session=trained)

    assert [c.official for c in report.issued] == [official_a]
    assert report.incomplete == 1
    certificate = Certificate.objects.get()
    assert certificate.official_name == "Ana Alvarez"
    assert (certificate.title_es, certificate.title_en) == (
        "Calendario de capacitación",
        "Training calendar",
    )
    assert (certificate.start, certificate.end) == (
        datetime.date(2009, 10, 23),
        datetime.date(2009, 10, 29),
    )
    assert (certificate.days_present, certificate.days_total) == (5, 5)
    assert certificate.completion_percent == 80
    assert codes.is_authentic(certificate.code)
    entry = AuditEntry.objects.get(action="certificate.issue_session")
    assert entry.object_ids == [certificate.pk]


def test_issuing_again_issues_nothing_new(trained, coordinator, attend, official_b):
    first = issue_certificates(actor=coordinator, session=trained)
    again = issue_certificates(actor=coordinator, session=trained)

    assert again.issued == []
    assert [c.pk for c in again.already] == [c.pk for c in first.issued]
    assert Certificate.objects.count() == 1

    attend(trained, official_b, 4)  # attendance corrected: B now completed
    later = issue_certificates(actor=coordinator, session=trained)
    assert [c.official for c in later.issued] == [official_b]
    assert Certificate.objects.count() == 2


def test_a_revoked_certificate_is_not_issued_again(trained, coordinator):
    certificate = issue_certificates(actor=coordinator, session=trained).issued[0]
    revoke_certificate(actor=coordinator, certificate=certificate, reason="Recorded in error.")

    report = issue_certificates(actor=coordinator, session=trained)

    assert report.issued == []
    assert Certificate.objects.count() == 1


def test_a_session_that_has_not_ended_gets_no_certificates(trained, coordinator):
    today = program_today(trained.program)
    Session.objects.filter(pk=trained.pk).update(end=today + datetime.timedelta(days=1))
    trained.refresh_from_db()

    with pytest.raises(ValidationError) as error:
        issue_certificates(actor=coordinator, session=trained)

    assert list(error.value.message_dict) == ["session"]
    assert Certificate.objects.count() == 0


@pytest.mark.parametrize("who", ["partner", "liaison_a", "auditor", "outsider"])
def test_only_the_coordinator_issues_certificates(request, trained, who):
    with pytest.raises(PermissionDenied):
        issue_certificates(actor=request.getfixturevalue(who), session=trained)

    assert Certificate.objects.count() == 0


def test_revoking_needs_a_reason_and_the_coordinator(trained, coordinator, liaison_a):
    certificate = issue_certificates(actor=coordinator, session=trained).issued[0]

    with pytest.raises(PermissionDenied):
        revoke_certificate(actor=liaison_a, certificate=certificate, reason="No.")
    with pytest.raises(ValidationError) as error:
        revoke_certificate(actor=coordinator, certificate=certificate, reason="  ")
    assert list(error.value.message_dict) == ["reason"]
    certificate.refresh_from_db()
    assert certificate.revoked_at is None

    revoke_certificate(actor=coordinator, certificate=certificate, reason="Recorded in error.")
    certificate.refresh_from_db()
    assert certificate.revoked_by == coordinator
    assert certificate.revocation_reason == "Recorded in error."
    with pytest.raises(ValidationError):
        revoke_certificate(actor=coordinator, certificate=certificate, reason="Again.")
