"""The intelligence demo: about sixty fictional reports on the program's four concerns, by the
demo analysts of every agency, across classifications and releasability lists, with the
entities that link them; deterministic, and a second load changes nothing."""

from collections import Counter

import pytest
from django.core import serializers

from nonprolif.core.models import AuditEntry, User
from nonprolif.intel.models import (
    DistributionList,
    Entity,
    EntityKind,
    InfoRequest,
    IntelReport,
    Material,
    ReleaseState,
    ReportEntity,
    ReportRelease,
    ReportStatus,
    ReportType,
    ReportVersion,
)
from nonprolif.intel.reports.domain import report_snapshot
from nonprolif.seed.demo import load_demo_document
from nonprolif.seed.demo.intel import demo_reports
from nonprolif.seed.loader import builtin_document, load_program_document

AGENCIES = {"SEDENA", "SEMAR", "ADUANAS", "PGR", "CISEN", "SSP", "SS", "SEGOB", "LEGAT"}


def test_about_sixty_reports_by_every_agency_at_every_level(demo):
    reports = IntelReport.objects.select_related("originator", "classification")
    assert 55 <= reports.count() <= 70
    assert {r.originator.code for r in reports} == AGENCIES
    assert {r.classification.code for r in reports} == {"U", "SBU", "C", "S"}
    assert {r.report_type for r in reports} == set(ReportType.values)
    assert {r.status for r in reports} == set(ReportStatus.values)
    for report in reports:
        assert report.title_es or report.title_en, report.reference
        assert report.body_es or report.body_en, report.reference
        assert report.reference.startswith(f"{report.originator.code}-2009-")


def test_the_reports_cover_the_four_concerns_in_spanish_and_english(demo):
    materials = Counter(IntelReport.objects.values_list("material__code", flat=True))
    assert materials["RIFLE-223"] >= 10  # arms across the northern border
    assert materials["CS-137"] >= 8  # the stolen radioactive source
    assert materials["TDG"] >= 6  # the precursor order a supplier reported
    procurement = IntelReport.objects.filter(report_type=ReportType.SUSPICIOUS_PROCUREMENT)
    assert procurement.count() >= 12  # dual-use procurement attempts
    assert IntelReport.objects.exclude(title_es="").exclude(title_en="").count() >= 55
    assert IntelReport.objects.filter(title_es="", originator__code="LEGAT").exists()


def test_each_author_is_an_analyst_of_the_originator_cleared_for_the_report(demo):
    for report in IntelReport.objects.select_related("author__clearance", "classification"):
        author = report.author
        assert author.has_role("analyst"), report.reference
        assert author.agency_id == report.originator_id, report.reference
        assert author.clearance.rank >= report.classification.rank, report.reference


def test_each_report_has_its_first_version_with_every_field(demo):
    versions = {v.report_id: v for v in ReportVersion.objects.all()}
    for report in IntelReport.objects.select_related("classification", "cbrn_category", "material"):
        version = versions[report.pk]
        assert (version.number, report.version) == (1, 1)
        assert version.data == report_snapshot(report)
        assert version.changed_by_id == report.author_id
        assert version.classification_id == report.classification_id


def test_releases_two_person_partner_releases_and_one_pending(demo):
    partner = ReportRelease.objects.filter(agency__code="LEGAT").exclude(
        report__originator__code="LEGAT"
    )
    pending = partner.filter(state=ReleaseState.PENDING)
    assert pending.count() == 1
    assert pending.get().decided_by is None
    effective = partner.filter(state=ReleaseState.EFFECTIVE).select_related(
        "requested_by", "decided_by", "report"
    )
    assert effective.count() >= 3
    for release in effective:
        assert release.decided_by != release.requested_by
        assert release.decided_by.agency_id == release.report.originator_id
        assert release.decided_by.clearance.rank >= release.report.classification.rank
        assert release.reason
    assert not ReportRelease.objects.filter(report__status=ReportStatus.DRAFT).exists()
    sizes = Counter(ReportRelease.objects.values_list("report_id", flat=True))
    assert len(set(sizes.values())) >= 4  # releasability lists of many lengths


