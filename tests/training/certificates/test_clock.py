"""Certificates are dated by the demo clock (NONPROLIF_TODAY), not the machine's."""

import datetime

from django.utils import timezone

from nonprolif.training.certificates.domain import issue_certificates, revoke_certificate


def test_a_certificate_is_issued_and_revoked_on_the_fixed_date(settings, trained, coordinator):
    settings.NONPROLIF_TODAY = datetime.date(2009, 11, 2)
    certificate = issue_certificates(actor=coordinator, session=trained).issued[0]
    assert timezone.localtime(certificate.issued_at).date() == datetime.date(2009, 11, 2)
    revoke_certificate(actor=coordinator, certificate=certificate, reason="Recorded in error.")
    certificate.refresh_from_db()
    assert timezone.localtime(certificate.revoked_at).date() == datetime.date(2009, 11, 2)
