"""The import: a bundle becomes draft reports of the importer's agency with their entities,
links and markings, all or nothing; each object that could not be taken is named."""

import json

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from nonprolif.core.models import AuditEntry, Outcome
from nonprolif.core.roles import Role
from nonprolif.intel.exchange.bundle import bundle_for
from nonprolif.intel.exchange.domain import import_bundle
from nonprolif.intel.models import (
    Entity,
    IntelReport,
    ReportEntity,
    ReportStatus,
    ReportVersion,
)
from tests.intel.conftest import analyst

from .conftest import FOREIGN_IDENTITY, foreign, validation_errors

pytestmark = pytest.mark.django_db


def exported(user, report) -> dict:
    return json.loads(bundle_for(user, [report]).serialize())


def counts() -> tuple[int, int, int, int]:
    return (
        IntelReport.objects.count(),
        Entity.objects.count(),
        ReportEntity.objects.count(),
        ReportVersion.objects.count(),
    )


def problems(error: ValidationError) -> list[str]:
    return error.message_dict["bundle"]


def test_round_trip_keeps_reports_entities_links_and_markings(full_report, analyst_a, analyst_b):
    """A partner's deployment sends what this one exports, from its own identity."""
    data = foreign(exported(analyst_a, full_report))
    result = import_bundle(actor=analyst_b, data=json.dumps(data))
    [report] = result.reports
    report.refresh_from_db()
    original = full_report
    original.refresh_from_db()
    assert report.originator == analyst_b.agency
    assert report.author == analyst_b
    assert report.status == ReportStatus.DRAFT
    assert report.reference.startswith("BBB-")
    assert report.stix_id == next(o["id"] for o in data["objects"] if o["type"] == "report")
    assert report.external_source == "Partner Ministry"
    for name in (
        "title_es",
        "title_en",
        "body_es",
        "body_en",
        "report_type",
        "tlp",
        "pap",
        "classification",
        "cbrn_category",
        "material",
        "quantity",
        "country",
        "state",
        "municipality",
        "latitude",
        "longitude",
        "event_date",
        "source_reliability",
        "information_credibility",
        "itdb_group",
        "tags",
    ):
        assert getattr(report, name) == getattr(original, name), name
    links = {
        (link.entity.kind, link.entity.name, link.role)
        for link in report.links.select_related("entity")
    }
    assert links == {
        (link.entity.kind, link.entity.name, link.role)
        for link in original.links.select_related("entity")
    }
    company = report.links.get(role="supplier").entity
    assert (company.country, company.identifier) == ("MX", "QNO010101AB1")
    assert company.owner == analyst_b.agency
    assert list(report.links.get(role="carrier").entity.aliases.values_list("name", flat=True)) == [
        "Estrella"
    ]
    assert ReportVersion.objects.get(report=report).number == 1
    # The import's own export carries the same markings and validates.
    again = bundle_for(analyst_b, [report])
    assert validation_errors(again.serialize()) == []
    statement = next(
        o["definition"]["statement"]
        for o in json.loads(again.serialize())["objects"]
        if o.get("definition_type") == "statement"
    )
    assert statement.startswith("CLASSIFICATION: C ")
    entry = AuditEntry.objects.filter(action="intel.stix.import").latest("seq")
    assert entry.object_ids == [report.pk]
    assert entry.outcome == Outcome.ALLOWED


def test_importing_the_same_bundle_twice_is_refused_naming_the_report(full_report, partner_analyst):
    data = foreign(exported(partner_analyst, full_report))
    [report] = import_bundle(actor=partner_analyst, data=data).reports
    before = counts()
    with pytest.raises(ValidationError) as error:
        import_bundle(actor=partner_analyst, data=data)
    assert problems(error.value) == [f"{report.stix_id}: already imported as {report.reference}."]
    assert counts() == before


