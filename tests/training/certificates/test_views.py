"""Certificate pages: issue, list, PDF, revoke, and the public verification page; an
official's transcript."""

import pytest
from django.test import Client
from django.urls import reverse

from nonprolif.training.certificates.domain import issue_certificates, revoke_certificate
from nonprolif.training.models import Certificate
from tests.factories import OfficialFactory, UserFactory
from tests.training.certificates.test_codes import altered


@pytest.fixture
def certificate(trained, coordinator):
    return issue_certificates(actor=coordinator, session=trained).issued[0]


def pdf_url(certificate) -> str:
    return reverse("certificate_download", args=[certificate.pk])


def test_the_coordinator_issues_a_sessions_certificates_from_its_sheet(
    as_user, coordinator, trained
):
    url = reverse("session_certificates_issue", args=[trained.pk])
    client = as_user(coordinator)

    assert client.post(url).status_code == 302
    assert client.post(url).status_code == 302
    assert Certificate.objects.count() == 1
    sheet = client.get(reverse("session_attendance", args=[trained.pk])).content.decode()
    assert Certificate.objects.get().code in sheet


@pytest.mark.parametrize("who", ["partner", "liaison_a", "auditor"])
def test_others_who_see_the_session_cannot_issue(request, as_user, trained, who):
    response = as_user(request.getfixturevalue(who)).post(
        reverse("session_certificates_issue", args=[trained.pk])
    )

    assert response.status_code == 403
    assert Certificate.objects.count() == 0


def test_the_outsider_cannot_issue(as_user, outsider, trained):
    response = as_user(outsider).post(reverse("session_certificates_issue", args=[trained.pk]))

    assert response.status_code == 404
    assert Certificate.objects.count() == 0


@pytest.mark.parametrize("who", ["coordinator", "auditor", "liaison_a"])
def test_the_pdf_is_downloaded_by_coordinator_auditor_and_the_agencys_liaison(
    request, as_user, certificate, who
):
    response = as_user(request.getfixturevalue(who)).get(pdf_url(certificate))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    assert certificate.code in response["Content-Disposition"]


def test_the_official_downloads_his_own_certificate(as_user, certificate, official_a):
    official_a.user = UserFactory(username="ana")
    official_a.save()

    response = as_user(official_a.user).get(pdf_url(certificate))

    assert response.status_code == 200
    assert response.content.startswith(b"%PDF")


@pytest.mark.parametrize("who", ["liaison_b", "partner", "outsider"])
def test_others_get_404_for_the_pdf(request, as_user, certificate, who):
    assert as_user(request.getfixturevalue(who)).get(pdf_url(certificate)).status_code == 404


def test_the_certificate_list_is_scoped(as_user, liaison_a, liaison_b, certificate):
    url = reverse("certificate_list", args=["prog-test"])

    assert certificate.code in as_user(liaison_a).get(url).content.decode()
    assert certificate.code not in as_user(liaison_b).get(url).content.decode()


def test_the_certificate_list_costs_the_same_queries_for_1_and_3(
    as_user, coordinator, trained, enrolled, attend, agency_a, count_queries
):

    client = as_user(coordinator)
    url = reverse("certificate_list", args=["prog-test"])
    issue_certificates(actor=coordinator, session=trained)
    client.get(url)
    one, response = count_queries(lambda: client.get(url))
    assert response.content.decode().count("<code>NPX-") == 1

    others = [OfficialFactory(agency=agency_a) for _ in range(2)]
    enrolled(trained, *others)
    for official in others:
        attend(trained, official, 5)
    issue_certificates(actor=coordinator, session=trained)
    three, response = count_queries(lambda: client.get(url))

    assert response.content.decode().count("<code>NPX-") == 3
    assert three == one


def test_the_coordinator_revokes_with_a_reason(as_user, coordinator, certificate):
    url = reverse("certificate_revoke", args=[certificate.pk])
    client = as_user(coordinator)

    assert client.post(url, {"reason": ""}).status_code == 400
    certificate.refresh_from_db()
    assert certificate.revoked_at is None

    assert client.post(url, {"reason": "Recorded in error."}).status_code == 302
    certificate.refresh_from_db()
    assert certificate.revocation_reason == "Recorded in error."


def test_a_liaison_cannot_revoke(as_user, liaison_a, liaison_b, certificate):
    url = reverse("certificate_revoke", args=[certificate.pk])

    assert as_user(liaison_a).post(url, {"reason": "x"}).status_code == 403
    assert as_user(liaison_b).post(url, {"reason": "x"}).status_code == 404
    certificate.refresh_from_db()
    assert certificate.revoked_at is None


