"""The link chart and the entity counts against an independent oracle, on generated worlds:
reports of two agencies at random classifications, statuses and releases, entities linked at
random. What the chart and the counts show must be exactly what the visible reports give,
whatever hidden report links two visible entities (OpenCTI #11496)."""

import pytest
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from nonprolif.intel.entities.queries import entities_for, entity_graph
from nonprolif.intel.models import ReportStatus
from tests.intel.conftest import EntityFactory, ReportFactory, level, link

pytestmark = pytest.mark.django_db

LEVELS = ["U", "SBU", "C", "S"]
RANK = {code: rank for rank, code in enumerate(LEVELS, start=1)}

report_spec = st.fixed_dictionaries(
    {
        "mine": st.booleans(),  # originated by agency B (the viewer's) or by A
        "level": st.sampled_from(LEVELS),
        "published": st.booleans(),
        "released": st.booleans(),  # A's report released to B
        "entities": st.sets(st.integers(min_value=0, max_value=4), max_size=4),
    }
)


def oracle_visible(spec, clearance):
    if RANK[spec["level"]] > RANK[clearance]:
        return False
    return spec["mine"] or (spec["published"] and spec["released"])


@settings(
    max_examples=15,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    specs=st.lists(report_spec, min_size=1, max_size=6),
    clearance=st.sampled_from(LEVELS),
    center=st.integers(min_value=0, max_value=4),
)
def test_chart_and_counts_agree_with_the_oracle(
    agency_a, agency_b, analyst_b, specs, clearance, center
):
    with transaction.atomic():
        analyst_b.clearance = level(clearance)
        analyst_b.save(update_fields=["clearance"])
        entities = [EntityFactory(owner=agency_a) for _ in range(5)]
        reports = []
        for spec in specs:
            report = ReportFactory(
                originator=agency_b if spec["mine"] else agency_a,
                classification=level(spec["level"]),
                status=ReportStatus.PUBLISHED if spec["published"] else ReportStatus.DRAFT,
                released_to=[agency_b] if spec["released"] and not spec["mine"] else [],
            )
            for index in spec["entities"]:
                link(report, entities[index])
            reports.append(report)
        visible = [r for r, s in zip(reports, specs, strict=True) if oracle_visible(s, clearance)]
        named = {
            r.pk: {entities[i].pk for i in s["entities"]}
            for r, s in zip(reports, specs, strict=True)
        }

        # counts: readable reports that name each entity; entities with none do not exist
        expected_counts = {}
        for entity in entities:
            n = sum(entity.pk in named[r.pk] for r in visible)
            if n:
                expected_counts[entity.pk] = n
        shown = {e.pk: e.report_count for e in entities_for(analyst_b)}
        assert shown == expected_counts

        # the chart of one entity
        target = entities[center]
        if target.pk in expected_counts:
            graph = entity_graph(analyst_b, target)
            hop1 = [r for r in visible if target.pk in named[r.pk]]
            expected_edges = {
                (f"report-{r.pk}", f"entity-{pk}") for r in hop1 for pk in named[r.pk]
            }
            assert {(e.source, e.target) for e in graph.edges} == expected_edges
            expected_nodes = {f"entity-{target.pk}"} | {k for edge in expected_edges for k in edge}
            assert {n.key for n in graph.nodes} == expected_nodes
        transaction.set_rollback(True)
