"""``manage.py createuser USERNAME --role ROLE [--agency CODE]``: create a login with a role."""

import getpass
import sys
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from nonprolif.core.domain.accounts import create_user
from nonprolif.core.management.commands.seed import validation_message
from nonprolif.core.roles import Role


class Command(BaseCommand):
    stealth_options = ("stdin",)  # tests pass a stream instead of sys.stdin
    help = (
        "Create a login with one role (coordinator, liaison, partner, auditor, administrator). "
        "Liaisons need a national agency and partners a partner agency (--agency CODE). The "
        "password is asked for when run in a terminal, read from standard input with "
        "--password-stdin, or left unusable with --no-password."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username", help="the login name")
        parser.add_argument(
            "--role",
            required=True,
            metavar="ROLE",
            help="one of: " + ", ".join(role.value for role in Role),
        )
        parser.add_argument("--agency", metavar="CODE", help="the agency code (e.g. SEDENA)")
        parser.add_argument("--email", default="", help="e-mail address")
        parser.add_argument("--first-name", default="", help="given names")
        parser.add_argument("--last-name", default="", help="family names")
        parser.add_argument(
            "--language",
            default="es-mx",
            choices=["es-mx", "en"],
            help="preferred language (default es-mx)",
        )
        password = parser.add_mutually_exclusive_group()
        password.add_argument(
            "--password-stdin",
            action="store_true",
            help="read the password from the first line of standard input",
        )
        password.add_argument(
            "--no-password",
            action="store_true",
            help="create the login without a usable password (set one later)",
        )

    def read_password(self, options) -> str | None:
        if options["no_password"]:
            return None
        stdin = options.get("stdin") or sys.stdin
        if options["password_stdin"]:
            password = stdin.readline().rstrip("\r\n")
            if not password:
                raise CommandError("password: standard input held no password.")
            return password
        if not stdin.isatty():
            raise CommandError(
                "password: not running in a terminal; use --password-stdin or --no-password."
            )
        password = getpass.getpass("Password: ")
        if password != getpass.getpass("Password (again): "):
            raise CommandError("password: the two passwords differ.")
        return password

    def handle(self, *args: Any, **options: Any) -> None:
        password = self.read_password(options)
        try:
            user = create_user(
                username=options["username"],
                role=options["role"],
                agency=options["agency"],
                password=password,
                email=options["email"],
                first_name=options["first_name"],
                last_name=options["last_name"],
                language=options["language"],
            )
        except ValidationError as error:
            raise CommandError(validation_message(error)) from error
        agency = f" ({user.agency.code})" if user.agency else ""
        self.stdout.write(f"Created {user.username}: {options['role'].strip().lower()}{agency}.")
