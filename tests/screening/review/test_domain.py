"""Deciding alerts: the trail, the audit entries, the cleared parties a false positive writes
and a true match or a lift removes, and who may."""

import json

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from nonprolif.core.models import AuditEntry, Outcome
from nonprolif.screening.models import AlertDecision, AlertStatus, Suppression
from nonprolif.screening.review.domain import decide_alert, lift_suppression
from tests.screening.factories_review import AlertForReviewFactory

pytestmark = pytest.mark.django_db


def actions_since(seq: int) -> list[str]:
    return list(
        AuditEntry.objects.filter(seq__gt=seq).order_by("seq").values_list("action", flat=True)
    )


def last_seq() -> int:
    entry = AuditEntry.objects.order_by("-seq").first()
    return entry.seq if entry else 0


def test_false_positive_is_in_the_trail_and_clears_the_party(liaison_a, alert_a):
    start = last_seq()
    decided = decide_alert(
        alert=alert_a,
        decision="false_positive",
        reason="Other company, other country",
        actor=liaison_a,
    )
    alert_a.refresh_from_db()
    assert alert_a.status == AlertStatus.FALSE_POSITIVE == decided.status
    assert alert_a.decided_by == liaison_a
    assert alert_a.decided_at is not None
    [row] = AlertDecision.objects.filter(alert=alert_a)
    assert (row.decision, row.reason, row.actor) == (
        "false_positive",
        "Other company, other country",
        liaison_a,
    )
    suppression = Suppression.objects.get()
    assert (
        suppression.agency_id,
        suppression.party_key,
        suppression.party_name,
        suppression.entry_id,
        suppression.entry_version,
        suppression.alert_id,
        suppression.created_by,
    ) == (
        alert_a.agency_id,
        alert_a.party.party_key,
        alert_a.party.name,
        alert_a.entry_id,
        alert_a.entry_version,
        alert_a.pk,
        liaison_a,
    )
    assert actions_since(start) == ["screening.alert.decide", "screening.suppression.create"]
    decide_entry = AuditEntry.objects.get(action="screening.alert.decide")
    assert decide_entry.object_repr == f"ALR-{alert_a.pk}"
    assert decide_entry.changes["decision"] == "false_positive"
    trail = json.dumps(
        list(AuditEntry.objects.filter(seq__gt=start).values("changes", "object_repr"))
    )
    assert alert_a.party.name not in trail
    assert alert_a.entry.name not in trail
    assert "Other company" not in trail


def test_the_cleared_party_lapses_when_its_entry_changes(liaison_a, alert_a):
    decide_alert(alert=alert_a, decision="false_positive", reason="Not him", actor=liaison_a)
    assert list(Suppression.objects.active()) == list(Suppression.objects.all())
    entry = alert_a.entry
    entry.version = "ffffffffffffffff"
    entry.save(update_fields=["version"])
    assert not Suppression.objects.active().exists()
    assert Suppression.objects.count() == 1


def test_a_later_true_match_removes_the_cleared_party(liaison_a, analyst_a, alert_a):
    decide_alert(alert=alert_a, decision="false_positive", reason="Not him", actor=liaison_a)
    start = last_seq()
    decide_alert(alert=alert_a, decision="true_match", reason="Same registration", actor=analyst_a)
    alert_a.refresh_from_db()
    assert alert_a.status == AlertStatus.TRUE_MATCH
    assert alert_a.decided_by == analyst_a
    assert not Suppression.objects.exists()
    assert actions_since(start) == ["screening.alert.decide", "screening.suppression.delete"]
    assert list(AlertDecision.objects.filter(alert=alert_a).values_list("decision", flat=True)) == [
        "false_positive",
        "true_match",
    ]


def test_a_true_match_removes_the_clearance_another_alert_of_the_party_wrote(liaison_a, alert_a):
    # The same party in a later batch of the agency, against the same entry and version.
    other_batch = AlertForReviewFactory(
        batch__agency=alert_a.agency, entry=alert_a.entry, party__party_key=alert_a.party.party_key
    )
    decide_alert(alert=alert_a, decision="false_positive", reason="Not him", actor=liaison_a)
    decide_alert(alert=other_batch, decision="false_positive", reason="Not him", actor=liaison_a)
    assert Suppression.objects.get().alert_id == alert_a.pk
    decide_alert(alert=other_batch, decision="true_match", reason="Him", actor=liaison_a)
    assert not Suppression.objects.exists()


