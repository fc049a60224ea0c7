"""The certificate's PDF."""

from nonprolif.training.certificates.domain import issue_certificates
from nonprolif.training.certificates.pdf import certificate_data, certificate_pdf


def test_the_certificate_pdf_is_bilingual_spanish_first(trained, coordinator):
    certificate = issue_certificates(actor=coordinator, session=trained).issued[0]

    data = certificate_data(certificate, verify_url="https://example.org/verify/x/")
    pdf = certificate_pdf(certificate, verify_url="https://example.org/verify/x/")

    assert pdf.startswith(b"%PDF")
    assert data["labels_en"]["heading"] == "Certificate of completion"
    assert "octubre" in data["dates_es"].lower()
    assert data["code"] == certificate.code
    assert data["revoked"] is False
