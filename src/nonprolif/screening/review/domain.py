"""The review of alerts: deciding one (true match, false positive), escalating one to an
intelligence report draft, and lifting a cleared party.

Who decides: a liaison or an analyst of the alert's agency (``screening.decide_alert``);
escalating also takes an analyst with a clearance (``intel.add_report``). Every refusal is
audited (outcome denied) before PermissionDenied is raised, outside the service's
transaction. Audit entries name alerts ``ALR-<id>`` and cleared parties ``CLR-<id>``, and
carry decisions, statuses and numbers, never a name or a reason.

The rules the brief left open, as decided here:

- An alert already decided can be decided again (a second look, new facts): each decision is
  one more row of its trail (``AlertDecision``), and the alert shows the latest. The same
  decision twice in a row is refused (nothing would change). An escalated alert can still
  be decided true match or false positive (after the analysis); it keeps its report, and is
  never escalated a second time.
- Only a party's alert clears a party: a false positive writes the cleared party
  (``Suppression``) of the alert's agency for the party's key and the entry at the version
  matched. A goods line has no key naming it across batches, and a control-list entry no
  version, so a goods alert's false positive clears nothing: the next declaration of the
  same goods alerts again.
- A true match on an alert removes the cleared party of its key (whichever alert cleared it).
- Lifting a cleared party withdraws the false-positive decisions it rests on: the alerts of
  the agency that were marked false positive for that party, entry and version go back to
  the queue (open), each with the lift's reason in its trail.
"""

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from nonprolif.core import clock
from nonprolif.core.domain.audit import record, refuse
from nonprolif.core.models import ClassificationLevel, User
from nonprolif.core.rules import has_perm
from nonprolif.intel.models import IntelReport, ReportType
from nonprolif.intel.reports.domain import create_report
from nonprolif.screening.models import Alert, AlertDecision, AlertStatus, Suppression
from nonprolif.screening.review.dossier import report_text

#: The decisions ``decide_alert`` takes (escalating is ``escalate_alert``).
DECISIONS = (AlertStatus.TRUE_MATCH, AlertStatus.FALSE_POSITIVE)
#: The report type of an escalated alert: a party or goods of a declaration matching a
#: sanctions or control list is a suspicion about a procurement.
ESCALATION_REPORT_TYPE = ReportType.SUSPICIOUS_PROCUREMENT
MAX_REASON = 2000


def _require(actor: Any, perm: str, obj: Any, action: str, why: str) -> None:
    if not has_perm(perm, actor, obj):
        refuse(actor=actor, action=action, why=why, obj=obj)


def _reason(reason: Any, errors: dict[str, list[str]]) -> str:
    text = str(reason or "").strip()
    if not text:
        errors.setdefault("reason", []).append(_("Give the reason for the decision."))
    elif len(text) > MAX_REASON:
        errors.setdefault("reason", []).append(_("At most %(n)d characters.") % {"n": MAX_REASON})
    return text


def _locked(alert: Alert) -> Alert:
    """The alert's current row, with what its report needs, locked until the transaction
    ends."""
    return (
        Alert.objects.select_for_update(of=("self",))
        .select_related(
            "batch", "agency", "party", "line", "entry__watchlist", "control_entry", "report"
        )
        .get(pk=alert.pk)
    )


def _trail(alert: Alert, decision: str, reason: str, actor: User) -> AlertDecision:
    row = AlertDecision(alert=alert, decision=decision, reason=reason, actor=actor)
    row.full_clean(exclude=["alert", "actor"])
    row.save()
    return row


def _set_status(alert: Alert, status: str, actor: User | None) -> None:
    alert.status = status
    alert.decided_at = clock.now() if actor is not None else None
    alert.decided_by = actor
    alert.save(update_fields=["status", "decided_at", "decided_by", "report"])


def _key(alert: Alert) -> dict[str, Any]:
    """The unique key of the cleared party that an alert of a party writes."""
    assert alert.party is not None
    return {
        "agency_id": alert.agency_id,
        "party_key": alert.party.party_key,
        "entry_id": alert.entry_id,
        "entry_version": alert.entry_version,
    }


