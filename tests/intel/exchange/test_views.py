"""The exchange pages: the report's STIX download and the import page."""

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from nonprolif.core.models import AuditEntry, Outcome
from nonprolif.intel.exchange.bundle import bundle_for
from nonprolif.intel.models import IntelReport

from .conftest import foreign, validation_errors

pytestmark = pytest.mark.django_db


def upload(data: bytes, name: str = "bundle.json") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, content_type="application/json")


def test_the_report_page_offers_the_download(as_user, analyst_a, full_report):
    page = as_user(analyst_a).get(f"/intel/reports/{full_report.pk}/")
    assert f'href="/intel/reports/{full_report.pk}/stix/"'.encode() in page.content
    assert b'href="/intel/stix/import/"' in page.content


def test_the_download_is_a_valid_bundle_and_is_audited(as_user, analyst_a, full_report):
    response = as_user(analyst_a).get(f"/intel/reports/{full_report.pk}/stix/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/stix+json")
    assert (
        response["Content-Disposition"]
        == f'attachment; filename="{full_report.reference}.stix.json"'
    )
    assert response["X-Content-Type-Options"] == "nosniff"
    assert validation_errors(response.content.decode()) == []
    entry = AuditEntry.objects.latest("seq")
    assert (entry.action, entry.object_ids, entry.actor) == (
        "intel.stix.export",
        [full_report.pk],
        analyst_a,
    )
    assert AuditEntry.objects.filter(request_id=response["X-Request-ID"]).count() == 1


@pytest.mark.parametrize("who", ["analyst_b_low", "liaison_b", "outsider", "coordinator"])
def test_who_may_not_read_the_report_gets_404_for_its_bundle(request, as_user, who, full_report):
    user = request.getfixturevalue(who)
    response = as_user(user).get(f"/intel/reports/{full_report.pk}/stix/")
    assert response.status_code == 404
    entry = AuditEntry.objects.latest("seq")
    assert entry.outcome == Outcome.DENIED
    assert as_user(user).get("/intel/reports/999999/stix/").status_code == 404


def test_the_import_page_takes_a_bundle(as_user, analyst_a, partner_analyst, full_report):
    data = json.dumps(foreign(bundle_for(analyst_a, [full_report]).serialize())).encode()
    client = as_user(partner_analyst)
    assert client.get("/intel/stix/import/").status_code == 200
    response = client.post("/intel/stix/import/", {"bundle": upload(data)})
    assert response.status_code == 200
    report = IntelReport.objects.get(originator=partner_analyst.agency)
    assert f'href="/intel/reports/{report.pk}/"'.encode() in response.content


def test_a_bad_bundle_on_the_page_names_the_objects_and_imports_nothing(
    as_user, analyst_a, analyst_b, full_report
):
    data = foreign(bundle_for(analyst_a, [full_report]).serialize())
    data["objects"].append(
        {"type": "indicator", "id": "indicator--00000000-0000-4000-8000-000000000001"}
    )
    before = IntelReport.objects.count()
    response = as_user(analyst_b).post(
        "/intel/stix/import/", {"bundle": upload(json.dumps(data).encode())}
    )
    assert response.status_code == 400
    assert b"indicator--00000000-0000-4000-8000-000000000001" in response.content
    assert IntelReport.objects.count() == before


def test_a_file_over_the_limit_is_refused_on_the_page(as_user, analyst_b, settings):
    settings.INTEL_STIX_IMPORT_MAX_BYTES = 10
    response = as_user(analyst_b).post("/intel/stix/import/", {"bundle": upload(b"{" * 11)})
    assert response.status_code == 400
    assert IntelReport.objects.count() == 0


@pytest.mark.parametrize("who", ["liaison_b", "outsider", "coordinator"])
def test_who_may_not_import_gets_403(request, as_user, who, analyst_a, full_report):
    user = request.getfixturevalue(who)
    data = bundle_for(analyst_a, [full_report]).serialize().encode()
    client = as_user(user)
    assert client.get("/intel/stix/import/").status_code == 403
    before = IntelReport.objects.count()
    assert client.post("/intel/stix/import/", {"bundle": upload(data)}).status_code == 403
    assert IntelReport.objects.count() == before
