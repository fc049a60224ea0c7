"""``manage.py matrix export --program CODE --format xlsx|pdf [--output FILE] [--lang es|en]
[--as USERNAME]``: a program's UNSCR 1540 matrix in the committee's layout
(``preparedness/matrix/cli.py``)."""

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from nonprolif.core.management.commands.seed import validation_message
from nonprolif.preparedness.matrix import cli


class Command(BaseCommand):
    help = (
        "The UNSCR 1540 implementation matrix: export a program's matrix as XLSX (one sheet "
        "per operative paragraph) or PDF, in Spanish or English, as a user reads it."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        actions = parser.add_subparsers(dest="action", required=True, metavar="ACTION")
        cli.register(actions)

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            code = options["handler"](options, self.stdout, self.stderr)
        except ValidationError as error:
            raise CommandError(validation_message(error)) from error
        except PermissionDenied as error:
            raise CommandError(f"as: {error}") from error
        if code:
            raise CommandError(f"{options['action']}: failed", returncode=code)
