"""The certificate's PDF."""

from nonprolif.training.certificates.domain import issue_certificates
from nonprolif.training.certificates.pdf import certificate_data, certificate_pdf
from tests import pdfs


def test_the_certificate_pdf_is_bilingual_spanish_first(trained, coordinator):
    certificate = issue_certificates(actor=coordinator, session=trained).issued[0]

    data = certificate_data(certificate, verify_url="https://example.org/verify/x/")
    pdf = certificate_pdf(certificate, verify_url="https://example.org/verify/x/")

    assert pdf.startswith(b"%PDF")
    assert data["labels_en"]["heading"] == "Certificate of completion"
    assert "octubre" in data["dates_es"].lower()
    assert data["code"] == certificate.code
    assert data["revoked"] is False


def test_the_certificate_pdf_is_titled_tagged_and_pdfa(trained, coordinator):
    certificate = issue_certificates(actor=coordinator, session=trained).issued[0]
    pdf = certificate_pdf(certificate, verify_url="https://example.org/verify/x/")

    assert pdfs.info_title(pdf) == f"{certificate.title_es} / {certificate.title_en}"
    assert pdfs.structure_headings(pdf) == [
        ("H1", "Constancia de conclusión"),
        ("H2", "Certificate of completion"),
    ]
    assert [mark.title for mark in pdfs.bookmarks(pdf)] == [
        "Constancia de conclusión",
        "Certificate of completion",
    ]
    assert pdfs.pdfa_identification(pdf) == ("2", "B")
