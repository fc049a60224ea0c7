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

    monkeypatch.setattr(domain.attachments, "record", broken)
    with pytest.raises(RuntimeError):
        add_attachment(actor=actor, report=report, file=SimpleUploadedFile("x.pdf", PDF))
    assert not ReportAttachment.objects.exists()
    assert not [path for path in media.rglob("*") if path.is_file()]


# --- a downgrade keeps the files' classification; removing a file ------------------------------


def test_a_file_attached_before_a_downgrade_keeps_the_higher_classification(
    as_user, analyst_a, agency_b, media
):
    from nonprolif.intel.releases.domain import set_releasability
    from nonprolif.intel.reports.domain import update_report
    from tests.intel.conftest import analyst

    report = write(analyst_a, classification="S")
    secret = add_attachment(
        actor=analyst_a, report=report, file=SimpleUploadedFile("fuente.txt", b"SECRET\n")
    )
    report = update_report(actor=analyst_a, report=report, classification="C")
    public = add_attachment(
        actor=analyst_a, report=report, file=SimpleUploadedFile("nota.txt", b"sanitised\n")
    )
    assert (secret.classification.code, public.classification.code) == ("S", "C")
    publish_report(actor=analyst_a, report=report)
    set_releasability(actor=analyst_a, report=report, agencies=[agency_b.code])
    client = as_user(analyst("b_conf", agency_b, "C"))
    page = client.get(reverse("intel_report_detail", args=[report.pk])).content.decode()
    assert "nota.txt" in page
    assert "fuente.txt" not in page
    listed = client.get(f"/api/v1/intel/reports/{report.pk}/attachments").json()["items"]
    assert [row["id"] for row in listed] == [public.pk]
    for url in (
        reverse("intel_attachment_download", args=[secret.pk]),
        f"/api/v1/intel/attachments/{secret.pk}/download",
    ):
        assert client.get(url).status_code == 404, url
    assert client.get(reverse("intel_attachment_download", args=[public.pk])).status_code == 200
    # A reader cleared for SECRET still reads both.
    high = as_user(analyst("b_secret", agency_b, "S"))
    assert high.get(reverse("intel_attachment_download", args=[secret.pk])).status_code == 200


def test_a_writer_removes_a_file_audited_and_the_stored_file_goes(
    analyst_a, media, django_capture_on_commit_callbacks
):
    from nonprolif.intel.reports.domain import remove_attachment

    report = write(analyst_a)
    attachment = add_attachment(
        actor=analyst_a, report=report, file=SimpleUploadedFile("x.pdf", PDF)
    )
    stored = media / attachment.file.name
    assert stored.exists()
    with django_capture_on_commit_callbacks(execute=True):
        remove_attachment(actor=analyst_a, attachment=attachment)
    assert not ReportAttachment.objects.exists()
    assert not stored.exists()
    [entry] = AuditEntry.objects.filter(action="intel.attachment.remove")
    assert entry.outcome == Outcome.ALLOWED
    assert entry.changes["sha256"] == [attachment.sha256, None]


def test_a_reader_or_a_writer_below_the_file_cannot_remove_it_and_is_audited(
    analyst_a, analyst_b, agency_a, media
):
    from nonprolif.intel.reports.domain import remove_attachment, update_report
    from tests.intel.conftest import analyst

    report = write(analyst_a, classification="S")
    secret = add_attachment(actor=analyst_a, report=report, file=SimpleUploadedFile("x.pdf", PDF))
    report = update_report(actor=analyst_a, report=report, classification="C")
    publish_report(actor=analyst_a, report=report)
    report.releases.create(agency=analyst_b.agency, state="effective")
    low_writer = analyst("a_conf", agency_a, "C")
    for actor in (analyst_b, low_writer):
        with pytest.raises(PermissionDenied):
            remove_attachment(actor=actor, attachment=secret)
    assert ReportAttachment.objects.filter(pk=secret.pk).exists()
    entries = AuditEntry.objects.filter(action="intel.attachment.remove")
    assert [e.outcome for e in entries] == [Outcome.DENIED, Outcome.DENIED]


def test_the_remove_page_asks_then_removes(as_user, analyst_a, analyst_b, media):
    report = write(analyst_a)
    attachment = add_attachment(
        actor=analyst_a, report=report, file=SimpleUploadedFile("x.pdf", PDF)
    )
    url = reverse("intel_attachment_remove", args=[attachment.pk])
    client = as_user(analyst_a)
    detail = client.get(reverse("intel_report_detail", args=[report.pk])).content.decode()
    assert url in detail
    asked = client.get(url)
    assert asked.status_code == 200
    assert ReportAttachment.objects.filter(pk=attachment.pk).exists()
    assert client.post(url).status_code == 200  # no confirm: the question again
    assert ReportAttachment.objects.filter(pk=attachment.pk).exists()
    done = client.post(url, {"confirm": "1"})
    assert done.status_code == 302
    assert not ReportAttachment.objects.filter(pk=attachment.pk).exists()
    # Of a report he may not read: 404, like a missing file.
    other = add_attachment(actor=analyst_a, report=report, file=SimpleUploadedFile("y.pdf", PDF))
    hidden = as_user(analyst_b).post(
        reverse("intel_attachment_remove", args=[other.pk]), {"confirm": "1"}
    )
    assert hidden.status_code == 404


def test_a_reader_who_does_not_write_gets_403_from_the_remove_page(
    as_user, analyst_a, analyst_b, media
):
    report = write(analyst_a)
    attachment = add_attachment(
        actor=analyst_a, report=report, file=SimpleUploadedFile("x.pdf", PDF)
    )
    publish_report(actor=analyst_a, report=report)
    report.releases.create(agency=analyst_b.agency, state="effective")
    client = as_user(analyst_b)
    url = reverse("intel_attachment_remove", args=[attachment.pk])
    assert client.get(url).status_code == 403
    assert client.post(url, {"confirm": "1"}).status_code == 403
    assert ReportAttachment.objects.filter(pk=attachment.pk).exists()
    assert AuditEntry.objects.filter(
        action="intel.attachment.remove", outcome=Outcome.DENIED
    ).exists()
