"""A tip becomes an intelligence report draft of the responsible agency, with the stakeholder
linked as an entity; all or nothing."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from nonprolif.core.models import AuditEntry, ClassificationLevel, Outcome
from nonprolif.intel.models import Entity, IntelReport, ReportEntity, ReportStatus, ReportType
from nonprolif.outreach.models import Tip
from nonprolif.outreach.tips.domain import report_tip
from nonprolif.outreach.tips.queries import tips_awaiting_report_count, tips_for
from tests.outreach.tips.conftest import TIP_DATA


@pytest.mark.django_db
def test_a_tip_becomes_a_report_draft_of_the_responsible_agency(
    take_tip, liaison_a, analyst_a, analyst_b, stakeholder_a
):
    tip = take_tip(liaison_a, stakeholder_a)
    report = report_tip(actor=analyst_a, tip=tip)
    report.refresh_from_db()
    assert report.originator == stakeholder_a.responsible_agency
    assert report.report_type == ReportType.OUTREACH_TIP
    assert report.status == ReportStatus.DRAFT
    assert report.title_es == f"Aviso de difusión {tip.reference}"
    assert report.title_en == f"Outreach tip {tip.reference}"
    for body in (report.body_es, report.body_en):
        assert TIP_DATA["what"] in body
        assert TIP_DATA["who"] in body
        assert stakeholder_a.name in body
        assert TIP_DATA["contact_name"] in body
        assert TIP_DATA["contact_email"] in body
        assert "2010-04-12" in body
    assert "Teléfono" in report.body_es
    assert "Phone" in report.body_en
    assert report.event_date == TIP_DATA["when"]
    assert report.state == "Tamaulipas"
    assert report.classification == ClassificationLevel.objects.order_by("rank").first()
    assert IntelReport.objects.visible_to(analyst_a).filter(pk=report.pk).exists()
    assert not IntelReport.objects.visible_to(analyst_b).filter(pk=report.pk).exists()
    link = ReportEntity.objects.select_related("entity").get(report=report)
    assert link.role == "supplier"
    assert link.entity.name == stakeholder_a.name
    assert link.entity.kind == "organisation"
    assert link.entity.owner == stakeholder_a.responsible_agency
    assert Tip.objects.get(pk=tip.pk).report == report
    assert tips_awaiting_report_count(analyst_a) == 0
    assert list(tips_for(analyst_a, status="reported")) == [tip]
    entry = AuditEntry.objects.get(action="outreach.tip.report")
    assert entry.changes["report"] == [None, report.reference]


@pytest.mark.django_db
def test_the_agencys_entity_of_the_same_name_is_reused(
    take_tip, liaison_a, analyst_a, stakeholder_a, agency_b
):
    own = Entity.objects.create(
        kind="organisation", name=stakeholder_a.name, owner=analyst_a.agency
    )
    Entity.objects.create(kind="organisation", name=stakeholder_a.name, owner=agency_b)
    report = report_tip(actor=analyst_a, tip=take_tip(liaison_a, stakeholder_a))
    assert ReportEntity.objects.get(report=report).entity == own
    assert Entity.objects.count() == 2


@pytest.mark.django_db
def test_a_tip_is_reported_once(take_tip, liaison_a, analyst_a, stakeholder_a):
    tip = take_tip(liaison_a, stakeholder_a)
    report_tip(actor=analyst_a, tip=tip)
    with pytest.raises(ValidationError) as raised:
        report_tip(actor=analyst_a, tip=tip)
    assert "report" in raised.value.message_dict
    assert IntelReport.objects.count() == 1


@pytest.mark.django_db
def test_a_classification_above_the_clearance_or_unknown_is_refused(
    take_tip, liaison_a, stakeholder_a, agency_a
):
    from tests.intel.conftest import analyst

    low = analyst("analyst_low", agency_a, "SBU")
    tip = take_tip(liaison_a, stakeholder_a)
    with pytest.raises(ValidationError) as raised:
        report_tip(actor=low, tip=tip, classification="S")
    assert "classification" in raised.value.message_dict
    with pytest.raises(ValidationError) as raised:
        report_tip(actor=low, tip=tip, classification="NOPE")
    assert "classification" in raised.value.message_dict
    assert not IntelReport.objects.exists()
    assert Tip.objects.get(pk=tip.pk).report_id is None


@pytest.mark.django_db
@pytest.mark.parametrize("who", ["liaison_a", "analyst_b", "coordinator", "auditor"])
def test_only_an_analyst_of_the_responsible_agency_reports_a_tip(
    request, take_tip, liaison_a, stakeholder_a, who
):
    tip = take_tip(liaison_a, stakeholder_a)
    actor = request.getfixturevalue(who)
    with pytest.raises(PermissionDenied):
        report_tip(actor=actor, tip=tip)
    assert not IntelReport.objects.exists()
    assert Tip.objects.get(pk=tip.pk).report_id is None
    denied = AuditEntry.objects.get(action="outreach.tip.report")
    assert denied.outcome == Outcome.DENIED


@pytest.mark.django_db
def test_an_analyst_without_a_clearance_cannot_report(take_tip, liaison_a, stakeholder_a, agency_a):
    from tests.intel.conftest import analyst

    uncleared = analyst("analyst_none", agency_a, None)
    tip = take_tip(liaison_a, stakeholder_a)
    with pytest.raises(PermissionDenied):
        report_tip(actor=uncleared, tip=tip)


@pytest.mark.django_db(transaction=True)
def test_a_failure_after_the_report_leaves_nothing_written(
    liaison_a, analyst_a, stakeholder_a, monkeypatch
):
    from nonprolif.outreach.tips.domain import record_tip

    tip = record_tip(
        actor=liaison_a, stakeholder=stakeholder_a, **{**TIP_DATA, "contact_email": ""}
    )
    stakeholder_a.contacts.all().delete()

    def broken_link(**kwargs):
        raise RuntimeError("the link failed")

    monkeypatch.setattr("nonprolif.outreach.tips.domain.link_entity", broken_link)
    with pytest.raises(RuntimeError):
        report_tip(actor=analyst_a, tip=tip)
    assert not IntelReport.objects.exists()
    assert not Entity.objects.exists()
    assert Tip.objects.get(pk=tip.pk).report_id is None
    assert not AuditEntry.objects.filter(
        action__in=["intel.report.create", "outreach.tip.report"]
    ).exists()
