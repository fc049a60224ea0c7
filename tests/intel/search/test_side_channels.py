"""A search for a word that only hidden reports hold answers exactly like a search for a word
that no report holds: the same page byte for byte (CSRF tokens taken out, the word itself put
back as WORD), the same API body, the same counts and facets, the same SQL statements in the
same order. Hidden here is each way the access rule hides a report: not released to the
reader's agency, classified above his clearance, released but a draft, released to him but
pending a second approval."""

import re
from contextlib import contextmanager

import pytest
from django.db import connection

from nonprolif.intel.models import ReleaseState, ReportRelease, ReportStatus
from nonprolif.intel.search.queries import matching_reports, search_facets
from tests.intel.conftest import ReportFactory, analyst, level

pytestmark = pytest.mark.django_db

NONSENSE = "zqxjvk"
HIDDEN_WORDS = ["unreleasedword", "secretword", "draftword", "pendingword"]
SAVEPOINT = re.compile(r'"s\d+_x\d+"')
CSRF = re.compile(r'(csrfmiddlewaretoken" value="|"X-CSRFToken": ")[^"]+"')


@pytest.fixture
def reader(agency_b):
    return analyst("reader", agency_b, "C")


@pytest.fixture
def reports(agency_a, agency_b, reader):
    """One visible report, and one hidden report per way of hiding, each with its own word
    (and all of them, hidden and visible, sharing the word "común")."""
    ReportFactory(
        reference="VISIBLE",
        originator=agency_a,
        released_to=[agency_b],
        body_es="visibleword común",
        classification=level("C"),
    )
    ReportFactory(reference="H1", originator=agency_a, body_es="unreleasedword común")
    ReportFactory(
        reference="H2",
        originator=agency_a,
        released_to=[agency_b],
        classification=level("S"),
        body_es="secretword común",
    )
    ReportFactory(
        reference="H3",
        originator=agency_a,
        released_to=[agency_b],
        status=ReportStatus.DRAFT,
        body_es="draftword común",
    )
    pending = ReportFactory(reference="H4", originator=agency_a, body_es="pendingword común")
    ReportRelease.objects.create(report=pending, agency=agency_b, state=ReleaseState.PENDING)


@contextmanager
def statements():
    """The SQL statements run (their text, parameters and savepoint names apart)."""
    seen: list[str] = []

    def keep(execute, sql, params, many, context):
        seen.append(SAVEPOINT.sub("SP", sql))
        return execute(sql, params, many, context)

    with connection.execute_wrapper(keep):
        yield seen


def page(client, word, **params):
    with statements() as sql:
        response = client.get("/intel/search/", {"q": word, **params})
    body = CSRF.sub(r"\1TOKEN", response.content.decode()).replace(word, "WORD")
    return response.status_code, body, sql


def api(client, word, **params):
    with statements() as sql:
        response = client.get("/api/v1/intel/search", {"q": word, **params})
    return response.status_code, response.content.decode().replace(word, "WORD"), sql


def test_the_visible_report_is_found_and_the_hidden_ones_are_not(reports, reader):
    assert [r.reference for r in matching_reports(reader, "común", {})] == ["VISIBLE"]
    assert [r.reference for r in matching_reports(reader, "visibleword", {})] == ["VISIBLE"]
    for word in HIDDEN_WORDS:
        assert list(matching_reports(reader, word, {})) == []


@pytest.mark.parametrize("word", HIDDEN_WORDS)
def test_a_hidden_word_answers_the_page_like_nonsense(reports, reader, as_user, word):
    client = as_user(reader)
    page(client, NONSENSE)  # the first request warms what is read once per process
    hidden = page(client, word)
    nonsense = page(client, NONSENSE)
    assert hidden[0] == nonsense[0] == 200
    assert hidden[1] == nonsense[1]
    assert hidden[2] == nonsense[2]
    assert "0 reports found" in hidden[1] or "0 informes encontrados" in hidden[1]


@pytest.mark.parametrize("word", HIDDEN_WORDS)
def test_a_hidden_word_answers_the_page_like_nonsense_with_filters_too(
    reports, reader, as_user, word, agency_a
):
    client = as_user(reader)
    page(client, NONSENSE)
    filters = {"originator": agency_a.code, "type": "procurement", "classification": "C"}
    assert page(client, word, **filters) == page(client, NONSENSE, **filters)


@pytest.mark.parametrize("word", HIDDEN_WORDS)
def test_a_hidden_word_answers_the_api_like_nonsense(reports, reader, as_user, word):
    client = as_user(reader)
    api(client, NONSENSE)
    hidden = api(client, word)
    nonsense = api(client, NONSENSE)
    assert hidden == nonsense
    assert hidden[0] == 200
    assert '"count": 0' in hidden[1] or '"count":0' in hidden[1]


def test_facets_and_counts_take_only_visible_reports(reports, reader, agency_a):
    facets = search_facets(reader, "común", {})
    assert [(v.value, v.count) for v in facets["originator"]] == [(agency_a.code, 1)]
    assert [(v.value, v.count) for v in facets["classification"]] == [("C", 1)]
    assert [(v.value, v.count) for v in facets["type"]] == [("procurement", 1)]
    for word in HIDDEN_WORDS:
        assert search_facets(reader, word, {}) == search_facets(reader, NONSENSE, {})
        assert all(values == [] for values in search_facets(reader, word, {}).values())


def test_every_statement_that_reads_the_text_holds_the_access_rule(reports, reader, as_user):
    """Never the text first and the access afterwards: each statement that matches words also
    carries the release condition and the clearance's rank."""
    client = as_user(reader)
    _status, _body, sql = page(client, "común")
    text = [s for s in sql if "intel_report_fts" in s or "plainto_tsquery" in s]
    assert len(text) >= 6  # the count, the page, five facets
    for statement in text:
        assert "intel_reportrelease" in statement
        assert "rank" in statement
