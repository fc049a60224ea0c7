"""The verification of codes: valid, altered, forged, never issued, revoked."""

import datetime

import pytest

from nonprolif.training.certificates import codes
from nonprolif.training.certificates.domain import issue_certificates, revoke_certificate
from nonprolif.training.certificates.queries import verify_certificate
from tests.training.certificates.test_codes import altered

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
    assert verify_certificate(codes.new_code()).status == "invalid"


def test_a_revoked_certificate_verifies_as_revoked(certificate, coordinator):
    revoke_certificate(actor=coordinator, certificate=certificate, reason="Recorded in error.")

    result = verify_certificate(certificate.code)

    assert result.status == "revoked"
    assert result.name == "Ana Alvarez"
