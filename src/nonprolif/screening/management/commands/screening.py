"""``manage.py screening ACTION``: the screening tools from the shell.

- ``import-list --source un|csl|ofac|eu|uk|csv FILE``, ``lists``, ``load-controls FILE``
  (``screening/lists/cli.py``);
- ``screen FILE --output results.csv [--threshold T]``, ``goods FILE``
  (``screening/batches/cli.py``).

Each feature's ``cli.py`` registers its actions (``register(actions)``), each with a
``handler(options, stdout, stderr)``; bad input is a ``CommandError`` naming the row or field.
"""

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from nonprolif.core.management.commands.seed import validation_message
from nonprolif.screening.batches import cli as batches_cli
from nonprolif.screening.lists import cli as lists_cli


class Command(BaseCommand):
    help = (
        "Screening: import a sanctions list (a versioned snapshot with its delta), list the "
        "lists, load control lists, screen a file of declarations against the lists, match "
        "goods lines against the control lists."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        actions = parser.add_subparsers(dest="action", required=True, metavar="ACTION")
        lists_cli.register(actions)
        batches_cli.register(actions)

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            code = options["handler"](options, self.stdout, self.stderr)
        except ValidationError as error:
            raise CommandError(validation_message(error)) from error
        except PermissionDenied as error:
            raise CommandError(f"as: {error}") from error
        if code:
            raise CommandError(f"{options['action']}: failed", returncode=code)
