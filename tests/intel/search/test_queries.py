"""matching_reports and search_facets: the filters, their bad values, the facets' counts (each
facet ignores its own filter), a fixed number of queries whatever the number of reports."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from nonprolif.intel.models import CbrnCategory, ReportType
from nonprolif.intel.search.queries import (
    clean_filters,
    matching_reports,
    newest_match_id,
    search_facets,
)
from tests.intel.conftest import ReportFactory, level

pytestmark = pytest.mark.django_db


def refs(reports):
    return {report.reference for report in reports}


@pytest.fixture
def corpus(agency_a, agency_b):
    rad = CbrnCategory.objects.get(code="RAD")
    conv = CbrnCategory.objects.get(code="CONV")
    ReportFactory(
        reference="A1",
        originator=agency_a,
        report_type=ReportType.SEIZURE,
        cbrn_category=conv,
        event_date=datetime.date(2009, 3, 1),
        body_es="frontera rifles",
    )
    ReportFactory(
        reference="A2",
        originator=agency_a,
        report_type=ReportType.INCIDENT,
        cbrn_category=rad,
        classification=level("S"),
        event_date=datetime.date(2008, 5, 1),
        body_es="fuente robada frontera",
    )
    ReportFactory(
        reference="B1",
        originator=agency_b,
        released_to=[agency_a],
        report_type=ReportType.SEIZURE,
        classification=level("U"),
        body_en="border seizure",
        tags=["frontera"],
    )


def test_each_filter_narrows(corpus, analyst_a, agency_b):
    assert refs(matching_reports(analyst_a, "frontera", {})) == {"A1", "A2", "B1"}
    assert refs(matching_reports(analyst_a, "", {"type": "seizure"})) == {"A1", "B1"}
    assert refs(matching_reports(analyst_a, "", {"category": "RAD"})) == {"A2"}
    assert refs(matching_reports(analyst_a, "", {"originator": agency_b.code})) == {"B1"}
    assert refs(matching_reports(analyst_a, "", {"classification": "S"})) == {"A2"}
    assert refs(matching_reports(analyst_a, "", {"year": 2009})) == {"A1"}
    assert refs(matching_reports(analyst_a, "frontera", {"year": "2008", "type": ""})) == {"A2"}
    assert refs(matching_reports(analyst_a, "", {"originator": "NOPE"})) == set()


@pytest.mark.parametrize(
    ("filters", "field"),
    [
        ({"year": "dos mil"}, "year"),
        ({"year": 12}, "year"),
        ({"type": "rumour"}, "type"),
        ({"originator": "no spaces"}, "originator"),
        ({"category": "x" * 40}, "category"),
        ({"colour": "red"}, "colour"),
    ],
)
def test_bad_filters_name_the_field(filters, field, analyst_a):
    with pytest.raises(ValidationError) as raised:
        matching_reports(analyst_a, "", filters)
    assert field in raised.value.message_dict


def test_a_too_long_query_names_q(analyst_a):
    with pytest.raises(ValidationError) as raised:
        matching_reports(analyst_a, "x" * 301, {})
    assert "q" in raised.value.message_dict


def test_clean_filters_drops_empty_values():
    assert clean_filters({"type": "", "year": None, "category": "RAD"}) == {"category": "RAD"}


def test_facets_count_visible_matches_and_ignore_their_own_filter(corpus, analyst_a, agency_a):
    facets = search_facets(analyst_a, "frontera", {"type": "seizure"})
    assert [(v.value, v.count, v.selected) for v in facets["type"]] == [
        ("incident", 1, False),
        ("seizure", 2, True),
    ]
    assert [(v.value, v.count) for v in facets["originator"]] == [("AAA", 1), ("BBB", 1)]
    assert [(v.value, v.count) for v in facets["classification"]] == [("U", 1), ("C", 1)]
    assert [(v.value, v.count) for v in facets["category"]] == [("CONV", 1)]
    assert [(v.value, v.count) for v in facets["year"]] == [("2009", 1)]


def test_facets_leave_out_what_the_reader_may_not_see(corpus, analyst_b):
    facets = search_facets(analyst_b, "frontera", {})
    assert [(v.value, v.count) for v in facets["originator"]] == [("BBB", 1)]
    assert facets["category"] == []
    assert facets["year"] == []


def test_newest_match_is_among_visible_reports(corpus, analyst_b, analyst_a):
    own = matching_reports(analyst_b, "", {}).get()
    assert newest_match_id(analyst_b, "", {}) == own.pk
    assert newest_match_id(analyst_b, "", {}, above=own.pk) is None
    assert newest_match_id(analyst_a, "fuente", {}) is not None


def test_queries_do_not_grow_with_reports(agency_a, analyst_a, count_queries):
    def run():
        list(matching_reports(analyst_a, "frontera", {"type": "seizure"}))
        search_facets(analyst_a, "frontera", {"type": "seizure"})

    ReportFactory(originator=agency_a, body_es="frontera", report_type=ReportType.SEIZURE)
    one, _ = count_queries(run)
    for _i in range(3):
        ReportFactory(originator=agency_a, body_es="frontera", report_type=ReportType.SEIZURE)
    three, _ = count_queries(run)
    assert one == three == 6
