"""Remind speakers who have not answered their invitation.

nonprolif manage send_reminders           send the reminders due now, here
nonprolif manage send_reminders --start   start the periodic task (worked by nonprolif worker)
"""

from django.core.management.base import BaseCommand

from nonprolif.events.speakers.domain.reminders import send_due_reminders
from nonprolif.events.speakers.tasks import start_reminder_cycle


class Command(BaseCommand):
    help = (
        "Email a reminder to the speakers whose invitations are unanswered (every "
        "SPEAKER_REMINDER_DAYS days, never after the link expires). With --start, enqueue the "
        "periodic task instead; `nonprolif worker` runs it."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--start",
            action="store_true",
            help="enqueue the periodic reminder task (once; a waiting run is not duplicated)",
        )

    def handle(self, *args, start=False, **options):
        if start:
            result = start_reminder_cycle()
            if result is None:
                self.stdout.write("A reminder run is already waiting; nothing enqueued.")
            else:
                self.stdout.write(f"Reminder task enqueued ({result.id}).")
            return
        sent = send_due_reminders()
        self.stdout.write(f"{sent} reminder(s) sent.")
