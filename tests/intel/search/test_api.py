"""The search API: results and facets of visible reports only, bad input 422 naming the field,
saved searches of one's own (others' are 404)."""

import pytest

from nonprolif.intel.models import SavedSearch
from nonprolif.intel.search.domain import save_search
from tests.intel.conftest import ReportFactory

pytestmark = pytest.mark.django_db

API = "/api/v1"
JSON = "application/json"


def fields_of(response) -> set[str]:
    return {error["field"] for error in response.json()["detail"]}


@pytest.fixture
def report(agency_a, agency_b):
    return ReportFactory(
        reference="AAA-2009-0001", originator=agency_a, released_to=[agency_b], body_es="rifles"
    )


def test_search_answers_results_and_facets(report, as_user, analyst_b):
    response = as_user(analyst_b).get(f"{API}/intel/search", {"q": "rifles"})
    assert response.status_code == 200
    data = response.json()
    assert data["count"] == 1
    assert [item["reference"] for item in data["items"]] == ["AAA-2009-0001"]
    assert data["items"][0]["originator"] == "AAA"
    assert data["facets"]["originator"] == [
        {"value": "AAA", "label": "AAA", "count": 1, "selected": False}
    ]


def test_search_finds_nothing_for_those_who_may_not_read(report, as_user, analyst_b_low):
    data = as_user(analyst_b_low).get(f"{API}/intel/search", {"q": "rifles"}).json()
    assert data["count"] == 0
    assert data["items"] == []
    assert all(values == [] for values in data["facets"].values())


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"year": "x"}, "year"),
        ({"year": 1200}, "year"),
        ({"type": "rumour"}, "type"),
        ({"originator": "a b"}, "originator"),
        ({"q": "x" * 301}, "q"),
        ({"limit": 101}, "limit"),
    ],
)
def test_bad_search_input_is_422_naming_the_field(as_user, analyst_b, params, field):
    response = as_user(analyst_b).get(f"{API}/intel/search", params)
    assert response.status_code == 422
    assert field in fields_of(response)


def test_saved_searches_create_list_get_delete(as_user, analyst_b):
    client = as_user(analyst_b)
    response = client.post(
        f"{API}/intel/saved-searches",
        {"name": "Rifles", "q": "rifles", "filters": {"type": "seizure", "year": 2009}},
        content_type=JSON,
    )
    assert response.status_code == 201
    created = response.json()
    assert created["filters"]["type"] == "seizure"
    assert created["filters"]["year"] == 2009
    listing = client.get(f"{API}/intel/saved-searches").json()
    assert [item["name"] for item in listing["items"]] == ["Rifles"]
    assert client.get(f"{API}/intel/saved-searches/{created['id']}").json()["q"] == "rifles"
    assert client.delete(f"{API}/intel/saved-searches/{created['id']}").status_code == 204
    assert not SavedSearch.objects.exists()


def test_a_saved_search_without_a_name_is_422(as_user, analyst_b):
    response = as_user(analyst_b).post(
        f"{API}/intel/saved-searches", {"name": "", "q": "x"}, content_type=JSON
    )
    assert response.status_code == 422
    assert "name" in fields_of(response)


def test_someone_elses_saved_search_is_404(as_user, analyst_a, analyst_b):
    saved = save_search(actor=analyst_a, name="Mine", query="x")
    client = as_user(analyst_b)
    assert client.get(f"{API}/intel/saved-searches/{saved.pk}").status_code == 404
    assert client.delete(f"{API}/intel/saved-searches/{saved.pk}").status_code == 404
    assert SavedSearch.objects.filter(pk=saved.pk).exists()
    assert client.get(f"{API}/intel/saved-searches").json()["count"] == 0
