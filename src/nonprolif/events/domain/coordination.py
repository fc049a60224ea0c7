"""Writes of meeting decisions and action items, and the reminders of overdue items."""

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage
from django.db import transaction
from django.db.models import Max, Q
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from nonprolif.core.domain.audit import diff, record
from nonprolif.core.domain.permissions import require_perm
from nonprolif.core.models import User
from nonprolif.core.roles import Role
from nonprolif.events.models import ActionItem, ActionItemChange, ActionStatus, MeetingDecision
from nonprolif.events.models.coordination import CLOSED_STATUSES, program_today

DECISION_FIELDS = {"number", "text_es", "text_en"}
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
# Days between two reminders of the same overdue item (settings may override).
DEFAULT_REMINDER_INTERVAL_DAYS = 7


def _unexpected(fields: dict, allowed: set[str]) -> None:
    if set(fields) - allowed:
        raise TypeError(f"unexpected fields: {sorted(set(fields) - allowed)}")


# Decisions ------------------------------------------------------------------------------------


def _clean_decision(decision: MeetingDecision) -> None:
    errors: dict = {}
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
    *, actor, meeting, text_es: str, text_en: str, number: int | None = None
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


def update_decision(*, actor, decision: MeetingDecision, **fields) -> MeetingDecision:
    """Change a decision's number or texts (only the fields given).

    Side effects: the row is updated and one audit entry ("meeting_decision.update") holds
    the changes. PermissionDenied / ValidationError as for ``create_decision``; nothing is
    written then.
    """
    _unexpected(fields, DECISION_FIELDS)
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


def delete_decision(*, actor, decision: MeetingDecision) -> None:
    """Remove a decision. Its action items stay, no longer linked to a decision (the change
    is added to each item's history).

    Side effects: the row is deleted; one ActionItemChange per linked item; one audit entry
    ("meeting_decision.delete"). PermissionDenied unless the actor may delete it.
    """
    require_perm(actor, "events.delete_meetingdecision", decision)
    with transaction.atomic():
        now = timezone.now()
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


# Action items ---------------------------------------------------------------------------------


def _item_values(item: ActionItem) -> dict:
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
        "decision": item.decision.number if item.decision_id else None,
    }


def _validate_item(item: ActionItem) -> None:
    errors: dict = {}
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
    if (
        item.owner_official_id
        and item.owner_agency_id
        and "owner_official" not in errors
        and item.owner_official.agency_id != item.owner_agency_id
    ):
        errors.setdefault("owner_official", []).append(
            _("%(name)s does not belong to the owner agency %(agency)s.")
            % {"name": item.owner_official.full_name, "agency": item.owner_agency.code}
        )
    if item.decision_id and item.decision.meeting_id != item.meeting_id:
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
    actor,
    meeting,
    title_es: str,
    title_en: str,
    owner_agency,
    due_date,
    owner_official=None,
    decision=None,
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
    now = timezone.now()
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


def _save_changes(*, actor, item: ActionItem, before: dict, note: str, action: str) -> ActionItem:
    _validate_item(item)
    changes = diff(before, _item_values(item))
    if not changes and not note:
        return item
    with transaction.atomic():
        item.save()
        ActionItemChange.objects.create(
            action_item=item, actor=actor, at=timezone.now(), changes=changes, note=note
        )
        record(actor=actor, action=action, obj=item, changes=changes)
    return item


def update_action_item(*, actor, item: ActionItem, note: str = "", **fields) -> ActionItem:
    """Change any field of an action item (only the fields given; coordinators).

    Side effects: the row is updated, one history row holds the changes (and ``note``), one
    audit entry ("action_item.update"). Closing it (done, cancelled) sets ``closed_at``,
    reopening it clears it. Nothing is written when nothing changes. PermissionDenied /
    ValidationError naming the field on bad input; nothing is written then.
    """
    _unexpected(fields, ITEM_FIELDS)
    require_perm(actor, "events.change_actionitem", item)
    before = _item_values(item)
    status = fields.pop("status", None)
    for name, value in fields.items():
        setattr(item, name, value)
    if status is not None:
        _apply_status(item, status, timezone.now())
    try:
        return _save_changes(
            actor=actor, item=item, before=before, note=note, action="action_item.update"
        )
    except ValidationError:
        item.refresh_from_db()
        raise


