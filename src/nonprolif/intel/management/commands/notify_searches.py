"""``manage.py notify_searches [--enqueue]``: e-mail the owners of saved searches that have new
matches a link to them (never their content)."""

from django.core.management.base import BaseCommand

from nonprolif.intel.search.domain import notify_new_matches
from nonprolif.intel.search.tasks import notify_saved_searches


class Command(BaseCommand):
    help = (
        "E-mail the owner of each saved search with new matches that he may read a link to "
        "it, and nothing else (no title, no reference, no count)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--enqueue",
            action="store_true",
            help="queue the work for the task worker instead of doing it now",
        )

    def handle(self, *args, enqueue=False, **options):
        if enqueue:
            result = notify_saved_searches.enqueue()
            self.stdout.write(f"Queued: {result.id}")
            return
        told = notify_new_matches()
        self.stdout.write(f"{len(told)} saved search(es) told of new matches.")
