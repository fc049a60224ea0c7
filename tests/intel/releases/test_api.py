"""The releasability API: the same selectors and services as the pages. A partner's caller
sees only his own agency's row; rows of reports the caller cannot read never appear;
invisible and missing answer 404 alike; refused writes are 403 and change nothing."""

import pytest

from nonprolif.intel.models import DistributionList, ReleaseState, ReportRelease
from nonprolif.intel.releases.domain import create_distribution_list, set_releasability
from tests.intel.conftest import ReportFactory, analyst, level

pytestmark = pytest.mark.django_db

API = "/api/v1/intel"
JSON = "application/json"


def rows(report) -> dict[str, str]:
    return dict(ReportRelease.objects.filter(report=report).values_list("agency__code", "state"))


def fields_of(response) -> set[str]:
    return {error["field"] for error in response.json()["detail"]}


def test_the_two_person_release_through_the_api(
    as_user, report, analyst_a, analyst_a2, partner_analyst
):
    requester = as_user(analyst_a)
    response = requester.put(
        f"{API}/reports/{report.pk}/releases", {"agencies": ["BBB", "PTR"]}, content_type=JSON
    )
    assert response.status_code == 200
    assert {(r["agency"], r["state"]) for r in response.json()} == {
        ("BBB", "effective"),
        ("PTR", "pending"),
    }
    release = ReportRelease.objects.get(report=report, agency__code="PTR")
    own = requester.post(
        f"{API}/releases/{release.pk}/approve", {"reason": "Mine."}, content_type=JSON
    )
    assert own.status_code == 403
    assert requester.get(f"{API}/releases/awaiting").json()["count"] == 0
    partner = as_user(partner_analyst)
    assert partner.get(f"{API}/reports/{report.pk}/releases").status_code == 404
    assert partner.get(f"{API}/releases/{release.pk}").status_code == 404

    second = as_user(analyst_a2)
    queue = second.get(f"{API}/releases/awaiting").json()
    assert queue["count"] == 1
    assert queue["items"][0]["report_reference"] == report.reference
    empty = second.post(f"{API}/releases/{release.pk}/approve", {"reason": ""}, content_type=JSON)
    assert empty.status_code == 422
    assert fields_of(empty) == {"reason"}
    done = second.post(
        f"{API}/releases/{release.pk}/approve", {"reason": "For LEGAT."}, content_type=JSON
    )
    assert done.status_code == 200
    assert (done.json()["state"], done.json()["decided_by"]) == ("effective", "analyst_a2")
    mine = partner.get(f"{API}/reports/{report.pk}/releases").json()["items"]
    assert [r["agency"] for r in mine] == ["PTR"]
    assert partner.get(f"{API}/releases/{release.pk}").status_code == 200
    again = second.post(
        f"{API}/releases/{release.pk}/refuse", {"reason": "Too late."}, content_type=JSON
    )
    assert again.status_code == 422
    assert fields_of(again) == {"state"}


def test_refusing_through_the_api(as_user, report, analyst_a, analyst_a2, partner_analyst):
    set_releasability(actor=analyst_a, report=report, agencies=["PTR"])
    release = ReportRelease.objects.get(report=report)
    response = as_user(analyst_a2).post(
        f"{API}/releases/{release.pk}/refuse", {"reason": "Not for them."}, content_type=JSON
    )
    assert response.status_code == 200
    assert response.json()["state"] == "refused"
    assert as_user(partner_analyst).get(f"{API}/reports/{report.pk}/releases").status_code == 404


def test_refused_and_bad_writes_change_nothing(as_user, report, analyst_a, analyst_b):
    set_releasability(actor=analyst_a, report=report, agencies=["BBB"])
    url = f"{API}/reports/{report.pk}/releases"
    response = as_user(analyst_b).put(url, {"agencies": ["BBB", "PTR"]}, content_type=JSON)
    assert response.status_code == 403
    bad = as_user(analyst_a).put(url, {"agencies": ["NOPE"]}, content_type=JSON)
    assert bad.status_code == 422
    assert fields_of(bad) == {"agencies"}
    shape = as_user(analyst_a).put(url, {"agencies": "BBB"}, content_type=JSON)
    assert shape.status_code == 422
    assert rows(report) == {"BBB": ReleaseState.EFFECTIVE}


