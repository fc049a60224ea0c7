"""Search results agree with an oracle written here (the access rule and the words, in plain
Python) over generated reports: originator, classification, status and releases drawn at
random, each report holding some of a few words."""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from nonprolif.intel.models import IntelReport, ReleaseState, ReportRelease, ReportStatus
from nonprolif.intel.search.queries import matching_reports, search_facets
from tests.intel.conftest import ReportFactory, level

pytestmark = pytest.mark.django_db

WORDS = ["cesio", "rifles", "frontera"]
RANKS = {"U": 0, "SBU": 1, "C": 2, "S": 3}

report_specs = st.lists(
    st.fixed_dictionaries(
        {
            "own": st.booleans(),
            "level": st.sampled_from(list(RANKS)),
            "status": st.sampled_from([ReportStatus.PUBLISHED, ReportStatus.DRAFT]),
            "release": st.sampled_from([None, ReleaseState.EFFECTIVE, ReleaseState.PENDING]),
            "words": st.sets(st.sampled_from(WORDS)),
        }
    ),
    max_size=6,
)


def oracle_sees(spec, clearance: str) -> bool:
    if RANKS[spec["level"]] > RANKS[clearance]:
        return False
    if spec["own"]:
        return True
    return spec["status"] == ReportStatus.PUBLISHED and spec["release"] == ReleaseState.EFFECTIVE


@settings(
    max_examples=20,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(specs=report_specs, clearance=st.sampled_from(list(RANKS)), word=st.sampled_from(WORDS))
def test_search_agrees_with_the_oracle(agency_a, agency_b, analyst_b, specs, clearance, word):
    ReportRelease.objects.all().delete()
    IntelReport.objects.all().delete()
    analyst_b.clearance = level(clearance)
    analyst_b.save(update_fields=["clearance"])
    expected = set()
    for number, spec in enumerate(specs):
        report = ReportFactory(
            reference=f"G{number}",
            originator=agency_b if spec["own"] else agency_a,
            classification=level(spec["level"]),
            status=spec["status"],
            body_es=" ".join(sorted(spec["words"])) or "nada",
        )
        if spec["release"] and not spec["own"]:
            ReportRelease.objects.create(report=report, agency=agency_b, state=spec["release"])
        if word in spec["words"] and oracle_sees(spec, clearance):
            expected.add(report.reference)
    found = set(matching_reports(analyst_b, word, {}).values_list("reference", flat=True))
    assert found == expected
    counted = sum(value.count for value in search_facets(analyst_b, word, {})["classification"])
    assert counted == len(expected)
