"""Completion, issuing (idempotent), revoking, the PDF and the verification of codes."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from nonprolif.core.models import AuditEntry
from nonprolif.training import certificate_codes
from nonprolif.training.certificate_pdf import certificate_data, certificate_pdf
from nonprolif.training.domain.attendance import program_today
from nonprolif.training.domain.certificates import issue_certificates, revoke_certificate
from nonprolif.training.models import Certificate, ItemSettings, Session
from nonprolif.training.queries_attendance import (
    meets_completion,
    session_completions,
    verify_certificate,
)
from tests.training.attendance.test_codes import altered


def test_the_completion_threshold_is_inclusive():
    assert meets_completion(80, 100, 80)
    assert not meets_completion(79, 100, 80)
    assert meets_completion(4, 5, 80)
    assert not meets_completion(3, 5, 80)
    assert not meets_completion(0, 0, 0)


def test_completion_defaults_to_80_percent_of_the_session_days(trained, official_a, official_b):
    completions = {c.participant.official: c for c in session_completions(trained)}

    assert (completions[official_a].present_days, completions[official_a].total_days) == (5, 5)
    assert completions[official_a].percent_needed == 80
    assert completions[official_a].complete
    assert (completions[official_b].present_days, completions[official_b].complete) == (3, False)


def test_the_items_settings_set_the_rule(trained, attend, official_a, official_b, coordinator):
    attend(trained, official_a, 4)
    ItemSettings.objects.create(
        program=trained.program, item_key=trained.item_key, completion_percent=100
    )
    assert not {c.participant.official: c for c in session_completions(trained)}[
        official_a
    ].complete

    ItemSettings.objects.filter(item_key=trained.item_key).update(completion_percent=60)
    completions = {c.participant.official: c for c in session_completions(trained)}
    assert completions[official_a].complete
    assert completions[official_b].complete  # 3 of 5 is 60 %


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
    assert certificate_codes.is_authentic(certificate.code)
    assert AuditEntry.objects.filter(action="certificate.issue").count() == 1


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


def test_the_certificate_pdf_is_bilingual_spanish_first(trained, coordinator):
    certificate = issue_certificates(actor=coordinator, session=trained).issued[0]

    data = certificate_data(certificate, verify_url="https://example.org/verify/x/")
    pdf = certificate_pdf(certificate, verify_url="https://example.org/verify/x/")

    assert pdf.startswith(b"%PDF")
    assert data["labels_en"]["heading"] == "Certificate of completion"
    assert "octubre" in data["dates_es"].lower()
    assert data["code"] == certificate.code
    assert data["revoked"] is False


# Verification --------------------------------------------------------------------------


@pytest.fixture
def certificate(trained, coordinator):
    return issue_certificates(actor=coordinator, session=trained).issued[0]


def test_a_valid_code_verifies_with_name_item_and_dates(certificate):
    result = verify_certificate(certificate.code.lower().replace("-", " "))

    assert result.status == "valid"
    assert result.code == certificate.code
    assert result.name == "Ana Alvarez"
    assert result.title_en == "Training calendar"
    assert (result.start, result.end) == (datetime.date(2009, 10, 23), datetime.date(2009, 10, 29))


def test_an_altered_code_fails_verification(certificate):
    for position in (4, 9, 14, 19, 22):
        result = verify_certificate(altered(certificate.code, position))
        assert result.status == "invalid", position
        assert result.name == ""
        assert result.start is None


def test_a_forged_code_of_valid_shape_fails_verification(certificate):
    assert verify_certificate("NPX-ABCD-EFGH-JKMN-PQRS").status == "invalid"
    assert verify_certificate("not a code").status == "invalid"


def test_an_authentic_code_that_was_never_issued_fails_verification(certificate):
    assert verify_certificate(certificate_codes.new_code()).status == "invalid"


def test_a_revoked_certificate_verifies_as_revoked(certificate, coordinator):
    revoke_certificate(actor=coordinator, certificate=certificate, reason="Recorded in error.")

    result = verify_certificate(certificate.code)

    assert result.status == "revoked"
    assert result.name == "Ana Alvarez"


def test_marks_on_days_the_session_no_longer_runs_do_not_count(trained, official_a):
    Session.objects.filter(pk=trained.pk).update(
        days=[day.isoformat() for day in trained.day_list[1:]]
    )
    trained.refresh_from_db()

    completion = {c.participant.official: c for c in session_completions(trained)}[official_a]

    assert (completion.present_days, completion.total_days) == (4, 4)