def test_a_tampered_bundle_changes_nothing_and_names_each_object(full_report, analyst_b):
    data = foreign(exported(analyst_b, full_report))
    relationship = next(
        o
        for o in data["objects"]
        if o["type"] == "relationship" and "role:supplier" in o.get("labels", [])
    )
    relationship["labels"] = ["role:smuggler"]
    person = next(o for o in data["objects"] if o.get("identity_class") == "individual")
    del person["name"]
    data["objects"].append(
        {"type": "malware", "id": "malware--00000000-0000-4000-8000-000000000001"}
    )
    before = counts()
    with pytest.raises(ValidationError) as error:
        import_bundle(actor=analyst_b, data=data)
    found = problems(error.value)
    assert any(p.startswith(relationship["id"]) and "smuggler" in p for p in found)
    assert any(p.startswith(person["id"]) for p in found)
    assert any(p.startswith("malware--00000000") and "not taken" in p for p in found)
    assert counts() == before
    entry = AuditEntry.objects.filter(action="intel.stix.import").latest("seq")
    assert entry.outcome == Outcome.DENIED


@pytest.mark.parametrize(
    "data",
    [b"not json", b"[]", b'{"type": "bundle"}', b'{"type": "report", "objects": []}'],
)
def test_what_is_not_a_bundle_is_refused_on_the_bundle_field(analyst_b, data):
    before = counts()
    with pytest.raises(ValidationError) as error:
        import_bundle(actor=analyst_b, data=data)
    assert list(error.value.message_dict) == ["bundle"]
    assert counts() == before


def test_a_bundle_over_the_size_limit_is_refused(analyst_b, settings):
    settings.INTEL_STIX_IMPORT_MAX_BYTES = 100
    with pytest.raises(ValidationError) as error:
        import_bundle(actor=analyst_b, data=b" " * 101)
    assert "larger" in problems(error.value)[0]


def test_a_report_above_the_importers_clearance_is_refused(full_report, analyst_a, agency_b):
    low = analyst("low_b", agency_b, "SBU")
    data = foreign(exported(analyst_a, full_report))
    with pytest.raises(ValidationError) as error:
        import_bundle(actor=low, data=data)
    assert any("above your clearance" in p for p in problems(error.value))
    assert not IntelReport.objects.filter(originator=agency_b).exists()


def test_an_unknown_marking_is_not_silently_dropped(full_report, analyst_a, analyst_b):
    data = foreign(exported(analyst_a, full_report))
    statement = next(o for o in data["objects"] if o.get("definition_type") == "statement")
    statement["definition"]["statement"] = "Copyright 2009"
    with pytest.raises(ValidationError) as error:
        import_bundle(actor=analyst_b, data=data)
    assert any("is not understood" in p for p in problems(error.value))


def test_who_may_not_import_is_refused_and_audited(full_report, analyst_a, liaison_b, agency_b):
    data = exported(analyst_a, full_report)
    uncleared = analyst("uncleared_b", agency_b, clearance=None)
    for user in (
        liaison_b,
        uncleared,
        analyst("coord_b", agency_b, "S", roles=(Role.COORDINATOR,)),
    ):
        before = counts()
        with pytest.raises(PermissionDenied):
            import_bundle(actor=user, data=data)
        assert counts() == before
        entry = AuditEntry.objects.filter(action="intel.stix.import").latest("seq")
        assert (entry.actor, entry.outcome) == (user, Outcome.DENIED)


def test_an_entity_already_known_by_its_stix_id_is_linked_not_copied(
    full_report, analyst_a, partner_analyst
):
    data = foreign(exported(partner_analyst, full_report))
    [first] = import_bundle(actor=partner_analyst, data=data).reports
    for obj in data["objects"]:
        if obj["type"] == "report":
            obj["id"] = "report--00000000-0000-4000-8000-0000000000aa"
        if obj["type"] == "relationship" and obj["source_ref"].startswith("report--"):
            obj["source_ref"] = "report--00000000-0000-4000-8000-0000000000aa"
        if obj["type"] == "language-content":
            obj["object_ref"] = "report--00000000-0000-4000-8000-0000000000aa"
    entities = Entity.objects.count()
    result = import_bundle(actor=partner_analyst, data=data)
    assert result.entities_created == 0
    assert Entity.objects.count() == entities
    assert set(result.reports[0].links.values_list("entity", flat=True)) == set(
        first.links.values_list("entity", flat=True)
    )


def test_references_number_on_per_agency(full_report, analyst_a, analyst_b):
    data = foreign(exported(analyst_a, full_report))
    [report] = import_bundle(actor=analyst_b, data=data).reports
    assert report.reference.startswith("BBB-")
    assert report.reference.endswith("-0001")


