"""Escalating an alert: a report draft of the analyst's agency that he reads in intel, with
the party, the entry, the score and its explanation; who may; bad input."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from nonprolif.core.models import AuditEntry, Outcome
from nonprolif.intel.models import IntelReport, ReportStatus, ReportType
from nonprolif.intel.reports.queries import get_report_for
from nonprolif.screening.models import AlertDecision, AlertStatus
from nonprolif.screening.review.domain import decide_alert, escalate_alert
from tests.intel.conftest import analyst

pytestmark = pytest.mark.django_db


def test_escalation_writes_a_draft_the_analyst_reads_in_intel(analyst_a, alert_a):
    report = escalate_alert(alert=alert_a, reason="Looks like the listed front", actor=analyst_a)
    assert get_report_for(analyst_a, report.pk) == report
    assert (report.status, report.report_type, report.originator_id, report.author) == (
        ReportStatus.DRAFT,
        ReportType.SUSPICIOUS_PROCUREMENT,
        analyst_a.agency_id,
        analyst_a,
    )
    assert report.classification.code == "U"  # the lowest level by default
    assert report.title_es == f"Alerta de cribado ALR-{alert_a.pk}"
    assert report.title_en == f"Screening alert ALR-{alert_a.pk}"
    for body in (report.body_es, report.body_en):
        assert alert_a.party.name in body
        assert alert_a.party.declaration in body
        assert alert_a.entry.external_id in body
        assert alert_a.entry.watchlist.code in body
        assert alert_a.entry.name in body
        assert "0.910" in body  # the score, and the explanation's sum
        assert "+0.820" in body
        assert "IR on both" in body
    alert_a.refresh_from_db()
    assert alert_a.report == report
    assert alert_a.status == AlertStatus.ESCALATED
    assert alert_a.decided_by == analyst_a
    [row] = AlertDecision.objects.filter(alert=alert_a)
    assert (row.decision, row.reason) == ("escalated", "Looks like the listed front")
    entry = AuditEntry.objects.get(action="screening.alert.escalate")
    assert entry.changes["report"] == [None, report.reference]
    assert AuditEntry.objects.filter(
        action="intel.report.create", object_id=str(report.pk)
    ).exists()


def test_the_analyst_chooses_a_classification_up_to_his_clearance(agency_a, alert_a):
    cleared_sbu = analyst("analyst_sbu", agency_a, "SBU")
    report = escalate_alert(alert=alert_a, reason="Check", actor=cleared_sbu, classification="SBU")
    assert report.classification.code == "SBU"


@pytest.mark.parametrize("classification", ["S", "NOPE"])
def test_a_classification_above_the_clearance_or_unknown_is_refused(
    agency_a, alert_a, classification
):
    cleared_sbu = analyst("analyst_sbu", agency_a, "SBU")
    with pytest.raises(ValidationError) as error:
        escalate_alert(
            alert=alert_a, reason="Check", actor=cleared_sbu, classification=classification
        )
    assert "classification" in error.value.message_dict
    alert_a.refresh_from_db()
    assert alert_a.status == AlertStatus.OPEN
    assert alert_a.report is None
    assert not IntelReport.objects.exists()
    assert not AlertDecision.objects.exists()


def test_escalation_needs_a_reason(analyst_a, alert_a):
    with pytest.raises(ValidationError) as error:
        escalate_alert(alert=alert_a, reason=" ", actor=analyst_a)
    assert "reason" in error.value.message_dict
    assert not IntelReport.objects.exists()


@pytest.mark.parametrize("who", ["liaison_a", "coordinator", "analyst_b", "outsider"])
def test_only_an_analyst_of_the_agency_escalates(request, alert_a, who):
    user = request.getfixturevalue(who)
    with pytest.raises(PermissionDenied):
        escalate_alert(alert=alert_a, reason="Check", actor=user)
    alert_a.refresh_from_db()
    assert alert_a.status == AlertStatus.OPEN
    assert alert_a.report is None
    assert not IntelReport.objects.exists()
    assert AuditEntry.objects.filter(
        action="screening.alert.escalate", outcome=Outcome.DENIED
    ).exists()


def test_an_analyst_without_clearance_does_not_escalate(agency_a, alert_a):
    uncleared = analyst("analyst_none", agency_a, None)
    with pytest.raises(PermissionDenied):
        escalate_alert(alert=alert_a, reason="Check", actor=uncleared)
    assert not IntelReport.objects.exists()


def test_an_escalated_alert_is_decided_later_but_never_escalated_twice(analyst_a, alert_a):
    report = escalate_alert(alert=alert_a, reason="Check", actor=analyst_a)
    decide_alert(alert=alert_a, decision="true_match", reason="Confirmed", actor=analyst_a)
    alert_a.refresh_from_db()
    assert alert_a.status == AlertStatus.TRUE_MATCH
    assert alert_a.report == report
    with pytest.raises(ValidationError) as error:
        escalate_alert(alert=alert_a, reason="Again", actor=analyst_a)
    assert "status" in error.value.message_dict
    assert IntelReport.objects.count() == 1


def test_a_goods_alert_escalates_with_the_line_and_the_control_entry(analyst_a, goods_alert_a):
    report = escalate_alert(alert=goods_alert_a, reason="Precursor", actor=analyst_a)
    control = goods_alert_a.control_entry
    assert goods_alert_a.line.description in report.body_es
    assert f"{control.regime} {control.code}" in report.body_en
    assert control.description_en in report.body_en
    assert control.description_es in report.body_es
    assert "0.950" in report.body_en
