"""Writes of action items: what a meeting asked an agency to do by a date, and the changes of
their fields and status (each one kept in the item's history)."""

import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from nonprolif.core import clock
from nonprolif.core.domain.audit import diff, record
from nonprolif.core.domain.permissions import require_perm
from nonprolif.core.models import Agency, Official, User
from nonprolif.events.models import (
    ActionItem,
    ActionItemChange,
    ActionStatus,
    Meeting,
    MeetingDecision,
)
from nonprolif.events.models.coordination import CLOSED_STATUSES

from ._common import reject_unknown

ITEM_FIELDS = {
    "title_es",
    "title_en",
    "description_es",
    "description_en",
    "owner_agency",
    "owner_official",
    "due_date",
    "status",
    "decision",
}


def _item_values(item: ActionItem) -> dict[str, Any]:
    """The tracked values of an item, as its history stores them (agency code, official id,
    decision number, ISO date)."""
    return {
        "title_es": item.title_es,
        "title_en": item.title_en,
        "description_es": item.description_es,
        "description_en": item.description_en,
        "owner_agency": item.owner_agency.code if item.owner_agency_id else None,
        "owner_official": item.owner_official_id,
        "due_date": item.due_date.isoformat()
        if isinstance(item.due_date, datetime.date)
        else item.due_date,
        "status": item.status,
        "decision": item.decision.number if item.decision is not None else None,
    }


def _validate_item(item: ActionItem) -> None:
    errors: dict[str, list[str]] = {}
    try:
        item.full_clean(exclude=["meeting"])
    except ValidationError as error:
        errors.update(error.message_dict)
    if item.owner_agency_id and "owner_agency" not in errors:
        participants = set(item.meeting.agencies.values_list("pk", flat=True))
        if item.owner_agency_id not in participants:
            errors.setdefault("owner_agency", []).append(
                _("The owner agency must be one of the agencies that took part in the meeting.")
            )
    if item.owner_official_id and item.owner_agency_id and "owner_official" not in errors:
        official = item.owner_official
        if official is not None and official.agency_id != item.owner_agency_id:
            errors.setdefault("owner_official", []).append(
                _("%(name)s does not belong to the owner agency %(agency)s.")
                % {"name": official.full_name, "agency": item.owner_agency.code}
            )
    decision = item.decision if item.decision_id else None
    if decision is not None and decision.meeting_id != item.meeting_id:
        errors.setdefault("decision", []).append(_("The decision belongs to another meeting."))
    if errors:
        raise ValidationError(errors)


def _apply_status(item: ActionItem, status: str, now: datetime.datetime) -> None:
    """Set the status and keep ``closed_at`` in step: set when the item closes, cleared when
    it reopens."""
    was_closed = item.status in CLOSED_STATUSES
    item.status = status
    if status in CLOSED_STATUSES and not was_closed:
        item.closed_at = now
    elif status not in CLOSED_STATUSES:
        item.closed_at = None


def create_action_item(
    *,
    actor: User,
    meeting: Meeting,
    title_es: str,
    title_en: str,
    owner_agency: Agency,
    due_date: datetime.date,
    owner_official: Official | None = None,
    decision: MeetingDecision | None = None,
    description_es: str = "",
    description_en: str = "",
    status: str = ActionStatus.OPEN,
) -> ActionItem:
    """Give an agency (and optionally one of its officials) something to do by a date.

    The owner agency must have taken part in the meeting; the owner official must belong to
    the owner agency; the decision, when given, must be one of the meeting's.

    Side effects: one ActionItem row, its first history row (every field, old value None)
    and one audit entry ("action_item.create"). PermissionDenied unless the actor may add
    action items (coordinators); ValidationError naming the field on bad input. Nothing is
    written then.
    """
    require_perm(actor, "events.add_actionitem", meeting)
    now = clock.now()
    item = ActionItem(
        meeting=meeting,
        decision=decision,
        title_es=title_es,
        title_en=title_en,
        description_es=description_es,
        description_en=description_en,
        owner_agency=owner_agency,
        owner_official=owner_official,
        due_date=due_date,
        created_by=actor,
        created_at=now,
    )
    _apply_status(item, status, now)
    _validate_item(item)
    with transaction.atomic():
        item.save()
        changes = diff({}, _item_values(item))
        ActionItemChange.objects.create(action_item=item, actor=actor, at=now, changes=changes)
        record(actor=actor, action="action_item.create", obj=item, changes=changes)
    return item


def _save_changes(
    *, actor: User, item: ActionItem, before: dict[str, Any], note: str, action: str
) -> ActionItem:
    _validate_item(item)
    changes = diff(before, _item_values(item))
    if not changes and not note:
        return item
    with transaction.atomic():
        item.save()
        ActionItemChange.objects.create(
            action_item=item, actor=actor, at=clock.now(), changes=changes, note=note
        )
        record(actor=actor, action=action, obj=item, changes=changes)
    return item


def update_action_item(
    *, actor: User, item: ActionItem, note: str = "", **fields: Any
) -> ActionItem:
    """Change any field of an action item (only the fields given; coordinators).

    Side effects: the row is updated, one history row holds the changes (and ``note``), one
    audit entry ("action_item.update"). Closing it (done, cancelled) sets ``closed_at``,
    reopening it clears it. Nothing is written when nothing changes. PermissionDenied /
    ValidationError naming the field on bad input; nothing is written then.
    """
    reject_unknown(fields, ITEM_FIELDS)
    require_perm(actor, "events.change_actionitem", item)
    before = _item_values(item)
    status = fields.pop("status", None)
    for name, value in fields.items():
        setattr(item, name, value)
    if status is not None:
        _apply_status(item, status, clock.now())
    try:
        return _save_changes(
            actor=actor, item=item, before=before, note=note, action="action_item.update"
        )
    except ValidationError:
        item.refresh_from_db()
        raise


def change_action_item_status(
    *, actor: User, item: ActionItem, status: str, note: str = ""
) -> ActionItem:
    """Move an action item to ``status`` (open, in progress, done, cancelled), with an
    optional note: the coordinator, or a liaison (or partner user) of the owner agency.

    Side effects as ``update_action_item`` ("action_item.status" in the audit trail).
    """
    require_perm(actor, "events.update_actionitem_status", item)
    before = _item_values(item)
    _apply_status(item, status, clock.now())
    try:
        return _save_changes(
            actor=actor, item=item, before=before, note=note, action="action_item.status"
        )
    except ValidationError:
        item.refresh_from_db()
        raise
