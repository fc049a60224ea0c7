"""The search page, saving a search, the saved searches, opening and deleting one."""

import pytest

from nonprolif.core.models import AuditEntry
from nonprolif.intel.models import SavedSearch
from nonprolif.intel.search.domain import save_search
from tests.conftest import AUDITED_READ_QUERIES
from tests.intel.conftest import ReportFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def report(agency_a, agency_b):
    return ReportFactory(
        reference="AAA-2009-0001",
        originator=agency_a,
        released_to=[agency_b],
        title_es="Embarque de rifles",
        body_es="Un cargamento de rifles cruzó la frontera.",
    )


def test_the_page_finds_a_visible_report_and_links_to_it(report, as_user, analyst_b, english):
    response = as_user(analyst_b).get("/intel/search/", {"q": "rifles"})
    assert response.status_code == 200
    body = response.content.decode()
    assert f'href="/intel/reports/{report.pk}/"' in body
    assert "AAA-2009-0001" in body
    assert "?q=rifles&amp;type=procurement" in body  # the type facet narrows
    entry = AuditEntry.objects.order_by("-seq").first()
    assert entry.action == "intel.search"
    assert entry.changes["query"] == "rifles"


def test_the_page_without_words_lists_every_visible_report(report, as_user, analyst_b):
    response = as_user(analyst_b).get("/intel/search/")
    assert "AAA-2009-0001" in response.content.decode()


@pytest.mark.parametrize("username", ["outsider", "analyst_b_low", "partner_analyst"])
def test_others_find_nothing(report, as_user, username, request):
    user = request.getfixturevalue(username)
    response = as_user(user).get("/intel/search/", {"q": "rifles"})
    assert response.status_code == 200
    assert "AAA-2009-0001" not in response.content.decode()


def test_bad_filters_answer_400_naming_the_field(as_user, analyst_b):
    response = as_user(analyst_b).get("/intel/search/", {"q": "x", "year": "dos mil"})
    assert response.status_code == 400
    assert "year:" in response.content.decode()


def test_the_page_takes_a_fixed_number_of_queries(agency_a, as_user, analyst_a, count_queries):
    client = as_user(analyst_a)
    ReportFactory(originator=agency_a, body_es="frontera")
    client.get("/intel/search/", {"q": "frontera"})
    one, _ = count_queries(lambda: client.get("/intel/search/", {"q": "frontera"}))
    for _i in range(3):
        ReportFactory(originator=agency_a, body_es="frontera")
    three, _ = count_queries(lambda: client.get("/intel/search/", {"q": "frontera"}))
    assert one == three
    assert one > AUDITED_READ_QUERIES


def test_saving_a_search_from_the_page(as_user, analyst_b, report):
    response = as_user(analyst_b).post(
        "/intel/search/saved/new/",
        {"name": "Rifles", "q": "rifles", "type": "procurement", "notify": "on"},
    )
    assert response.status_code == 302
    saved = SavedSearch.objects.get(owner=analyst_b)
    assert (saved.query, saved.filters, saved.notify) == ("rifles", {"type": "procurement"}, True)
    assert saved.last_seen_report == report.pk  # what matches now counts as seen
    listing = as_user(analyst_b).get("/intel/search/saved/").content.decode()
    assert "Rifles" in listing
    assert "q=rifles&amp;type=procurement" in listing


def test_saving_without_a_name_answers_400_and_saves_nothing(as_user, analyst_b):
    response = as_user(analyst_b).post("/intel/search/saved/new/", {"name": "", "q": "rifles"})
    assert response.status_code == 400
    assert not SavedSearch.objects.exists()


def test_opening_a_saved_search_shows_its_results(as_user, analyst_b, report):
    saved = save_search(actor=analyst_b, name="R", query="rifles", filters={"year": 2009})
    response = as_user(analyst_b).get(f"/intel/search/saved/{saved.pk}/")
    assert response.status_code == 302
    assert response["Location"] == "/intel/search/?q=rifles&year=2009"


def test_someone_elses_saved_search_is_404_and_stays(as_user, analyst_a, analyst_b):
    saved = save_search(actor=analyst_a, name="Mine", query="x")
    client = as_user(analyst_b)
    assert client.get(f"/intel/search/saved/{saved.pk}/").status_code == 404
    assert client.get(f"/intel/search/saved/{saved.pk}/delete/").status_code == 404
    response = client.post(f"/intel/search/saved/{saved.pk}/delete/", {"confirm": "1"})
    assert response.status_code == 404
    assert SavedSearch.objects.filter(pk=saved.pk).exists()
    assert "Mine" not in client.get("/intel/search/saved/").content.decode()


def test_deleting_asks_then_deletes(as_user, analyst_a):
    saved = save_search(actor=analyst_a, name="Mine", query="x")
    client = as_user(analyst_a)
    assert client.get(f"/intel/search/saved/{saved.pk}/delete/").status_code == 200
    assert SavedSearch.objects.filter(pk=saved.pk).exists()
    response = client.post(f"/intel/search/saved/{saved.pk}/delete/", {"confirm": "1"})
    assert response.status_code == 302
    assert not SavedSearch.objects.filter(pk=saved.pk).exists()
    assert AuditEntry.objects.filter(action="intel.saved_search.delete").count() == 1


def test_the_saved_list_takes_a_fixed_number_of_queries(as_user, analyst_a, count_queries):
    client = as_user(analyst_a)
    save_search(actor=analyst_a, name="S0", query="x")
    client.get("/intel/search/saved/")
    one, _ = count_queries(lambda: client.get("/intel/search/saved/"))
    for number in range(1, 4):
        save_search(actor=analyst_a, name=f"S{number}", query="x")
    three, _ = count_queries(lambda: client.get("/intel/search/saved/"))
    assert one == three


def test_a_selected_facet_links_back_to_the_wider_search(report, as_user, analyst_b):
    response = as_user(analyst_b).get(
        "/intel/search/", {"q": "rifles", "type": "procurement", "page": "1"}
    )
    body = response.content.decode()
    assert 'href="?q=rifles" aria-current="true"' in body  # the selected type, to widen
    assert 'href="?q=rifles&amp;type=procurement&amp;originator=AAA"' in body