def _clear(alert: Alert, reason: str, actor: User) -> Suppression:
    """The cleared party of a false positive (the one already there for its key, else a new
    one, audited "screening.suppression.create")."""
    assert alert.party is not None
    candidate = Suppression(
        **_key(alert), party_name=alert.party.name, alert=alert, reason=reason, created_by=actor
    )
    candidate.full_clean(
        exclude=["agency", "entry", "alert", "created_by"], validate_constraints=False
    )
    suppression, created = Suppression.objects.get_or_create(
        **_key(alert),
        defaults={
            "party_name": candidate.party_name,
            "alert": alert,
            "reason": reason,
            "created_by": actor,
        },
    )
    if created:
        record(
            actor=actor,
            action="screening.suppression.create",
            obj=suppression,
            changes={"alert": [None, str(alert)], "entry_version": [None, alert.entry_version]},
        )
    return suppression


def _unclear(alert: Alert, actor: User) -> None:
    """A true match: the cleared party of the alert's key goes (audited
    "screening.suppression.delete")."""
    for suppression in Suppression.objects.filter(**_key(alert)).select_for_update():
        record(
            actor=actor,
            action="screening.suppression.delete",
            obj=suppression,
            changes={"alert": [str(alert), None], "decision": AlertStatus.TRUE_MATCH.value},
        )
        suppression.delete()


def decide_alert(*, alert: Alert, decision: str, reason: str, actor: User) -> Alert:
    """Mark an alert a true match or a false positive, with the reason.

    Side effects, in one transaction: one AlertDecision row (the trail), the alert's status,
    ``decided_at`` and ``decided_by``; one audit entry ("screening.alert.decide": the status
    before and after). A false positive on a party's alert also writes the cleared party of
    its key (when there is none yet: "screening.suppression.create"); a true match removes
    it ("screening.suppression.delete"). PermissionDenied, audited denied, unless the actor
    is a liaison or analyst of the alert's agency; ValidationError naming ``decision`` (not
    true_match or false_positive, or the alert's status already) or ``reason`` (empty, too
    long). Nothing is written then but the denied entry.
    """
    _require(
        actor,
        "screening.decide_alert",
        alert,
        "screening.alert.decide",
        _("Only the liaisons and analysts of the alert's agency decide it."),
    )
    errors: dict[str, list[str]] = {}
    if decision not in DECISIONS:
        errors["decision"] = [_("Decide a true match or a false positive.")]
    text = _reason(reason, errors)
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        current = _locked(alert)
        if current.status == decision:
            raise ValidationError(
                {
                    "decision": _("The alert is already marked %(status)s.")
                    % {"status": current.get_status_display()}
                }
            )
        before = current.status
        _trail(current, decision, text, actor)
        _set_status(current, decision, actor)
        record(
            actor=actor,
            action="screening.alert.decide",
            obj=current,
            changes={"status": [before, decision], "decision": str(decision)},
        )
        if current.party_id is not None:
            if decision == AlertStatus.FALSE_POSITIVE:
                _clear(current, text, actor)
            else:
                _unclear(current, actor)
    return current


def _level(classification: Any, errors: dict[str, list[str]]) -> ClassificationLevel | None:
    """The report's classification: the level given (a row or its code), else the lowest."""
    if classification in (None, ""):
        return ClassificationLevel.objects.order_by("rank").first()
    if isinstance(classification, ClassificationLevel):
        return classification
    level = ClassificationLevel.objects.filter(code=str(classification)).first()
    if level is None:
        errors["classification"] = [_("Unknown classification level.")]
    return level


