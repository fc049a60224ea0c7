"""``manage.py seed [--demo]``: load the built-in program (and the demo data)."""

from typing import Any

from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.migrations.executor import MigrationExecutor

from nonprolif.core.domain.groups import ensure_role_groups
from nonprolif.seed.demo import BUILTIN_DEMO, demo_logins, demo_second_factor, load_demo_document
from nonprolif.seed.loader import (
    BUILTIN_PROGRAM,
    builtin_document,
    load_program_document,
    read_document,
)


def needs_migration(database: str = DEFAULT_DB_ALIAS) -> bool:
    """True when some migration is not applied to ``database``."""
    executor = MigrationExecutor(connections[database])
    return bool(executor.migration_plan(executor.loader.graph.leaf_nodes()))


def validation_message(error: ValidationError) -> str:
    """``field: message`` lines of a ValidationError."""
    if hasattr(error, "error_dict"):
        return "\n".join(
            f"{name}: {message}"
            for name, messages in error.message_dict.items()
            for message in messages
        )
    return "\n".join(error.messages)


class Command(BaseCommand):
    help = (
        "Load the built-in 2009 program (agencies, program, the partner's proposal and its "
        "items, meetings), applying the migrations first if needed. Running it again changes "
        "nothing. With --demo, also load fictional officials and one demo login per role."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--demo",
            action="store_true",
            help="also load the demonstration data: fictional officials and demo logins",
        )
        parser.add_argument(
            "--document",
            metavar="PATH",
            help=f"load this program document (JSON) instead of the built-in {BUILTIN_PROGRAM}",
        )
        parser.add_argument(
            "--demo-document",
            metavar="PATH",
            help=f"with --demo: this demo document (JSON) instead of the built-in {BUILTIN_DEMO}",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if needs_migration():
            self.stdout.write("Applying migrations…")
            call_command("migrate", interactive=False, verbosity=0)
        try:
            program_doc = (
                read_document(options["document"])
                if options["document"]
                else builtin_document(BUILTIN_PROGRAM)
            )
            demo_doc = None
            if options["demo"]:
                demo_doc = (
                    read_document(options["demo_document"])
                    if options["demo_document"]
                    else builtin_document(BUILTIN_DEMO)
                )
        except (OSError, ValueError) as error:
            raise CommandError(f"document: {error}") from error

        try:
            ensure_role_groups()
            result = load_program_document(program_doc)
            self.stdout.write(f"Program {program_doc['program']['code']}: {result.summary()}")
            if demo_doc is not None:
                result = load_demo_document(demo_doc)
                self.stdout.write(f"Demo data: {result.summary()}")
        except ValidationError as error:
            raise CommandError(validation_message(error)) from error

        if demo_doc is not None and options["verbosity"] >= 1:
            self.stdout.write(f"Demo logins (password for all: {demo_doc['password']}):")
            self.stdout.write(
                "  (a second factor: add the secret or the otpauth:// address to an "
                "authenticator app, or run `oathtool --totp -b SECRET` for the current code)"
            )
            for login in demo_logins(demo_doc):
                agency = f" ({login.agency})" if login.agency else ""
                clearance = f", clearance {login.clearance}" if login.clearance else ""
                self.stdout.write(f"  {login.username:<16} {login.role}{agency}{clearance}")
                second = demo_second_factor(login.username, login.role, login.clearance)
                if second is not None:
                    self.stdout.write(
                        f"  {'':<16} second factor: authenticator secret {second.secret}\n"
                        f"  {'':<16}   {second.otpauth_uri}\n"
                        f"  {'':<16}   or a recovery code: {second.recovery_codes[0]} "
                        f"(each works once; seed --demo restores them)"
                    )