# The public verification page -----------------------------------------------------------


def verify(code) -> str:
    response = Client().get(reverse("certificate_verify_code", args=[code]))
    assert response.status_code == 200
    return response.content.decode()


def test_anyone_verifies_a_valid_code_seeing_only_name_item_dates_and_validity(
    certificate, official_a
):
    official_a.position = "Jefa de Departamento de Análisis"
    official_a.email = "ana.alvarez@example.gob.mx"
    official_a.phone = "+52 55 5555 0101"
    official_a.save()

    body = verify(certificate.code)

    assert "Ana Alvarez" in body
    assert "Calendario de capacitación" in body
    assert "2009" in body
    assert 'verification-valid"' in body
    for secret in [
        "Agencia A",
        "Agency A",
        "Jefa de Departamento",
        "ana.alvarez@example.gob.mx",
        "5555 0101",
        "prog-test",
        "Programa prog-test",
    ]:
        assert secret not in body, secret


def test_an_altered_code_shows_no_certificate(certificate):
    body = verify(altered(certificate.code, 12))

    assert 'verification-invalid"' in body
    assert "Ana Alvarez" not in body


def test_a_forged_code_of_valid_shape_shows_no_certificate(certificate):
    body = verify("NPX-ABCD-EFGH-JKMN-PQRS")

    assert 'verification-invalid"' in body
    assert "Ana Alvarez" not in body


def test_a_revoked_certificate_shows_as_revoked(certificate, coordinator):
    revoke_certificate(actor=coordinator, certificate=certificate, reason="Recorded in error.")

    body = verify(certificate.code)

    assert 'verification-revoked"' in body
    assert "Ana Alvarez" in body
    assert "Recorded in error." not in body


def test_the_verification_form_leads_to_the_codes_page(certificate):
    response = Client().get(
        reverse("certificate_verify"), {"code": certificate.code.lower().replace("-", "")}
    )

    assert response.status_code == 302
    assert response["Location"] == reverse("certificate_verify_code", args=[certificate.code])
    assert Client().get(reverse("certificate_verify")).status_code == 200


# The transcript ------------------------------------------------------------------------


def transcript_url(official) -> str:
    return reverse("official_transcript", args=[official.pk])


def test_the_transcript_shows_sessions_attendance_and_certificates(
    as_user, coordinator, trained, official_a
):
    certificate = issue_certificates(actor=coordinator, session=trained).issued[0]

    body = as_user(coordinator).get(transcript_url(official_a)).content.decode()

    assert "Calendario de capacitación" in body
    assert "5 of 5" in body or "5 de 5" in body
    assert certificate.code in body
    assert reverse("certificate_download", args=[certificate.pk]) in body


def test_the_officials_own_login_sees_his_transcript(as_user, trained, official_a):
    from tests.factories import UserFactory

    official_a.user = UserFactory(username="ana")
    official_a.save()

    response = as_user(official_a.user).get(transcript_url(official_a))

    assert response.status_code == 200
    assert "Calendario de capacitación" in response.content.decode()


def test_another_agencys_liaison_and_the_outsider_get_404_for_a_transcript(
    as_user, liaison_b, outsider, trained, official_a
):
    assert as_user(liaison_b).get(transcript_url(official_a)).status_code == 404
    assert as_user(outsider).get(transcript_url(official_a)).status_code == 404


def test_the_liaison_sees_his_agencys_transcript(as_user, liaison_a, trained, official_a):
    response = as_user(liaison_a).get(transcript_url(official_a))

    assert response.status_code == 200
    assert "Calendario de capacitación" in response.content.decode()


def test_the_transcript_costs_the_same_queries_for_1_and_3_sessions(
    as_user, coordinator, calendar, training_item, official_a, enrolled, attend, count_queries
):
    from nonprolif.training.models import Session

    cohorts = list(Session.objects.filter(item_key=training_item.key).order_by("cohort")[:3])
    client = as_user(coordinator)
    enrolled(cohorts[0], official_a)
    attend(cohorts[0], official_a, 5)
    issue_certificates(actor=coordinator, session=cohorts[0])
    client.get(transcript_url(official_a))
    one, _response = count_queries(lambda: client.get(transcript_url(official_a)))

    for cohort in cohorts[1:]:
        enrolled(cohort, official_a)
        attend(cohort, official_a, 4)
        issue_certificates(actor=coordinator, session=cohort)
    three, response = count_queries(lambda: client.get(transcript_url(official_a)))

    assert response.content.decode().count("NPX-") == 6  # in the table and in the list
    assert three == one