def test_hidden_and_missing_reports_answer_alike(as_user, agency_a, analyst_b, analyst_a):
    hidden = ReportFactory(originator=agency_a, classification=level("S"))
    set_releasability(actor=analyst_a, report=hidden, agencies=["BBB"])
    low_b = analyst("low_b", analyst_b.agency, "C")
    client = as_user(low_b)
    for report_id in (hidden.pk, hidden.pk + 1000):
        assert client.get(f"{API}/reports/{report_id}/releases").status_code == 404
        put = client.put(f"{API}/reports/{report_id}/releases", {"agencies": []}, content_type=JSON)
        assert put.status_code == 404
    release = ReportRelease.objects.get(report=hidden)
    assert client.get(f"{API}/releases/{release.pk}").status_code == 404
    assert rows(hidden) == {"BBB": ReleaseState.EFFECTIVE}


def test_applying_a_list_through_the_api(as_user, report, analyst_a, analyst_b, agency_a):
    mine = create_distribution_list(actor=analyst_a, name_es="Nacional", agencies=["BBB"])
    theirs = create_distribution_list(actor=analyst_b, name_es="De B", agencies=[agency_a])
    client = as_user(analyst_a)
    url = f"{API}/reports/{report.pk}/releases/apply-list"
    assert client.post(url, {"distribution_list": theirs.pk}, content_type=JSON).status_code == 404
    response = client.post(url, {"distribution_list": mine.pk}, content_type=JSON)
    assert response.status_code == 200
    assert rows(report) == {"BBB": ReleaseState.EFFECTIVE}


def test_distribution_lists_through_the_api(as_user, analyst_a, analyst_b):
    client = as_user(analyst_a)
    created = client.post(
        f"{API}/distribution-lists",
        {"name_es": "Nacional", "name_en": "Domestic", "agencies": ["BBB", "PTR"]},
        content_type=JSON,
    )
    assert created.status_code == 201
    body = created.json()
    assert (body["owner"], body["agencies"]) == ("AAA", ["BBB", "PTR"])
    list_id = body["id"]
    assert client.get(f"{API}/distribution-lists").json()["count"] == 1
    bad = client.post(
        f"{API}/distribution-lists", {"name_es": "", "agencies": []}, content_type=JSON
    )
    assert bad.status_code == 422
    assert {"name_es", "agencies"} <= fields_of(bad)
    changed = client.put(
        f"{API}/distribution-lists/{list_id}",
        {"name_es": "Socios", "agencies": ["PTR"]},
        content_type=JSON,
    )
    assert changed.status_code == 200
    assert changed.json()["agencies"] == ["PTR"]
    other = as_user(analyst_b)
    assert other.get(f"{API}/distribution-lists").json()["count"] == 0
    assert other.get(f"{API}/distribution-lists/{list_id}").status_code == 404
    assert other.delete(f"{API}/distribution-lists/{list_id}").status_code == 404
    assert (
        other.put(
            f"{API}/distribution-lists/{list_id}",
            {"name_es": "X", "agencies": ["AAA"]},
            content_type=JSON,
        ).status_code
        == 404
    )
    assert DistributionList.objects.get().name_es == "Socios"
    assert client.delete(f"{API}/distribution-lists/{list_id}").status_code == 204
    assert not DistributionList.objects.exists()


def test_the_queue_query_count_does_not_grow(
    as_user, agency_a, analyst_a, analyst_a2, count_queries
):
    client = as_user(analyst_a2)
    url = f"{API}/releases/awaiting"
    first = ReportFactory(originator=agency_a)
    set_releasability(actor=analyst_a, report=first, agencies=["PTR"])
    few, _ = count_queries(lambda: client.get(url))
    for _n in range(5):
        more = ReportFactory(originator=agency_a)
        set_releasability(actor=analyst_a, report=more, agencies=["PTR"])
    many, response = count_queries(lambda: client.get(url))
    assert few == many
    assert response.json()["count"] == 6