def test_the_same_decision_twice_is_refused(liaison_a, alert_a):
    decide_alert(alert=alert_a, decision="true_match", reason="Him", actor=liaison_a)
    with pytest.raises(ValidationError) as error:
        decide_alert(alert=alert_a, decision="true_match", reason="Him again", actor=liaison_a)
    assert "decision" in error.value.message_dict
    assert AlertDecision.objects.filter(alert=alert_a).count() == 1


@pytest.mark.parametrize(
    ("decision", "reason", "field"),
    [
        ("false_positive", "  ", "reason"),
        ("false_positive", "x" * 2001, "reason"),
        ("escalated", "Why", "decision"),
        ("open", "Why", "decision"),
    ],
)
def test_bad_input_names_the_field_and_writes_nothing(liaison_a, alert_a, decision, reason, field):
    start = last_seq()
    with pytest.raises(ValidationError) as error:
        decide_alert(alert=alert_a, decision=decision, reason=reason, actor=liaison_a)
    assert field in error.value.message_dict
    alert_a.refresh_from_db()
    assert alert_a.status == AlertStatus.OPEN
    assert alert_a.decided_by is None
    assert not AlertDecision.objects.exists()
    assert not Suppression.objects.exists()
    assert actions_since(start) == []


def test_a_goods_false_positive_clears_nothing(liaison_a, goods_alert_a):
    decide_alert(
        alert=goods_alert_a, decision="false_positive", reason="Fertiliser", actor=liaison_a
    )
    goods_alert_a.refresh_from_db()
    assert goods_alert_a.status == AlertStatus.FALSE_POSITIVE
    assert not Suppression.objects.exists()


@pytest.mark.parametrize("who", ["coordinator", "auditor", "liaison_b", "outsider", "partner"])
def test_only_the_alerts_agency_decides_and_a_refusal_is_audited(request, alert_a, who):
    user = request.getfixturevalue(who)
    start = last_seq()
    with pytest.raises(PermissionDenied):
        decide_alert(alert=alert_a, decision="false_positive", reason="No", actor=user)
    alert_a.refresh_from_db()
    assert alert_a.status == AlertStatus.OPEN
    assert alert_a.decided_at is None
    assert not AlertDecision.objects.exists()
    assert not Suppression.objects.exists()
    [entry] = AuditEntry.objects.filter(seq__gt=start)
    assert (entry.action, entry.outcome, entry.object_repr) == (
        "screening.alert.decide",
        Outcome.DENIED,
        f"ALR-{alert_a.pk}",
    )


def test_lifting_a_cleared_party_reopens_the_alerts_it_rests_on(liaison_a, analyst_a, alert_a):
    decide_alert(alert=alert_a, decision="false_positive", reason="Not him", actor=liaison_a)
    suppression = Suppression.objects.get()
    start = last_seq()
    reopened = lift_suppression(suppression=suppression, reason="New facts", actor=analyst_a)
    assert [alert.pk for alert in reopened] == [alert_a.pk]
    assert not Suppression.objects.exists()
    alert_a.refresh_from_db()
    assert alert_a.status == AlertStatus.OPEN
    assert alert_a.decided_by is None
    assert list(AlertDecision.objects.filter(alert=alert_a).values_list("decision", "reason")) == [
        ("false_positive", "Not him"),
        ("open", "New facts"),
    ]
    assert actions_since(start) == ["screening.alert.reopen", "screening.suppression.lift"]
    lift = AuditEntry.objects.get(action="screening.suppression.lift")
    assert lift.changes == {"reopened": [f"ALR-{alert_a.pk}"]}
    assert lift.object_repr == f"CLR-{suppression.pk}"


@pytest.mark.parametrize("who", ["coordinator", "liaison_b"])
def test_only_the_agency_lifts_its_cleared_party(request, liaison_a, alert_a, who):
    decide_alert(alert=alert_a, decision="false_positive", reason="Not him", actor=liaison_a)
    suppression = Suppression.objects.get()
    with pytest.raises(PermissionDenied):
        lift_suppression(suppression=suppression, reason="No", actor=request.getfixturevalue(who))
    assert Suppression.objects.filter(pk=suppression.pk).exists()
    alert_a.refresh_from_db()
    assert alert_a.status == AlertStatus.FALSE_POSITIVE
    assert AuditEntry.objects.filter(
        action="screening.suppression.lift", outcome=Outcome.DENIED
    ).exists()


def test_lifting_needs_a_reason(liaison_a, alert_a):
    decide_alert(alert=alert_a, decision="false_positive", reason="Not him", actor=liaison_a)
    with pytest.raises(ValidationError) as error:
        lift_suppression(suppression=Suppression.objects.get(), reason="", actor=liaison_a)
    assert "reason" in error.value.message_dict
    assert Suppression.objects.exists()