def change_action_item_status(
    *, actor, item: ActionItem, status: str, note: str = ""
) -> ActionItem:
    """Move an action item to ``status`` (open, in progress, done, cancelled), with an
    optional note: the coordinator, or a liaison (or partner user) of the owner agency.

    Side effects as ``update_action_item`` ("action_item.status" in the audit trail).
    """
    require_perm(actor, "events.update_actionitem_status", item)
    before = _item_values(item)
    _apply_status(item, status, timezone.now())
    try:
        return _save_changes(
            actor=actor, item=item, before=before, note=note, action="action_item.status"
        )
    except ValidationError:
        item.refresh_from_db()
        raise


# Reminders ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Reminder:
    """One reminder sent: the item, the address and the language of the message."""

    action_item_id: int
    email: str
    language: str


def reminder_interval_days() -> int:
    return int(
        getattr(settings, "ACTION_ITEM_REMINDER_DAYS", DEFAULT_REMINDER_INTERVAL_DAYS)
        or DEFAULT_REMINDER_INTERVAL_DAYS
    )


def _recipients(item: ActionItem) -> list[tuple[str, str]]:
    """(email, language) of whom to remind: the owner official when he has an address,
    otherwise the active liaisons of the owner agency that have one."""
    official = item.owner_official
    if official is not None and official.email:
        return [(official.email, official.language)]
    liaisons = (
        User.objects.filter(
            agency_id=item.owner_agency_id, is_active=True, groups__name=Role.LIAISON
        )
        .exclude(email="")
        .order_by("username")
        .distinct()
    )
    return [(user.email, user.language) for user in liaisons]


def _message(item: ActionItem, language: str, email: str, today: datetime.date) -> EmailMessage:
    with translation.override(language):
        context = {
            "item": item,
            "meeting": item.meeting,
            "program": item.meeting.program,
            "days_overdue": (today - item.due_date).days,
            "site_url": getattr(settings, "SITE_URL", "").rstrip("/"),
        }
        subject = _("Overdue action item: %(title)s") % {"title": item.title}
        body = render_to_string("events/coordination/email/overdue_reminder.txt", context)
    return EmailMessage(subject=subject, body=body, to=[email])


def remind_overdue_action_items(
    *, now: datetime.datetime | None = None, interval_days: int | None = None
) -> list[Reminder]:
    """Email the owners of the overdue action items, each item at most once every
    ``interval_days`` (default: settings.ACTION_ITEM_REMINDER_DAYS, else 7 days).

    The owner official is reminded when he has an email address; otherwise every active
    liaison of the owner agency with one. Each message is in its recipient's language.
    An item with nobody to remind is left for the next run.

    Side effects: the emails; ``last_reminded_at`` set on each item reminded; one audit
    entry ("action_item.remind", no actor) per item reminded. Returns the reminders sent.
    """
    now = now or timezone.now()
    interval = datetime.timedelta(days=interval_days or reminder_interval_days())
    due = (
        ActionItem.objects.overdue(now)
        .filter(Q(last_reminded_at__isnull=True) | Q(last_reminded_at__lte=now - interval))
        .select_related("meeting__program", "owner_agency", "owner_official")
        .order_by("due_date", "pk")
    )
    sent: list[Reminder] = []
    for item in due:
        recipients = _recipients(item)
        if not recipients:
            continue
        today = program_today(item.meeting.program.time_zone, now)
        messages = [_message(item, language, email, today) for email, language in recipients]
        with transaction.atomic():
            for message in messages:
                message.send()
            ActionItem.objects.filter(pk=item.pk).update(last_reminded_at=now)
            record(
                actor=None,
                action="action_item.remind",
                obj=item,
                changes={"to": [None, [email for email, _language in recipients]]},
            )
        sent.extend(
            Reminder(action_item_id=item.pk, email=email, language=language)
            for email, language in recipients
        )
    return sent
