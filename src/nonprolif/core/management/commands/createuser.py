"""``manage.py createuser USERNAME --role ROLE [--agency CODE] [--as ADMIN]``: create a login
with a role, through the account service.

With ``--as ADMIN`` the login is created by that administrator, under the same rules as in
the admin and the API (a coordinator or auditor role waits for another administrator's
approval). Without ``--as`` the operator at the shell creates it directly: that is how a
fresh install gets its first logins, and it is allowed only while no active administrator
exists (create the first coordinator before the first administrators)."""

import getpass
import sys
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from nonprolif.core.domain.accounts import create_user
from nonprolif.core.management.commands.account import acting_user
from nonprolif.core.management.commands.seed import validation_message
from nonprolif.core.models import User
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
        parser.add_argument(
            "--as",
            dest="acting",
            metavar="ADMIN",
            help="the administrator who creates the login (required once one exists)",
        )
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

    def actor(self, options) -> User | None:
        if options.get("acting"):
            return acting_user(options["acting"])
        if User.objects.filter(is_active=True, groups__name=Role.ADMINISTRATOR.value).exists():
            raise CommandError(
                "as: an administrator exists: name the acting administrator with --as ADMIN "
                "(logins are created without --as only on a fresh install)."
            )
        return None

    def handle(self, *args: Any, **options: Any) -> None:
        actor = self.actor(options)
        password = self.read_password(options)
        try:
            user = create_user(
                actor=actor,
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
        except PermissionDenied as error:
            raise CommandError(f"as: {error}") from error
        agency = f" ({user.agency.code})" if user.agency else ""
        role = options["role"].strip().lower()
        grant = user.role_grants.pending().first()
        if grant is not None:
            self.stdout.write(
                f"Created {user.username}{agency}; the {role} role awaits the approval of "
                f"another administrator (grant {grant.pk}: nonprolif account approve "
                f"{grant.pk} --as ADMIN)."
            )
        else:
            self.stdout.write(f"Created {user.username}: {role}{agency}.")
