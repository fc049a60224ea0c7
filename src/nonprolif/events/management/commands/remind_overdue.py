"""``manage.py remind_overdue [--interval DAYS] [--enqueue]``: email the owners of overdue
action items, each item at most once per interval."""

from django.core.management.base import BaseCommand, CommandError

from nonprolif.events.coordination.domain.reminders import remind_overdue_action_items
from nonprolif.events.coordination.tasks import remind_overdue


class Command(BaseCommand):
    help = (
        "Email the owner official of each overdue action item (or, when he has no address, "
        "the liaisons of the owner agency), in the recipient's language; an item is reminded "
        "at most once per interval (default: settings.ACTION_ITEM_REMINDER_DAYS, else 7)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--interval", type=int, metavar="DAYS", help="days between reminders")
        parser.add_argument(
            "--enqueue",
            action="store_true",
            help="queue the work for the task worker instead of doing it now",
        )

    def handle(self, *args, interval=None, enqueue=False, **options):
        if interval is not None and interval < 1:
            raise CommandError("interval: give a number of days of at least 1.")
        if enqueue:
            result = remind_overdue.enqueue(interval_days=interval)
            self.stdout.write(f"Queued: {result.id}")
            return
        sent = remind_overdue_action_items(interval_days=interval)
        items = len({reminder.action_item_id for reminder in sent})
        self.stdout.write(f"{len(sent)} reminders sent for {items} overdue action items.")
