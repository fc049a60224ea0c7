"""Reminders of unanswered speaker invitations, with the same personal link."""

import datetime
import logging

from django.conf import settings
from django.db import transaction
from django.db.models import QuerySet

from nonprolif.core import clock
from nonprolif.core.domain.audit import record
from nonprolif.events.models import SpeakerInvitation, SpeakerResponse, SpeakerStatus

from .links import REMINDER_SUBJECT, send_speaker_email

logger = logging.getLogger(__name__)


def pending_reminders(
    now: datetime.datetime | None = None, every_days: int | None = None
) -> QuerySet[SpeakerInvitation]:
    """The invitations due a reminder at ``now``: usable (not revoked, not expired), of an
    accepted speaker with an email address who has not answered, sent at least ``every_days``
    days ago (default SPEAKER_REMINDER_DAYS) and not reminded within that many days."""
    now = now or clock.now()
    every = datetime.timedelta(days=every_days or settings.SPEAKER_REMINDER_DAYS)
    return (
        SpeakerInvitation.objects.usable(now)
        .filter(
            speaker__status=SpeakerStatus.ACCEPTED,
            speaker__response=SpeakerResponse.PENDING,
            created_at__lte=now - every,
        )
        .exclude(speaker__email="")
        .exclude(last_reminded_at__gt=now - every)
        .select_related("speaker__conference__program")
    )


def send_due_reminders(
    *, now: datetime.datetime | None = None, every_days: int | None = None
) -> int:
    """Email a reminder (with the same personal link) to every speaker whose invitation is due
    one (see ``pending_reminders``). Returns how many were sent.

    Each invitation is handled in its own transaction, locked and checked again, so two
    workers never remind twice. Side effects per reminder: one email, the invitation's
    ``last_reminded_at`` and ``reminders_sent``, one audit entry ("speaker.remind", no
    actor). When an email fails, that invitation is left as it was (tried again next run)
    and the others go on.
    """
    now = now or clock.now()
    sent = 0
    for pk in list(pending_reminders(now, every_days).values_list("pk", flat=True)):
        try:
            with transaction.atomic():
                invitation = (
                    pending_reminders(now, every_days).select_for_update().filter(pk=pk).first()
                )
                if invitation is None:
                    continue
                send_speaker_email(
                    template="speaker_reminder",
                    subject=REMINDER_SUBJECT,
                    invitation=invitation,
                )
                invitation.last_reminded_at = now
                invitation.reminders_sent += 1
                invitation.save(update_fields=["last_reminded_at", "reminders_sent"])
                record(
                    actor=None,
                    action="speaker.remind",
                    obj=invitation.speaker,
                    changes={
                        "reminders_sent": [invitation.reminders_sent - 1, invitation.reminders_sent]
                    },
                )
        except OSError:
            logger.exception("Reminder email for invitation %s failed", pk)
            continue
        sent += 1
    return sent
