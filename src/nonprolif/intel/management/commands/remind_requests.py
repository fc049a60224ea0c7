"""``manage.py remind_requests [--lead DAYS] [--enqueue]``: remind the agencies asked that
have not answered the open requests for information due soon or overdue, each request at
most once a day."""

from django.core.management.base import BaseCommand, CommandError

from nonprolif.intel.requests.domain import remind_due_requests
from nonprolif.intel.requests.tasks import remind_requests


class Command(BaseCommand):
    help = (
        "E-mail the analysts (cleared for the request) of each agency asked that has not "
        "answered an open request for information due within the lead days or overdue; the "
        "message carries only a link. A request is reminded at most once a day (default lead: "
        "settings.INTEL_REQUEST_REMINDER_LEAD_DAYS, else 3)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--lead", type=int, metavar="DAYS", help="days before the due date")
        parser.add_argument(
            "--enqueue",
            action="store_true",
            help="queue the work for the task worker instead of doing it now",
        )

    def handle(self, *args, lead=None, enqueue=False, **options):
        if lead is not None and lead < 0:
            raise CommandError("lead: give a number of days of at least 0.")
        if enqueue:
            result = remind_requests.enqueue(lead_days=lead)
            self.stdout.write(f"Queued: {result.id}")
            return
        sent = remind_due_requests(lead_days=lead)
        requests = len({reminder.request_id for reminder in sent})
        self.stdout.write(f"{len(sent)} reminders sent for {requests} requests for information.")
