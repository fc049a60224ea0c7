"""Attachments: the allow-list by content and extension, the size cap, the SHA-256, the
storage outside static, and the audited download behind the access rule."""

import hashlib
import io
import zipfile

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from nonprolif.core.models import AuditEntry, Outcome
from nonprolif.intel.models import ReportAttachment
from nonprolif.intel.reports.attachments import sniff
from nonprolif.intel.reports.domain import add_attachment, publish_report

from .conftest import write

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n"


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def office(kind: str) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as package:
        package.writestr("[Content_Types].xml", "<Types/>")
        package.writestr("xl/workbook.xml" if kind == "xlsx" else "word/document.xml", "<x/>")
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("content", "name", "kind"),
    [
        (PDF, "a.pdf", "pdf"),
        (b"\x89PNG\r\n\x1a\n....", "a.PNG", "png"),
        (b"\xff\xd8\xff\xe0....", "a.jpeg", "jpeg"),
        ("Texto con acentos: válvula\n".encode(), "a.txt", "txt"),
        (b"a,b\n1,2\n", "a.csv", "csv"),
        (office("xlsx"), "a.xlsx", "xlsx"),
        (office("docx"), "a.docx", "docx"),
        (PDF, "a.txt", None),  # the name does not match the content
        (b"MZ\x90\x00\x03\x00", "a.pdf", None),  # an executable named .pdf
        (b"MZ\x90\x00\x03\x00", "a.exe", None),
        (b"<html><script>", "a.html", None),
        (office("docx"), "a.xlsx", None),
        (b"PK\x03\x04broken", "a.docx", None),
        (b"text\x00with nul", "a.txt", None),
    ],
)
def test_the_type_is_judged_by_content_and_extension(content, name, kind):
    assert sniff(content, name) == kind


def test_upload_keeps_hash_size_and_type_and_stores_by_hash(analyst_a, media):
    report = write(analyst_a)
    upload = SimpleUploadedFile("../../etc/informe final.pdf", PDF, content_type="text/html")
    attachment = add_attachment(actor=analyst_a, report=report, file=upload)
    digest = hashlib.sha256(PDF).hexdigest()
    assert (attachment.sha256, attachment.size) == (digest, len(PDF))
    assert attachment.content_type == "application/pdf"  # ours, not the client's
    assert attachment.name == "informe final.pdf"
    assert attachment.file.name == f"intel/{digest[:2]}/{digest}"
    assert (media / "intel" / digest[:2] / digest).read_bytes() == PDF
    [entry] = AuditEntry.objects.filter(action="intel.attachment.upload")
    assert entry.changes["sha256"] == [None, digest]


def test_a_refused_type_or_size_names_the_file_and_stores_nothing(analyst_a, settings, media):
    report = write(analyst_a)
    with pytest.raises(ValidationError) as error:
        add_attachment(
            actor=analyst_a, report=report, file=SimpleUploadedFile("x.pdf", b"MZ\x90\x00")
        )
    assert "file" in error.value.message_dict
    settings.INTEL_ATTACHMENT_MAX_BYTES = 10
    with pytest.raises(ValidationError) as error:
        add_attachment(actor=analyst_a, report=report, file=SimpleUploadedFile("x.pdf", PDF))
    assert "file" in error.value.message_dict
    assert not ReportAttachment.objects.exists()
    assert not list(media.rglob("*.*"))


def test_a_reader_who_does_not_write_cannot_attach(analyst_a, analyst_b, media):
    report = write(analyst_a)
    publish_report(actor=analyst_a, report=report)
    report.releases.create(agency=analyst_b.agency, state="effective")
    with pytest.raises(PermissionDenied):
        add_attachment(actor=analyst_b, report=report, file=SimpleUploadedFile("x.pdf", PDF))
    assert not ReportAttachment.objects.exists()
    [entry] = AuditEntry.objects.filter(action="intel.attachment.upload")
    assert entry.outcome == Outcome.DENIED


def test_download_is_an_audited_attachment_for_readers_only(
    as_user, analyst_a, analyst_b, analyst_b_low
):
    report = write(analyst_a)
    publish_report(actor=analyst_a, report=report)
    report.releases.create(agency=analyst_b.agency, state="effective")
    attachment = add_attachment(
        actor=analyst_a, report=report, file=SimpleUploadedFile("nota.pdf", PDF)
    )
    url = reverse("intel_attachment_download", args=[attachment.pk])
    response = as_user(analyst_b).get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF
    assert response["Content-Disposition"].startswith("attachment")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Type"] == "application/pdf"
    entry = AuditEntry.objects.filter(action="intel.attachment.download").get()
    assert (entry.actor, entry.object_id) == (analyst_b, str(attachment.pk))
    # Below the classification (C > SBU), and missing: the same 404.
    hidden = as_user(analyst_b_low).get(url)
    missing = as_user(analyst_b_low).get(
        reverse("intel_attachment_download", args=[attachment.pk + 99])
    )
    assert hidden.status_code == missing.status_code == 404
    assert hidden.content == missing.content


def test_upload_page_attaches_and_refuses_with_the_field_named(as_user, analyst_a, media):
    report = write(analyst_a)
    client = as_user(analyst_a)
    url = reverse("intel_attachment_upload", args=[report.pk])
    bad = client.post(url, {"file": SimpleUploadedFile("x.pdf", b"MZ\x90\x00")})
    assert bad.status_code == 400
    assert "PDF, PNG, JPEG" in bad.content.decode()
    good = client.post(url, {"file": SimpleUploadedFile("x.pdf", PDF)})
    assert good.status_code == 302
    page = client.get(reverse("intel_report_detail", args=[report.pk])).content.decode()
    assert "x.pdf" in page
    assert hashlib.sha256(PDF).hexdigest() in page


@pytest.mark.django_db(transaction=True)
def test_a_failed_upload_leaves_neither_row_nor_file(agency_a, media, monkeypatch):
    from nonprolif.intel.reports import domain
    from tests.intel.conftest import analyst

    actor = analyst("tx_upload", agency_a, "S")
    report = write(actor)

    def broken(**kwargs):
        raise RuntimeError("audit down")

    monkeypatch.setattr(domain, "record", broken)
    with pytest.raises(RuntimeError):
        add_attachment(actor=actor, report=report, file=SimpleUploadedFile("x.pdf", PDF))
    assert not ReportAttachment.objects.exists()
    assert not [path for path in media.rglob("*") if path.is_file()]
