"""Reminders of overdue action items: each item's owner is emailed at most once per interval."""

import datetime
from dataclasses import dataclass

from django.apps import apps
from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.db.models import Exists, OuterRef, Q, Subquery
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _

from nonprolif.core import clock
from nonprolif.core.domain.audit import record
from nonprolif.core.models import ClassificationLevel, User
from nonprolif.core.roles import Role
from nonprolif.core.site import site_base
from nonprolif.events.models import ActionItem
from nonprolif.events.models.coordination import program_today

# Days between two reminders of the same overdue item (settings may override).
DEFAULT_REMINDER_INTERVAL_DAYS = 7


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


def _classified_source() -> Exists:
    """Whether an action item's meeting is the after-action meeting of an exercise above the
    lowest classification level: e-mail is not cleared for its text."""
    exercise = apps.get_model("preparedness", "Exercise")
    lowest = ClassificationLevel.objects.order_by("rank").values("rank")[:1]
    return Exists(
        exercise.objects.filter(
            after_action_meeting_id=OuterRef("meeting_id"),
            classification__rank__gt=Subquery(lowest),
        )
    )


def _message(
    item: ActionItem, language: str, email: str, today: datetime.date, base_url: str | None
) -> EmailMessage:
    """The reminder; for an item of a classified exercise (``item.withheld``) only its due
    date and its link: no title, description, meeting or owner."""
    withheld = bool(getattr(item, "withheld", False))
    with translation.override(language):
        context = {
            "item": item,
            "meeting": item.meeting,
            "program": item.meeting.program,
            "days_overdue": (today - item.due_date).days,
            "site_url": site_base(base_url),
            "withheld": withheld,
        }
        if withheld:
            subject = _("Overdue action item of a classified exercise")
        else:
            subject = _("Overdue action item: %(title)s") % {"title": item.title}
        body = render_to_string("events/coordination/email/overdue_reminder.txt", context)
    return EmailMessage(subject=subject, body=body, to=[email])


def remind_overdue_action_items(
    *,
    now: datetime.datetime | None = None,
    interval_days: int | None = None,
    base_url: str | None = None,
) -> list[Reminder]:
    """Email the owners of the overdue action items, each item at most once every
    ``interval_days`` (default: settings.ACTION_ITEM_REMINDER_DAYS, else 7 days).

    The owner official is reminded when he has an email address; otherwise every active
    liaison of the owner agency with one. Each message is in its recipient's language; an
    item of an exercise above the lowest classification level is named only by its link
    and due date (e-mail is not cleared for its text).
    An item with nobody to remind is left for the next run. Links start with ``base_url``
    (a request's address) when given, else SITE_URL (the task and the command have no request).

    Side effects: the emails; ``last_reminded_at`` set on each item reminded; one audit
    entry ("action_item.remind", no actor) per item reminded. Returns the reminders sent.
    """
    now = now or clock.now()
    interval = datetime.timedelta(days=interval_days or reminder_interval_days())
    due = (
        ActionItem.objects.overdue(now)
        .filter(Q(last_reminded_at__isnull=True) | Q(last_reminded_at__lte=now - interval))
        .select_related("meeting__program", "owner_agency", "owner_official")
        .annotate(withheld=_classified_source())
        .order_by("due_date", "pk")
    )
    sent: list[Reminder] = []
    for item in due:
        recipients = _recipients(item)
        if not recipients:
            continue
        today = program_today(item.meeting.program.time_zone, now)
        messages = [
            _message(item, language, email, today, base_url) for email, language in recipients
        ]
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
