"""Entities, counts, timelines, related reports and the link chart are built from visible
links only: what involves a hidden report does not exist for the user."""

import pytest
from django.http import Http404

from nonprolif.intel.entities.queries import (
    entities_for,
    entity_graph,
    entity_timeline,
    get_entity_for,
    related_reports,
    search_entities,
)
from tests.intel.conftest import EntityFactory, ReportFactory, link

pytestmark = pytest.mark.django_db


def names(entities):
    return {e.name for e in entities}


def test_entities_exist_only_through_visible_reports(world, analyst_a, analyst_b, analyst_b_low):
    assert names(entities_for(analyst_a)) == {
        "Químicos del Norte S.A.",
        "Naviera Golfo",
        "Persona Oculta",
    }
    assert names(entities_for(analyst_b)) == {"Químicos del Norte S.A.", "Naviera Golfo"}
    assert names(entities_for(analyst_b_low)) == set()  # SBU: the CONFIDENTIAL reports hide


def test_entity_named_only_in_hidden_reports_is_404_like_a_missing_one(world, analyst_b):
    with pytest.raises(Http404) as hidden:
        get_entity_for(analyst_b, world.only_hidden.pk)
    with pytest.raises(Http404) as missing:
        get_entity_for(analyst_b, world.only_hidden.pk + 1000)
    assert str(hidden.value) == str(missing.value)


def test_report_count_counts_visible_reports_only(world, analyst_a, analyst_b):
    assert get_entity_for(analyst_a, world.x.pk).report_count == 2
    assert get_entity_for(analyst_b, world.x.pk).report_count == 1


def test_unlinked_entity_is_seen_by_its_agency_only(agency_a, analyst_a, analyst_b):
    fresh = EntityFactory(name="Recién registrada", owner=agency_a)
    assert get_entity_for(analyst_a, fresh.pk).report_count == 0
    with pytest.raises(Http404):
        get_entity_for(analyst_b, fresh.pk)


def test_search_by_name_alias_and_kind(world, analyst_b):
    assert names(search_entities(analyst_b, q="qdn")) == {"Químicos del Norte S.A."}
    assert names(search_entities(analyst_b, q="golfo naviera")) == {"Naviera Golfo"}
    assert names(search_entities(analyst_b, kind="vessel")) == {"Naviera Golfo"}
    assert names(search_entities(analyst_b, q="oculta")) == set()


def test_timeline_lists_visible_reports_by_event_date(world, analyst_a, analyst_b):
    refs = [r.reference for r in entity_timeline(analyst_a, world.x)]
    assert refs == ["A-HIDDEN", "A-R1"]
    timeline = list(entity_timeline(analyst_b, world.x))
    assert [r.reference for r in timeline] == ["A-R1"]
    assert [link.role for link in timeline[0].entity_links] == ["subject"]


def test_related_reports_come_from_visible_reports_only(world, agency_a, agency_b, analyst_b):
    r3 = ReportFactory(reference="A-R3", originator=agency_a, released_to=[agency_b])
    link(r3, world.x)
    assert [r.reference for r in related_reports(analyst_b, world.r1)] == ["A-R3"]
    # R2 names Y, which the hidden report also names: nothing of it shows.
    assert related_reports(analyst_b, world.r2) == []


def test_link_chart_does_not_reveal_a_hidden_link_between_visible_entities(
    world, analyst_a, analyst_b
):
    """OpenCTI #11496: X and Y are both visible to B, the report linking them is not."""
    seen = entity_graph(analyst_b, world.x)
    assert {n.key for n in seen.nodes} == {f"entity-{world.x.pk}", f"report-{world.r1.pk}"}
    assert [(e.source, e.target) for e in seen.edges] == [
        (f"report-{world.r1.pk}", f"entity-{world.x.pk}")
    ]
    full = entity_graph(analyst_a, world.x)
    assert {n.key for n in full.nodes} == {
        f"entity-{world.x.pk}",
        f"report-{world.r1.pk}",
        f"report-{world.hidden.pk}",
        f"entity-{world.y.pk}",
        f"entity-{world.only_hidden.pk}",
    }
    assert (f"report-{world.hidden.pk}", f"entity-{world.y.pk}") in {
        (e.source, e.target) for e in full.edges
    }


def test_link_chart_reaches_two_hops_and_merges_roles(world, agency_a, agency_b, analyst_b):
    r3 = ReportFactory(reference="A-R3", originator=agency_a, released_to=[agency_b])
    link(r3, world.x)
    link(r3, world.y, "carrier")
    link(r3, world.y, "consignee")
    graph = entity_graph(analyst_b, world.x)
    hops = {n.key: n.hop for n in graph.nodes}
    assert hops[f"entity-{world.y.pk}"] == 2
    assert hops[f"report-{r3.pk}"] == 1
    edge = next(e for e in graph.edges if e.target == f"entity-{world.y.pk}")
    assert sorted(edge.roles) == ["carrier", "consignee"]


def test_link_chart_is_truncated_at_its_limits(agency_a, analyst_a):
    center = EntityFactory(owner=agency_a)
    for _ in range(4):
        report = ReportFactory(originator=agency_a)
        link(report, center)
        link(report, EntityFactory(owner=agency_a))
    graph = entity_graph(analyst_a, center, max_reports=3, max_entities=2)
    assert graph.truncated
    assert sum(n.hop == 1 for n in graph.nodes) == 3
    assert sum(n.hop == 2 for n in graph.nodes) == 2
    keys = {n.key for n in graph.nodes}
    assert all(e.source in keys and e.target in keys for e in graph.edges)


def test_link_chart_query_count_does_not_grow(agency_a, analyst_a, count_queries):
    def chart_of(reports):
        center = EntityFactory(owner=agency_a)
        for _ in range(reports):
            report = ReportFactory(originator=agency_a)
            link(report, center)
            link(report, EntityFactory(owner=agency_a))
        return count_queries(lambda: entity_graph(analyst_a, center))[0]

    assert chart_of(1) == chart_of(4)


def test_search_ignores_nul_characters(world, analyst_b):
    assert names(search_entities(analyst_b, q="qd\x00n")) == {"Químicos del Norte S.A."}


def test_undated_reports_come_last_on_the_timeline(world, agency_a, analyst_a):
    undated = ReportFactory(reference="A-UNDATED", originator=agency_a, event_date=None)
    link(undated, world.x)
    refs = [r.reference for r in entity_timeline(analyst_a, world.x)]
    assert refs == ["A-HIDDEN", "A-R1", "A-UNDATED"]
