"""The exchange API: a report's bundle, a search's bundle, the import."""

import json

import pytest

from nonprolif.intel.exchange.bundle import bundle_for
from nonprolif.intel.models import IntelReport
from tests.intel.conftest import ReportFactory, level

from .conftest import foreign, validation_errors

pytestmark = pytest.mark.django_db

API = "/api/v1"
JSON = "application/json"


def test_a_reports_bundle(as_user, analyst_a, full_report):
    response = as_user(analyst_a).get(f"{API}/intel/reports/{full_report.pk}/stix")
    assert response.status_code == 200
    assert validation_errors(response.content.decode()) == []
    assert response.json()["type"] == "bundle"


def test_an_invisible_reports_bundle_is_404_like_a_missing_one(as_user, analyst_b_low, full_report):
    client = as_user(analyst_b_low)
    hidden = client.get(f"{API}/intel/reports/{full_report.pk}/stix")
    missing = client.get(f"{API}/intel/reports/999999/stix")
    assert hidden.status_code == missing.status_code == 404
    assert hidden.json() == missing.json()


def test_a_search_bundle_carries_only_visible_matches(as_user, analyst_b, agency_a, full_report):
    ReportFactory(originator=agency_a, title_en="Precursor secret", classification=level("S"))
    response = as_user(analyst_b).get(f"{API}/intel/stix/search", {"q": "precursor"})
    assert response.status_code == 200
    names = [o["name"] for o in response.json()["objects"] if o["type"] == "report"]
    assert names == ["Precursor order reported by a supplier"]


def test_a_search_without_words_is_422_naming_q(as_user, analyst_b):
    response = as_user(analyst_b).get(f"{API}/intel/stix/search", {"q": ""})
    assert response.status_code == 422
    assert {e["field"] for e in response.json()["detail"]} == {"q"}


def test_import_through_the_api(as_user, analyst_a, analyst_b, full_report):
    data = json.dumps(foreign(bundle_for(analyst_a, [full_report]).serialize()))
    response = as_user(analyst_b).post(f"{API}/intel/stix/import", data, content_type=JSON)
    assert response.status_code == 201, response.content
    [report] = response.json()["reports"]
    assert report["classification"] == "C"
    assert IntelReport.objects.get(pk=report["id"]).originator == analyst_b.agency


def test_another_agencys_report_is_422_through_the_api(as_user, analyst_a, analyst_b, full_report):
    analyst_b.language = "en"
    analyst_b.save(update_fields=["language"])
    data = bundle_for(analyst_a, [full_report]).serialize()
    response = as_user(analyst_b).post(f"{API}/intel/stix/import", data, content_type=JSON)
    assert response.status_code == 422
    [error] = response.json()["detail"]
    assert error["message"].endswith(
        "it was written by AAA: it stays theirs; ask them for a release."
    )
    assert not IntelReport.objects.filter(originator=analyst_b.agency).exists()


def test_a_bad_import_is_422_naming_the_object(as_user, analyst_a, analyst_b, full_report):
    data = foreign(bundle_for(analyst_a, [full_report]).serialize())
    data["objects"].append(
        {"type": "x-thing", "id": "x-thing--00000000-0000-4000-8000-000000000001"}
    )
    before = IntelReport.objects.count()
    response = as_user(analyst_b).post(
        f"{API}/intel/stix/import", json.dumps(data), content_type=JSON
    )
    assert response.status_code == 422
    [error] = response.json()["detail"]
    assert error["field"] == "bundle"
    assert error["message"].startswith("x-thing--00000000")
    assert IntelReport.objects.count() == before


def test_who_may_not_import_gets_403_through_the_api(as_user, liaison_b, analyst_a, full_report):
    data = bundle_for(analyst_a, [full_report]).serialize()
    before = IntelReport.objects.count()
    response = as_user(liaison_b).post(f"{API}/intel/stix/import", data, content_type=JSON)
    assert response.status_code == 403
    assert IntelReport.objects.count() == before


def test_a_search_that_matches_nothing_is_an_empty_bundle(as_user, analyst_b):
    response = as_user(analyst_b).get(f"{API}/intel/stix/search", {"q": "zzzyyyxxx"})
    assert response.status_code == 200
    assert response.json()["objects"] == []
