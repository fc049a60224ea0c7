"""The export: a report as a STIX 2.1 bundle that the validator accepts, with the official
TLP 2.0 markings, the classification and releasability as a statement, and nothing of what
the user may not read."""

import pytest

from nonprolif.intel.exchange.bundle import bundle_for, statement_text
from nonprolif.intel.exchange.mapping import TLP2_IDS
from nonprolif.intel.models import Tlp
from tests.intel.conftest import EntityFactory, ReportFactory, analyst, level, link

from .conftest import as_json, validation_errors, validation_warnings

pytestmark = pytest.mark.django_db


def by_type(bundle: dict) -> dict[str, list[dict]]:
    found: dict[str, list[dict]] = {}
    for obj in bundle["objects"]:
        found.setdefault(obj["type"], []).append(obj)
    return found


def test_a_report_bundle_validates_with_zero_errors(full_report, analyst_a):
    bundle = bundle_for(analyst_a, [full_report])
    assert validation_errors(bundle.serialize()) == []
    assert validation_warnings(bundle.serialize()) == []


def test_the_bundle_carries_report_identities_infrastructure_locations_and_links(
    full_report, analyst_a
):
    objects = by_type(as_json(bundle_for(analyst_a, [full_report])))
    [report] = objects["report"]
    assert report["name"] == "Precursor order reported by a supplier"
    assert report["lang"] == "en"
    assert "report-type:procurement" in report["labels"]
    assert "material:dmmp" in report["labels"]
    assert "event-date:2009-03-14" in report["labels"]
    names = {obj["name"] for obj in objects["identity"]}
    assert {"Agency A", "Químicos del Norte S.A. de C.V.", "Juan Pérez López"} <= names
    classes = {obj["name"]: obj["identity_class"] for obj in objects["identity"]}
    assert classes["Juan Pérez López"] == "individual"
    assert classes["Químicos del Norte S.A. de C.V."] == "organization"
    infrastructure = {obj["name"]: obj for obj in objects["infrastructure"]}
    assert infrastructure["MV Estrella del Golfo"]["labels"] == ["vessel"]
    assert infrastructure["MV Estrella del Golfo"]["aliases"] == ["Estrella"]
    assert infrastructure["Metilfosfonato de dimetilo"]["labels"] == ["material"]
    places = {tuple(obj.get("labels", [])): obj for obj in objects["location"]}
    assert places[("event-place",)]["administrative_area"] == "Nuevo León"
    assert places[("address",)]["street_address"] == "Av. Industrial 120, Monterrey"
    roles = sorted(label for rel in objects["relationship"] for label in rel.get("labels", []))
    assert roles == [
        "role:carrier",
        "role:location",
        "role:subject",
        "role:subject",
        "role:supplier",
    ]
    [spanish] = objects["language-content"]
    assert spanish["contents"]["es"]["name"] == "Pedido de precursor reportado por un proveedor"


def test_markings_are_the_official_tlp_2_and_a_statement(full_report, analyst_a):
    objects = by_type(as_json(bundle_for(analyst_a, [full_report])))
    [report] = objects["report"]
    markings = {obj["id"]: obj for obj in objects["marking-definition"]}
    tlp_id = "marking-definition--939a9414-2ddd-4d32-a0cd-375ea402b003"
    assert TLP2_IDS[Tlp.AMBER_STRICT] == tlp_id
    assert tlp_id in report["object_marking_refs"]
    assert markings[tlp_id]["name"] == "TLP:AMBER+STRICT"
    assert markings[tlp_id]["created"] == "2022-10-01T00:00:00.000Z"
    [statement] = [m for m in markings.values() if m.get("definition_type") == "statement"]
    assert statement["id"] in report["object_marking_refs"]
    assert statement["definition"]["statement"] == (
        "CLASSIFICATION: C (CONFIDENTIAL / CONFIDENCIAL) // ORIGINATOR: AAA // "
        "RELEASABLE TO: BBB, PTR"
    )


def test_a_partner_user_sees_only_his_own_agency_on_the_releasability(full_report, partner_analyst):
    bundle = as_json(bundle_for(partner_analyst, [full_report]))
    [statement] = [obj for obj in bundle["objects"] if obj.get("definition_type") == "statement"]
    assert statement["definition"]["statement"].endswith("RELEASABLE TO: PTR")
    assert "BBB" not in bundle.__repr__()


def test_reports_the_user_may_not_read_are_left_out_with_their_entities(
    full_report, analyst_a, agency_b, analyst_b_low
):
    hidden = ReportFactory(originator=agency_b, title_en="Hidden", classification=level("S"))
    secret_company = EntityFactory(name="Empresa Secreta", owner=agency_b)
    link(hidden, secret_company)
    bundle = as_json(bundle_for(analyst_a, [full_report, hidden]))
    assert [obj["name"] for obj in bundle["objects"] if obj["type"] == "report"] == [
        "Precursor order reported by a supplier"
    ]
    assert "Empresa Secreta" not in str(bundle)
    # SBU clearance: the CONFIDENTIAL report itself is out.
    assert as_json(bundle_for(analyst_b_low, [full_report])).get("objects", []) == []


def test_a_user_without_clearance_gets_an_empty_bundle(full_report, agency_b):
    uncleared = analyst("uncleared", agency_b, clearance=None)
    assert as_json(bundle_for(uncleared, [full_report])).get("objects", []) == []


def test_the_bundle_costs_a_fixed_number_of_queries(
    count_queries, analyst_a, agency_a, full_report
):
    def export():
        return bundle_for(analyst_a, list(IntelReportAll(agency_a)))

    one, _ = count_queries(export)
    for n in range(3):
        extra = ReportFactory(originator=agency_a)
        link(extra, EntityFactory(owner=agency_a, name=f"Otra {n}"))
    three, _ = count_queries(export)
    assert one == three


def IntelReportAll(agency):  # noqa: N802 - reads like the queryset it stands for
    from nonprolif.intel.models import IntelReport

    return IntelReport.objects.filter(originator=agency)


def test_statement_lists_only_effective_releases(full_report, analyst_a):
    from nonprolif.intel.models import ReleaseState

    full_report.releases.filter(agency__code="PTR").update(state=ReleaseState.PENDING)
    from nonprolif.intel.exchange.bundle import exportable

    [report] = exportable(analyst_a, [full_report])
    assert statement_text(report, analyst_a).endswith("RELEASABLE TO: BBB")


def test_an_entity_of_several_reports_carries_the_strictest_markings(analyst_a, agency_a):
    from nonprolif.intel.exchange.mapping import TLP2_IDS

    shared = EntityFactory(name="Compartida S.A.", owner=agency_a)
    # The stricter report is the older: a bundle lists the newest first.
    high = ReportFactory(originator=agency_a, classification=level("S"), tlp=Tlp.RED)
    low = ReportFactory(originator=agency_a, classification=level("U"), tlp=Tlp.CLEAR)
    link(low, shared)
    link(high, shared)
    bundle = as_json(bundle_for(analyst_a, [low, high]))
    [entity] = [o for o in bundle["objects"] if o.get("name") == "Compartida S.A."]
    assert TLP2_IDS[Tlp.RED] in entity["object_marking_refs"]
    assert TLP2_IDS[Tlp.CLEAR] not in entity["object_marking_refs"]