def escalate_alert(
    *, alert: Alert, reason: str, actor: User, classification: Any = None
) -> IntelReport:
    """Escalate an alert to an intelligence report draft of the actor's agency.

    The draft (``intel.reports.domain.create_report``) is titled "Alerta de cribado ALR-n" /
    "Screening alert ALR-n", its body names the party (or goods line), the list (or
    control-list) entry, the score and its explanation; type "suspicious procurement";
    classified at ``classification`` (a level or its code, at most the actor's clearance)
    or else the lowest level.

    Side effects, in one transaction (all or nothing): the report draft, its first version
    and its audit entry ("intel.report.create"); the alert's report, status escalated,
    ``decided_at`` and ``decided_by``; one AlertDecision row; one audit entry
    ("screening.alert.escalate": status, report reference, classification).
    PermissionDenied, audited denied, unless the actor may decide the alert and write
    reports (an analyst of the alert's agency with a clearance); ValidationError naming
    ``reason``, ``classification`` (unknown, above the clearance) or ``status`` (already
    escalated).
    """
    _require(
        actor,
        "screening.decide_alert",
        alert,
        "screening.alert.escalate",
        _("Only the liaisons and analysts of the alert's agency decide it."),
    )
    _require(
        actor,
        "intel.add_report",
        alert,
        "screening.alert.escalate",
        _("Only an analyst with a clearance escalates an alert to an intelligence report."),
    )
    errors: dict[str, list[str]] = {}
    text = _reason(reason, errors)
    level = _level(classification, errors)
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        current = _locked(alert)
        if current.report_id is not None or current.status == AlertStatus.ESCALATED:
            raise ValidationError(
                {"status": _("This alert was already escalated to an intelligence report.")}
            )
        fields: dict[str, Any] = {
            **report_text(current),
            "report_type": ESCALATION_REPORT_TYPE,
            "classification": level,
        }
        report = create_report(actor=actor, **fields)
        before = current.status
        _trail(current, AlertStatus.ESCALATED, text, actor)
        current.report = report
        _set_status(current, AlertStatus.ESCALATED, actor)
        record(
            actor=actor,
            action="screening.alert.escalate",
            obj=current,
            changes={
                "status": [before, AlertStatus.ESCALATED.value],
                "report": [None, report.reference],
                "classification": [None, report.classification.code],
            },
        )
    return report


def lift_suppression(*, suppression: Suppression, reason: str, actor: User) -> list[Alert]:
    """Lift a cleared party: the party alerts again at its next screening against the entry.

    Side effects, in one transaction: the Suppression row removed; the alerts of its agency
    marked false positive for its party key, entry and version (the decisions it rests on)
    back to open, each with one AlertDecision row (the reason) and one audit entry
    ("screening.alert.reopen"); one audit entry ("screening.suppression.lift": the alerts
    reopened). Returns the alerts reopened. PermissionDenied, audited denied, unless the
    actor is a liaison or analyst of the cleared party's agency; ValidationError naming
    ``reason`` (empty, too long) or ``suppression`` (lifted meanwhile).
    """
    _require(
        actor,
        "screening.lift_suppression",
        suppression,
        "screening.suppression.lift",
        _("Only the liaisons and analysts of the agency that cleared the party lift it."),
    )
    errors: dict[str, list[str]] = {}
    text = _reason(reason, errors)
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        current = Suppression.objects.select_for_update().filter(pk=suppression.pk).first()
        if current is None:
            raise ValidationError({"suppression": _("This party is no longer cleared.")})
        resting = list(
            Alert.objects.select_for_update(of=("self",))
            .filter(
                agency_id=current.agency_id,
                party__party_key=current.party_key,
                entry_id=current.entry_id,
                entry_version=current.entry_version,
                status=AlertStatus.FALSE_POSITIVE,
            )
            .order_by("pk")
        )
        for alert in resting:
            _trail(alert, AlertStatus.OPEN, text, actor)
            _set_status(alert, AlertStatus.OPEN, None)
            record(
                actor=actor,
                action="screening.alert.reopen",
                obj=alert,
                changes={
                    "status": [AlertStatus.FALSE_POSITIVE.value, AlertStatus.OPEN.value],
                    "suppression": [str(current), None],
                },
            )
        record(
            actor=actor,
            action="screening.suppression.lift",
            obj=current,
            changes={"reopened": [str(alert) for alert in resting]},
        )
        current.delete()
    return resting
