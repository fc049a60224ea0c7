"""Writes of meeting decisions: record, change and remove what a meeting decided."""

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from nonprolif.core import clock
from nonprolif.core.domain.audit import diff, record
from nonprolif.core.domain.permissions import require_perm
from nonprolif.core.models import User
from nonprolif.events.models import ActionItemChange, Meeting, MeetingDecision

from ._common import reject_unknown

DECISION_FIELDS = {"number", "text_es", "text_en"}


def _clean_decision(decision: MeetingDecision) -> None:
    errors: dict[str, list[str]] = {}
    try:
        decision.full_clean(validate_constraints=False)
    except ValidationError as error:
        errors.update(error.message_dict)
    taken = (
        MeetingDecision.objects.filter(meeting_id=decision.meeting_id, number=decision.number)
        .exclude(pk=decision.pk)
        .exists()
    )
    if decision.number is not None and decision.number < 1 and "number" not in errors:
        errors["number"] = [_("Number decisions from 1.")]
    if taken:
        errors.setdefault("number", []).append(
            _("Another decision of this meeting has this number.")
        )
    if errors:
        raise ValidationError(errors)


def create_decision(
    *, actor: User, meeting: Meeting, text_es: str, text_en: str, number: int | None = None
) -> MeetingDecision:
    """Record a decision of ``meeting``. ``number`` defaults to the next free number.

    Side effects: one MeetingDecision row and one audit entry ("meeting_decision.create").
    PermissionDenied unless the actor may add decisions (coordinators); ValidationError
    naming the field on bad input (empty text, a number taken). Nothing is written then.
    """
    require_perm(actor, "events.add_meetingdecision", meeting)
    with transaction.atomic():
        if number is None:
            highest = meeting.decisions.aggregate(n=Max("number"))["n"] or 0
            number = highest + 1
        decision = MeetingDecision(
            meeting=meeting, number=number, text_es=text_es, text_en=text_en, created_by=actor
        )
        _clean_decision(decision)
        decision.save()
        record(
            actor=actor,
            action="meeting_decision.create",
            obj=decision,
            changes=diff(
                {},
                {
                    "meeting": meeting.pk,
                    "number": number,
                    "text_es": text_es,
                    "text_en": text_en,
                },
            ),
        )
    return decision


def update_decision(*, actor: User, decision: MeetingDecision, **fields: Any) -> MeetingDecision:
    """Change a decision's number or texts (only the fields given).

    Side effects: the row is updated and one audit entry ("meeting_decision.update") holds
    the changes. PermissionDenied / ValidationError as for ``create_decision``; nothing is
    written then.
    """
    reject_unknown(fields, DECISION_FIELDS)
    require_perm(actor, "events.change_meetingdecision", decision)
    before = {name: getattr(decision, name) for name in DECISION_FIELDS}
    for name, value in fields.items():
        setattr(decision, name, value)
    try:
        _clean_decision(decision)
    except ValidationError:
        decision.refresh_from_db()
        raise
    with transaction.atomic():
        decision.save()
        after = {name: getattr(decision, name) for name in DECISION_FIELDS}
        record(
            actor=actor, action="meeting_decision.update", obj=decision, changes=diff(before, after)
        )
    return decision


def delete_decision(*, actor: User, decision: MeetingDecision) -> None:
    """Remove a decision. Its action items stay, no longer linked to a decision (the change
    is added to each item's history).

    Side effects: the row is deleted; one ActionItemChange per linked item; one audit entry
    ("meeting_decision.delete"). PermissionDenied unless the actor may delete it.
    """
    require_perm(actor, "events.delete_meetingdecision", decision)
    with transaction.atomic():
        now = clock.now()
        for item in decision.action_items.all():
            ActionItemChange.objects.create(
                action_item=item,
                actor=actor,
                at=now,
                changes={"decision": [decision.number, None]},
            )
        record(
            actor=actor,
            action="meeting_decision.delete",
            obj=decision,
            changes={"number": [decision.number, None], "text_es": [decision.text_es, None]},
        )
        decision.delete()
