"""The writes of tips: taking one (with its acknowledgement to the stakeholder), sending the
acknowledgement again, and turning a tip into an intelligence report draft.

Who writes: a liaison of the stakeholder's responsible agency takes the tip and acknowledges
it (``outreach.add_tip``, ``outreach.acknowledge_tip``); an analyst of that agency with a
clearance reports it (``outreach.report_tip``). Every refusal is audited (outcome denied)
before PermissionDenied is raised, outside the service's transaction. Audit entries name a
tip by its reference and carry channels, dates and references, never what was reported or
by whom.

The rules the brief left open, as decided here:

- ``when`` (the day of the order or enquiry) cannot be after today.
- The acknowledgement goes once the tip is committed; ``acknowledged_at`` is set when the
  mail server took the message. A mail server that refuses it leaves the tip
  unacknowledged (the tip page offers to send it again) and the tip recorded.
- The stakeholder's entity is the actor's agency's organisation of the same name (the first
  registered), else a new one: the report's other readers see it as every linked entity.
"""

import datetime
import logging
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models.functions import Length
from django.utils.translation import gettext as _

from nonprolif.core import clock
from nonprolif.core.domain.audit import record, refuse
from nonprolif.core.models import Agency, ClassificationLevel, User
from nonprolif.core.rules import has_perm
from nonprolif.intel.entities.domain import create_entity, link_entity
from nonprolif.intel.models import Entity, EntityKind, IntelReport, LinkRole, ReportType
from nonprolif.intel.reports.domain import create_report
from nonprolif.outreach.models import Stakeholder, Tip
from nonprolif.outreach.tips import acknowledgement
from nonprolif.outreach.tips.dossier import report_text

logger = logging.getLogger(__name__)

TIP_FIELDS = ("what", "who", "when", "contact_name", "contact_email", "contact_phone", "channel")
MAX_TEXT = 5000


def _require(actor: Any, perm: str, obj: Any, action: str, why: str) -> None:
    if not has_perm(perm, actor, obj):
        refuse(actor=actor, action=action, why=why, obj=obj)


def next_tip_reference(*, agency: Agency, moment: datetime.datetime) -> str:
    """The agency's next tip reference, ``TIP-<AGENCY>-<YEAR>-<NNNN>``: one more than the
    highest of its tips of that year.

    Must run inside ``transaction.atomic()``: the agency's row is locked (SELECT … FOR
    UPDATE) until the transaction ends, so a concurrent tip of the same agency waits and
    then takes the number after this one."""
    Agency.objects.select_for_update().filter(pk=agency.pk).first()
    prefix = f"TIP-{agency.code.upper()}-{moment.year}-"
    last = (
        Tip.objects.filter(reference__startswith=prefix)
        .annotate(length=Length("reference"))
        .order_by("-length", "-reference")
        .values_list("reference", flat=True)
        .first()
    )
    number = int(last[len(prefix) :]) + 1 if last and last[len(prefix) :].isdigit() else 1
    return f"{prefix}{number:04d}"


def _send_acknowledgement(tip: Tip, actor: User, to: list[str]) -> None:
    """Once the transaction commits: the e-mail, then ``acknowledged_at`` and one audit entry
    ("outreach.tip.acknowledge"). A refusal of the mail server is logged, nothing set."""

    def send() -> None:
        try:
            acknowledgement.message(tip, to).send()
        except Exception:
            logger.exception("The acknowledgement of %s could not be sent", tip.reference)
            return
        moment = clock.now()
        Tip.objects.filter(pk=tip.pk).update(acknowledged_at=moment)
        tip.acknowledged_at = moment
        record(
            actor=actor,
            action="outreach.tip.acknowledge",
            obj=tip,
            changes={"to": [None, to], "language": tip.stakeholder.language},
        )

    transaction.on_commit(send)


def record_tip(
    *,
    actor: User,
    stakeholder: Stakeholder,
    what: str,
    who: str,
    when: Any,
    contact_name: str,
    contact_email: str = "",
    contact_phone: str = "",
    channel: str,
) -> Tip:
    """Take a tip from ``stakeholder`` (a stakeholder the actor may see).

    Side effects, in one transaction: the Tip row (the agency's next reference
    ``TIP-<AGENCY>-<YEAR>-<NNNN>``, the agency's row locked meanwhile; received now, by the
    actor), one audit entry ("outreach.tip.create": the reference, the channel). Once
    committed, the acknowledgement e-mail (``acknowledgement.message``) to
    ``contact_email``, else to the stakeholder's contacts' e-mails, in the stakeholder's
    language; when the mail server takes it, ``acknowledged_at`` and one audit entry
    ("outreach.tip.acknowledge"). No address: no e-mail (``acknowledgement.recipients`` is
    empty; the page says so). PermissionDenied, audited denied, unless the actor is a
    liaison of the stakeholder's responsible agency; ValidationError naming each bad field
    (``what``, ``who``, ``when``: missing or after today, ``contact_name``,
    ``contact_email``, ``contact_phone``, ``channel``). Nothing is written then but the
    denied entry.
    """
    _require(
        actor,
        "outreach.add_tip",
        stakeholder,
        "outreach.tip.create",
        _("Only the liaisons of the stakeholder's responsible agency take its tips."),
    )
    tip = Tip(
        stakeholder=stakeholder,
        what=str(what or "").strip(),
        who=str(who or "").strip(),
        when=when or None,  # type: ignore[misc]  # None: full_clean names the field
        contact_name=" ".join(str(contact_name or "").split()),
        contact_email=str(contact_email or "").strip(),
        contact_phone=str(contact_phone or "").strip(),
        channel=str(channel or ""),
        received_by=actor,
        received_at=clock.now(),
    )
    errors: dict[str, list[str]] = {}
    for name in ("what", "who"):
        if len(getattr(tip, name)) > MAX_TEXT:
            errors[name] = [_("At most %(n)d characters.") % {"n": MAX_TEXT}]
    try:
        tip.full_clean(exclude=["reference", "stakeholder", "received_by", "report", *errors])
    except ValidationError as error:
        errors.update(error.message_dict)
    if "when" not in errors and isinstance(tip.when, datetime.date) and tip.when > clock.today():
        errors["when"] = [_("The order or enquiry cannot be after today.")]
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        tip.reference = next_tip_reference(
            agency=stakeholder.responsible_agency, moment=tip.received_at
        )
        tip.save()
        record(
            actor=actor,
            action="outreach.tip.create",
            obj=tip,
            changes={"reference": [None, tip.reference], "channel": tip.channel},
        )
        to = acknowledgement.recipients(tip)
        if to:
            _send_acknowledgement(tip, actor, to)
    return tip


