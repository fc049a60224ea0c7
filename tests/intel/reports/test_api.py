"""The reports API: the same selectors and services as the pages."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from nonprolif.core.models import AuditEntry, Outcome
from nonprolif.intel.models import IntelReport, ReportStatus
from nonprolif.intel.reports.domain import publish_report

from .conftest import write
from .test_attachments import PDF

pytestmark = pytest.mark.django_db

API = "/api/v1/intel"
JSON = "application/json"


def fields_of(response) -> set[str]:
    return {error["field"] for error in response.json()["detail"]}


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def test_create_read_update_publish_withdraw(as_user, analyst_a, cesium):
    client = as_user(analyst_a)
    created = client.post(
        f"{API}/reports",
        {
            "title_es": "Fuente robada",
            "report_type": "incident",
            "classification": "C",
            "cbrn_category": "RAD",
            "material": "CS137",
            "tags": ["fuente"],
            "latitude": "25.5",
        },
        content_type=JSON,
    )
    assert created.status_code == 201, created.content
    body = created.json()
    assert (body["status"], body["originator"], body["material"], body["version"]) == (
        "draft",
        "AAA",
        "CS137",
        1,
    )
    pk = body["id"]
    patched = client.patch(
        f"{API}/reports/{pk}", {"quantity": "1 source", "note": "Confirmed"}, content_type=JSON
    )
    assert patched.status_code == 200
    assert (patched.json()["quantity"], patched.json()["version"]) == ("1 source", 2)
    versions = client.get(f"{API}/reports/{pk}/versions").json()["items"]
    assert [v["number"] for v in versions] == [1, 2]
    assert versions[1]["note"] == "Confirmed"
    compare = client.get(f"{API}/reports/{pk}/compare", {"a": 1, "b": 2}).json()
    assert [f["field"] for f in compare["fields"] if f["changed"]] == ["quantity"]
    assert client.post(f"{API}/reports/{pk}/publish").json()["status"] == "published"
    again = client.post(f"{API}/reports/{pk}/publish")
    assert again.status_code == 422
    assert fields_of(again) == {"status"}
    withdrawn = client.post(f"{API}/reports/{pk}/withdraw", {"reason": "Wrong"}, content_type=JSON)
    assert withdrawn.json()["status"] == "withdrawn"
    listing = client.get(f"{API}/reports", {"status": "withdrawn"}).json()
    assert [item["id"] for item in listing["items"]] == [pk]


def test_bad_input_is_422_naming_the_field(as_user, analyst_a, cesium):
    client = as_user(analyst_a)
    response = client.post(
        f"{API}/reports",
        {"title_es": "x", "report_type": "incident", "classification": "C", "material": "NOPE"},
        content_type=JSON,
    )
    assert response.status_code == 422
    assert "material" in fields_of(response)
    response = client.post(
        f"{API}/reports", {"title_es": "x", "report_type": "gossip"}, content_type=JSON
    )
    assert response.status_code == 422
    assert not IntelReport.objects.exists()


def test_hidden_and_missing_are_404_alike_on_every_endpoint(as_user, analyst_a, analyst_b):
    report = write(analyst_a)
    attachment_client = as_user(analyst_a)
    attachment_client.post(
        f"{API}/reports/{report.pk}/attachments", {"file": SimpleUploadedFile("a.pdf", PDF)}
    )
    attachment = report.attachments.get()
    client = as_user(analyst_b)
    for hidden, missing in [
        (f"{API}/reports/{report.pk}", f"{API}/reports/{report.pk + 99}"),
        (f"{API}/reports/{report.pk}/versions", f"{API}/reports/{report.pk + 99}/versions"),
        (
            f"{API}/reports/{report.pk}/compare?a=1&b=1",
            f"{API}/reports/{report.pk + 99}/compare?a=1&b=1",
        ),
        (f"{API}/reports/{report.pk}/attachments", f"{API}/reports/{report.pk + 99}/attachments"),
        (
            f"{API}/attachments/{attachment.pk}/download",
            f"{API}/attachments/{attachment.pk + 99}/download",
        ),
    ]:
        a, b = client.get(hidden), client.get(missing)
        assert a.status_code == b.status_code == 404, hidden
        assert a.content == b.content
    assert client.get(f"{API}/reports").json()["count"] == 0
    for method, url in [
        ("patch", f"{API}/reports/{report.pk}"),
        ("post", f"{API}/reports/{report.pk}/publish"),
        ("post", f"{API}/reports/{report.pk}/withdraw"),
    ]:
        response = getattr(client, method)(url, {"reason": "x"}, content_type=JSON)
        assert response.status_code == 404
    report.refresh_from_db()
    assert report.status == ReportStatus.DRAFT


def test_a_reader_who_does_not_write_gets_403_and_nothing_changes(as_user, analyst_a, analyst_b):
    report = write(analyst_a)
    publish_report(actor=analyst_a, report=report)
    report.releases.create(agency=analyst_b.agency, state="effective")
    client = as_user(analyst_b)
    assert client.get(f"{API}/reports/{report.pk}").status_code == 200
    response = client.patch(
        f"{API}/reports/{report.pk}", {"classification": "U"}, content_type=JSON
    )
    assert response.status_code == 403
    report.refresh_from_db()
    assert report.classification.code == "C"


def test_upload_and_download_through_the_api(as_user, analyst_a):
    report = write(analyst_a)
    client = as_user(analyst_a)
    bad = client.post(
        f"{API}/reports/{report.pk}/attachments", {"file": SimpleUploadedFile("a.pdf", b"MZ")}
    )
    assert bad.status_code == 422
    assert fields_of(bad) == {"file"}
    good = client.post(
        f"{API}/reports/{report.pk}/attachments", {"file": SimpleUploadedFile("a.pdf", PDF)}
    )
    assert good.status_code == 201
    download = client.get(f"{API}/attachments/{good.json()['id']}/download")
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == PDF
    assert download["X-Content-Type-Options"] == "nosniff"
    assert AuditEntry.objects.filter(action="intel.attachment.download").count() == 1


def test_delete_removes_an_attachment_for_its_writers_only(as_user, analyst_a, analyst_b):
    report = write(analyst_a)
    publish_report(actor=analyst_a, report=report)
    report.releases.create(agency=analyst_b.agency, state="effective")
    uploaded = as_user(analyst_a).post(
        f"{API}/reports/{report.pk}/attachments", {"file": SimpleUploadedFile("a.pdf", PDF)}
    )
    pk = uploaded.json()["id"]
    refused = as_user(analyst_b).delete(f"{API}/attachments/{pk}")
    assert refused.status_code == 403
    assert report.attachments.filter(pk=pk).exists()
    assert as_user(analyst_a).delete(f"{API}/attachments/{pk}").status_code == 204
    assert not report.attachments.exists()
    assert as_user(analyst_a).delete(f"{API}/attachments/{pk}").status_code == 404
    outcomes = AuditEntry.objects.filter(action="intel.attachment.remove").values_list(
        "outcome", flat=True
    )
    assert sorted(outcomes) == sorted([Outcome.DENIED, Outcome.ALLOWED])


def test_the_request_a_report_answers_is_named_only_to_who_may_see_it(
    as_user, agency_a, agency_b, analyst_a
):
    import datetime

    from nonprolif.core import clock
    from nonprolif.intel.models import InfoRequest
    from tests.factories import AgencyFactory
    from tests.intel.conftest import ReportFactory, analyst, level

    agency_c = AgencyFactory(code="CCC")
    rfi = InfoRequest.objects.create(
        title_es="Pregunta",
        classification=level("C"),
        requester=agency_a,
        author=analyst_a,
        due_date=clock.today() + datetime.timedelta(days=10),
    )
    rfi.recipients.set([agency_b])
    answer = ReportFactory(originator=agency_b, request=rfi, released_to=[agency_a, agency_c])
    asked = as_user(analyst_a).get(f"{API}/reports/{answer.pk}").json()
    assert asked["request"] == rfi.pk
    outsider = as_user(analyst("c1", agency_c, "S"))
    assert outsider.get(f"{API}/reports/{answer.pk}").json()["request"] is None
    listed = outsider.get(f"{API}/reports").json()["items"]
    assert [row["request"] for row in listed] == [None]


def test_an_originator_id_past_64_bits_is_422(as_user, analyst_a):
    client = as_user(analyst_a)
    response = client.get(f"{API}/reports", {"originator": "99999999999999999999999"})
    assert response.status_code == 422
    assert "originator" in str(response.json())
    assert client.get(f"{API}/reports", {"originator": "AAA"}).status_code == 200
