"""All or nothing: a failure part-way through a review service leaves the alert, its trail,
the cleared parties and the intelligence reports as they were."""

import pytest

from nonprolif.core.models import AuditEntry
from nonprolif.intel.models import IntelReport
from nonprolif.screening.models import AlertDecision, AlertStatus, Suppression
from nonprolif.screening.review import domain
from nonprolif.screening.review.domain import decide_alert, escalate_alert, lift_suppression

pytestmark = pytest.mark.django_db(transaction=True)


class StepFailedError(RuntimeError):
    pass


def test_a_failing_report_leaves_the_alert_unchanged(monkeypatch, analyst_a, alert_a):
    real = domain.create_report

    def create_then_fail(**kwargs):
        real(**kwargs)  # the draft and its version are written, then the step fails
        raise StepFailedError

    monkeypatch.setattr(domain, "create_report", create_then_fail)
    with pytest.raises(StepFailedError):
        escalate_alert(alert=alert_a, reason="Check", actor=analyst_a)
    alert_a.refresh_from_db()
    assert (alert_a.status, alert_a.report_id, alert_a.decided_at) == (AlertStatus.OPEN, None, None)
    assert not IntelReport.objects.exists()
    assert not AlertDecision.objects.exists()
    assert not AuditEntry.objects.filter(
        action__in=["intel.report.create", "screening.alert.escalate"]
    ).exists()


def test_a_failing_clearance_undoes_the_decision(monkeypatch, liaison_a, alert_a):
    def fail(*args, **kwargs):
        raise StepFailedError

    monkeypatch.setattr(domain, "_clear", fail)
    with pytest.raises(StepFailedError):
        decide_alert(alert=alert_a, decision="false_positive", reason="Not him", actor=liaison_a)
    alert_a.refresh_from_db()
    assert alert_a.status == AlertStatus.OPEN
    assert alert_a.decided_by is None
    assert not AlertDecision.objects.exists()
    assert not Suppression.objects.exists()
    assert not AuditEntry.objects.filter(action="screening.alert.decide").exists()


def test_a_failing_lift_keeps_the_cleared_party_and_its_alerts(monkeypatch, liaison_a, alert_a):
    decide_alert(alert=alert_a, decision="false_positive", reason="Not him", actor=liaison_a)

    def fail(self, *args, **kwargs):
        raise StepFailedError

    monkeypatch.setattr(Suppression, "delete", fail)
    with pytest.raises(StepFailedError):
        lift_suppression(suppression=Suppression.objects.get(), reason="New facts", actor=liaison_a)
    alert_a.refresh_from_db()
    assert alert_a.status == AlertStatus.FALSE_POSITIVE
    assert Suppression.objects.count() == 1
    assert AlertDecision.objects.filter(alert=alert_a).count() == 1
    assert not AuditEntry.objects.filter(action="screening.alert.reopen").exists()