def resend_acknowledgement(*, actor: User, tip: Tip) -> Tip:
    """Send the tip's acknowledgement again (or for the first time, once an address is
    known), to the same recipients as ``record_tip`` would.

    Side effects: once the transaction commits, the e-mail; when the mail server takes it,
    ``acknowledged_at`` (now) and one audit entry ("outreach.tip.acknowledge").
    PermissionDenied, audited denied, unless the actor is a liaison of the stakeholder's
    responsible agency; ValidationError on ``contact_email`` when there is nobody to send
    it to.
    """
    _require(
        actor,
        "outreach.acknowledge_tip",
        tip,
        "outreach.tip.acknowledge",
        _("Only the liaisons of the stakeholder's responsible agency acknowledge its tips."),
    )
    to = acknowledgement.recipients(tip)
    if not to:
        raise ValidationError(
            {
                "contact_email": _(
                    "Neither the tip nor the stakeholder's contacts have an e-mail address: "
                    "no acknowledgement can be sent."
                )
            }
        )
    with transaction.atomic():
        _send_acknowledgement(tip, actor, to)
    return tip


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


def _stakeholder_entity(actor: User, stakeholder: Stakeholder) -> Entity:
    """The actor's agency's organisation named as the stakeholder, else a new one."""
    name = " ".join(stakeholder.name.split())
    found = (
        Entity.objects.filter(owner_id=actor.agency_id, kind=EntityKind.ORGANISATION, name=name)
        .order_by("pk")
        .first()
    )
    if found is not None:
        return found
    place = ", ".join(part for part in (stakeholder.city, stakeholder.state) if part)
    return create_entity(
        actor=actor,
        kind=EntityKind.ORGANISATION,
        name=name,
        description=" · ".join(
            part
            for part in (stakeholder.get_kind_display(), stakeholder.get_sector_display(), place)
            if part
        ),
    )


def report_tip(*, actor: User, tip: Tip, classification: Any = None) -> IntelReport:
    """Write the intelligence report draft of ``tip`` (a tip the actor may see), in the
    actor's agency.

    The draft (``intel.reports.domain.create_report``) is titled "Aviso de difusión TIP-…" /
    "Outreach tip TIP-…", its bodies name what, who, when, the stakeholder, the contact and
    the channel (``dossier.report_text``); type "outreach tip"; classified at
    ``classification`` (a level or its code, at most the actor's clearance) or else the
    lowest level; event date the tip's ``when``; state the stakeholder's.

    Side effects, in one transaction (all or nothing): the tip's row locked; the report
    draft, its version 1 and its audit entry ("intel.report.create"); the stakeholder's
    entity (found, else created: "intel.entity.create"), linked to the report as supplier
    ("intel.entity.link"); the tip's ``report``; one audit entry ("outreach.tip.report": the
    report's reference and classification). PermissionDenied, audited denied, unless the
    actor is an analyst with a clearance of the stakeholder's responsible agency;
    ValidationError naming ``classification`` (unknown, above the clearance) or ``report``
    (the tip has one already).
    """
    _require(
        actor,
        "outreach.report_tip",
        tip,
        "outreach.tip.report",
        _(
            "Only an analyst with a clearance of the stakeholder's responsible agency writes "
            "the report of a tip."
        ),
    )
    errors: dict[str, list[str]] = {}
    level = _level(classification, errors)
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        current = (
            Tip.objects.select_for_update(of=("self",))
            .select_related("stakeholder__responsible_agency")
            .get(pk=tip.pk)
        )
        if current.report_id is not None:
            raise ValidationError(
                {"report": _("This tip was already written up as an intelligence report.")}
            )
        stakeholder = current.stakeholder
        fields: dict[str, Any] = {
            **report_text(current),
            "report_type": ReportType.OUTREACH_TIP,
            "classification": level,
            "event_date": current.when,
            "state": stakeholder.state,
        }
        report = create_report(actor=actor, **fields)
        entity = _stakeholder_entity(actor, stakeholder)
        link_entity(actor=actor, report=report, entity=entity, role=LinkRole.SUPPLIER)
        current.report = report
        current.save(update_fields=["report"])
        record(
            actor=actor,
            action="outreach.tip.report",
            obj=current,
            changes={
                "report": [None, report.reference],
                "classification": [None, report.classification.code],
            },
        )
    tip.report = report
    return report