def test_entities_of_every_kind_link_reports_across_agencies(demo):
    assert set(Entity.objects.values_list("kind", flat=True)) == set(EntityKind.values)
    garza = Entity.objects.get(name__startswith="Transportes Hermanos Garza")
    linked = IntelReport.objects.filter(links__entity=garza).distinct()
    assert linked.count() >= 5
    assert linked.values("originator").distinct().count() >= 3
    assert garza.aliases.count() == 2
    assert ReportEntity.objects.count() >= 100


def test_distribution_lists_and_requests_for_information(demo):
    assert DistributionList.objects.count() == 4
    assert DistributionList.objects.get(name_es="Frontera norte").agencies.count() == 3
    requests = InfoRequest.objects.order_by("due_date")
    assert requests.count() == 2
    assert all(r.answers.exists() for r in requests)
    assert {r.recipients.count() for r in requests} == {2, 3}


def test_what_the_demo_analysts_see(demo):
    def visible(username):
        user = User.objects.select_related("clearance").get(username=username)
        return IntelReport.objects.visible_to(user).select_related("classification")

    segob = visible("analista-segob")
    assert segob.exists()
    assert {r.classification.code for r in segob} == {"U"}
    ss = visible("analista-ss")
    assert {r.classification.code for r in ss} <= {"U", "SBU"}
    legat = visible("analista-legat").exclude(originator__code="LEGAT")
    assert legat.exists()
    assert not legat.filter(releases__state=ReleaseState.PENDING).exists()
    assert all(r.classification.code in {"U", "SBU", "C"} for r in legat)
    sedena, sedena2 = visible("analista-sedena"), visible("analista2-sedena")
    assert sedena.count() > sedena2.count() > 0
    coordinator = visible("coordinador")
    assert not coordinator.filter(originator__code="SEDENA", releases__isnull=True).exists()
    assert not visible("admin").exists()  # no clearance, no agency: nothing


def test_the_demo_audit_entries_name_no_title(demo):
    for entry in AuditEntry.objects.filter(object_type="intel.intelreport"):
        assert entry.changes == {"count": IntelReport.objects.count()}


def test_the_demo_reports_are_the_same_on_every_run():
    first, second = demo_reports(), demo_reports()
    assert first == second
    assert len({r.reference for r in first}) == len(first)


def test_loading_the_demo_again_changes_no_intelligence_row(demo, demo_doc):
    def dump():
        return serializers.serialize(
            "json",
            [
                *IntelReport.objects.order_by("pk"),
                *ReportRelease.objects.order_by("pk"),
                *ReportEntity.objects.order_by("pk"),
                *Entity.objects.order_by("pk"),
                *InfoRequest.objects.order_by("pk"),
                *DistributionList.objects.order_by("pk"),
            ],
        )

    before, audit = dump(), AuditEntry.objects.count()
    result = load_demo_document(demo_doc)
    assert not result.changed
    assert dump() == before
    assert AuditEntry.objects.count() == audit


def test_a_deleted_demo_report_comes_back(demo, demo_doc):
    report = IntelReport.objects.get(reference="ADUANAS-2009-0001")
    report.delete()
    result = load_demo_document(demo_doc)
    assert result.created["intel.intelreport"] == 1
    back = IntelReport.objects.get(reference="ADUANAS-2009-0001")
    assert back.versions.count() == 1
    assert back.links.exists()


@pytest.mark.django_db(transaction=True)
def test_a_demo_that_fails_half_way_writes_nothing(monkeypatch, demo_doc):
    load_program_document(builtin_document())

    def broken(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(ReportEntity.objects, "bulk_create", broken)
    with pytest.raises(RuntimeError):
        load_demo_document(demo_doc)
    assert not IntelReport.objects.exists()
    assert not Entity.objects.exists()
    assert not Material.objects.exists()
    assert not User.objects.filter(username="analista-sedena").exists()
    assert not AuditEntry.objects.filter(object_type="intel.intelreport").exists()