@pytest.mark.django_db(transaction=True)
def test_a_failure_while_writing_rolls_everything_back(
    full_report, analyst_a, analyst_b, monkeypatch
):
    data = foreign(exported(analyst_a, full_report))
    from nonprolif.intel.models import ReportEntity as Link

    def broken(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(Link.objects, "bulk_create", broken)
    before = counts()
    with pytest.raises(RuntimeError):
        import_bundle(actor=analyst_b, data=data)
    assert counts() == before


JUNK = st.one_of(
    st.none(),
    st.integers(),
    st.text(max_size=8),
    st.lists(st.integers(), max_size=2),
    st.dictionaries(st.text(max_size=3), st.integers(), max_size=2),
)


@hypothesis_settings(max_examples=30, deadline=None, suppress_health_check=list(HealthCheck))
@given(data=st.data())
def test_any_tampering_is_either_taken_whole_or_changes_nothing(
    full_report, analyst_a, analyst_b, data
):
    bundle = foreign(exported(analyst_a, full_report))
    obj = data.draw(st.sampled_from(bundle["objects"]))
    key = data.draw(st.sampled_from(sorted(obj)))
    if data.draw(st.booleans()):
        del obj[key]
    else:
        obj[key] = data.draw(JUNK)
    before = counts()
    refused = None
    try:
        result = import_bundle(actor=analyst_b, data=json.dumps(bundle))
    except ValidationError as error:
        refused = error
    if refused is None:
        IntelReport.objects.filter(pk__in=[r.pk for r in result.reports]).delete()
    else:
        assert problems(refused)
        assert counts() == before


def test_a_partners_own_bundle_is_taken_with_defaults_for_what_it_does_not_say(analyst_b):
    from stix2.v21 import TLP_GREEN, Bundle, Identity, Relationship, Report

    fbi = Identity(name="FBI WMD Directorate", identity_class="organization")
    company = Identity(name="Acme Export LLC", identity_class="organization")
    report = Report(
        name="Attempted purchase of a dual-use item",
        description="A broker asked for a vacuum pump.",
        published="2009-05-02T00:00:00Z",
        object_refs=[company.id],
        created_by_ref=fbi.id,
        object_marking_refs=[TLP_GREEN.id],
    )
    rel = Relationship(relationship_type="related-to", source_ref=report.id, target_ref=company.id)
    bundle = Bundle(TLP_GREEN, fbi, company, report, rel)
    assert validation_errors(bundle.serialize()) == []
    [imported] = import_bundle(actor=analyst_b, data=bundle.serialize()).reports
    assert imported.external_source == "FBI WMD Directorate"
    assert imported.tlp == "green"
    assert imported.classification == analyst_b.clearance
    assert imported.title_en == "Attempted purchase of a dual-use item"
    assert imported.report_type == "assessment"
    [link] = imported.links.select_related("entity")
    assert (link.entity.name, link.role) == ("Acme Export LLC", "subject")


def test_a_relationship_to_a_marking_is_refused_not_made_an_entity(
    full_report, analyst_a, analyst_b
):
    data = foreign(exported(analyst_a, full_report))
    report = next(o for o in data["objects"] if o["type"] == "report")
    rel = next(
        o
        for o in data["objects"]
        if o["type"] == "relationship" and o["source_ref"] == report["id"]
    )
    rel["target_ref"] = report["object_marking_refs"][0]
    before = counts()
    with pytest.raises(ValidationError) as error:
        import_bundle(actor=analyst_b, data=data)
    assert any(p.startswith(rel["id"]) for p in problems(error.value))
    assert counts() == before


def report_object(data: dict) -> dict:
    return next(o for o in data["objects"] if o["type"] == "report")


def statement_object(data: dict) -> dict:
    return next(o for o in data["objects"] if o.get("definition_type") == "statement")


def written_by(data: dict, code: str) -> str:
    return (
        f"{report_object(data)['id']}: it was written by {code}: it stays theirs; "
        "ask them for a release."
    )


@pytest.mark.parametrize("exporter", ["analyst_a", "analyst_b", "partner_analyst"])
def test_another_agencys_report_exported_and_imported_back_is_refused_and_changes_nothing(
    request, full_report, analyst_b, exporter
):
    """Whoever exports A's report, B cannot make it his own (he would then lower its
    classification or widen its releasability): it stays A's."""
    data = exported(request.getfixturevalue(exporter), full_report)
    before = counts()
    with pytest.raises(ValidationError) as error:
        import_bundle(actor=analyst_b, data=data)
    assert problems(error.value) == [written_by(data, "AAA")]
    assert counts() == before
    full_report.refresh_from_db()
    assert (full_report.originator.code, full_report.classification.code) == ("AAA", "C")
    entry = AuditEntry.objects.filter(action="intel.stix.import").latest("seq")
    assert (entry.actor, entry.outcome) == (analyst_b, Outcome.DENIED)


def test_a_partner_user_cannot_copy_a_report_released_to_him_either(full_report, partner_analyst):
    data = exported(partner_analyst, full_report)
    with pytest.raises(ValidationError) as error:
        import_bundle(actor=partner_analyst, data=data)
    assert problems(error.value) == [written_by(data, "AAA")]
    assert not IntelReport.objects.filter(originator=partner_analyst.agency).exists()


def test_the_statement_or_the_creator_identity_alone_names_the_originator(
    full_report, analyst_a, analyst_b
):
    by_identity = exported(analyst_a, full_report)
    statement = statement_object(by_identity)["definition"]
    statement["statement"] = statement["statement"].replace("ORIGINATOR: AAA // ", "")
    by_statement = foreign(exported(analyst_a, full_report), code="AAA")
    assert report_object(by_statement)["created_by_ref"] == FOREIGN_IDENTITY
    for data in (by_identity, by_statement):
        with pytest.raises(ValidationError) as error:
            import_bundle(actor=analyst_b, data=data)
        assert problems(error.value) == [written_by(data, "AAA")]
    assert counts() == (1, 5, 5, 0)


def test_a_copy_of_ones_own_report_is_refused_as_already_yours(
    full_report, analyst_a, analyst_a2, partner_analyst
):
    data = exported(analyst_a, full_report)
    with pytest.raises(ValidationError) as error:
        import_bundle(actor=analyst_a2, data=data)
    assert problems(error.value) == [
        f"{report_object(data)['id']}: it is already yours, as {full_report.reference}: "
        "a copy of it would be pointless."
    ]
    # An imported report exported again by its (new) originator is his already, too.
    [mine] = import_bundle(actor=partner_analyst, data=foreign(data)).reports
    again = exported(partner_analyst, mine)
    with pytest.raises(ValidationError) as error:
        import_bundle(actor=partner_analyst, data=again)
    assert problems(error.value) == [
        f"{mine.stix_id}: it is already yours, as {mine.reference}: "
        "a copy of it would be pointless."
    ]


def test_a_new_report_marked_as_ones_own_agencys_is_taken(full_report, analyst_a):
    data = exported(analyst_a, full_report)
    text = json.dumps(data).replace(
        report_object(data)["id"], "report--00000000-0000-4000-8000-0000000000bb"
    )
    data = json.loads(text)
    del report_object(data)["external_references"]
    [report] = import_bundle(actor=analyst_a, data=data).reports
    assert report.originator == analyst_a.agency
    assert report.reference != full_report.reference


def test_an_import_keeps_the_highest_classification_its_statements_mark(
    full_report, analyst_a, analyst_b
):
    data = foreign(exported(analyst_a, full_report))
    statement = statement_object(data)
    lower = {
        **statement,
        "id": "marking-definition--00000000-0000-4000-8000-0000000000cc",
        "definition": {"statement": "CLASSIFICATION: U // ORIGINATOR: FGN // RELEASABLE TO: FGN"},
    }
    data["objects"].append(lower)
    for obj in data["objects"]:
        if statement["id"] in obj.get("object_marking_refs", []):
            obj["object_marking_refs"] = [*obj["object_marking_refs"], lower["id"]]
    [report] = import_bundle(actor=analyst_b, data=data).reports
    assert report.classification.code == "C"
    assert ReportVersion.objects.get(report=report).classification.code == "C"
