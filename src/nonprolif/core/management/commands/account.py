"""``manage.py account ACTION ... --as ADMIN``: manage logins from the shell, through the same
account service and rules as the admin and the API (nobody changes his own roles, agency,
clearance or active flag; a role that reads the whole office waits for a second administrator).

Actions: ``grant USER ROLE``, ``revoke-role USER ROLE``, ``set-agency USER CODE`` (``-`` for
none), ``clearance USER LEVEL`` (a classification level's code, ``none`` for none),
``deactivate USER``, ``activate USER``, ``set-password USER`` (``--password-stdin`` or
``--no-password``), ``grants`` (the pending grants; ``--all`` for every one), ``approve
GRANT_ID``, ``reject GRANT_ID``."""

import sys
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.http import Http404
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from nonprolif.core import queries
from nonprolif.core.domain import accounts, grants
from nonprolif.core.management.commands.seed import validation_message
from nonprolif.core.models import GrantState, RoleGrant, User
from nonprolif.core.roles import Role
from nonprolif.core.rules import has_perm

ROLES = ", ".join(role.value for role in Role)


def acting_user(username: str) -> User:
    """The active user named by ``--as``; CommandError naming ``as`` otherwise."""
    user = User.objects.filter(username=username, is_active=True).first()
    if user is None:
        raise CommandError(f"as: there is no active user {username!r}.")
    return user


class Command(BaseCommand):
    stealth_options = ("stdin",)  # tests pass a stream instead of sys.stdin
    help = (
        "Manage logins as the administrator named with --as: give or take roles (a "
        "coordinator or auditor role waits for another administrator's approval), set the "
        "agency or the clearance, deactivate or activate, set a password, list, approve and "
        "reject role grants. Nobody changes his own roles, agency, clearance or active flag; "
        "every change and every "
        "refused attempt goes into the audit trail."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        actions = parser.add_subparsers(dest="action", required=True, metavar="ACTION")

        def action(name: str, summary: str) -> CommandParser:
            sub = actions.add_parser(name, help=summary, description=summary)
            sub.add_argument(
                "--as",
                required=True,
                dest="acting",
                metavar="ADMIN",
                help="the acting administrator",
            )
            return sub

        for name, summary in (
            ("grant", "give USER the role ROLE (pending approval for coordinator, auditor)"),
            ("revoke-role", "take the role ROLE from USER"),
        ):
            sub = action(name, summary)
            sub.add_argument("user", metavar="USER")
            sub.add_argument("role", metavar="ROLE", help=f"one of: {ROLES}")
        sub = action("set-agency", "set USER's agency (CODE, or - for none)")
        sub.add_argument("user", metavar="USER")
        sub.add_argument("agency", metavar="CODE")
        sub = action(
            "clearance",
            "set USER's clearance (a classification level's code, or none); his sessions end",
        )
        sub.add_argument("user", metavar="USER")
        sub.add_argument("level", metavar="LEVEL|none")
        for name, summary in (
            ("deactivate", "deactivate USER: his sessions end and his tokens are revoked"),
            ("activate", "activate USER again"),
        ):
            action(name, summary).add_argument("user", metavar="USER")
        sub = action("set-password", "set USER's password (his sessions end, tokens revoked)")
        sub.add_argument("user", metavar="USER")
        password = sub.add_mutually_exclusive_group(required=True)
        password.add_argument("--password-stdin", action="store_true")
        password.add_argument("--no-password", action="store_true")
        sub = action("grants", "list the role grants awaiting approval")
        sub.add_argument("--all", action="store_true", help="every grant, decided ones too")
        for name, summary in (
            ("approve", "approve a pending grant (another administrator than the requester)"),
            ("reject", "reject a pending grant"),
        ):
            action(name, summary).add_argument("grant", type=int, metavar="GRANT_ID")

    def handle(self, *args: Any, **options: Any) -> None:
        actor = acting_user(options["acting"])
        with translation.override(actor.language or None):
            try:
                getattr(self, "do_" + options["action"].replace("-", "_"))(actor, options)
            except ValidationError as error:
                raise CommandError(validation_message(error)) from error
            except PermissionDenied as error:
                raise CommandError(f"as: {error}") from error

    # Actions ----------------------------------------------------------------------------

    def user(self, actor: User, username: str) -> User:
        """The user to change (the service decides whether ``actor`` may)."""
        user = User.objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"user: there is no user {username!r}.")
        return user

    def report(self, result: accounts.AccountChange) -> None:
        user = result.user
        roles = ", ".join(sorted(accounts.roles_of(user))) or "-"
        agency = user.agency.code if user.agency else "-"
        clearance = user.clearance.code if user.clearance else "none"
        state = "active" if user.is_active else "inactive"
        self.stdout.write(
            f"{user.username}: roles {roles}; agency {agency}; clearance {clearance}; {state}."
        )
        for grant in result.grants:
            self.stdout.write(
                f"grant {grant.pk}: {grant.role} for {user.username} awaits the approval of "
                "another administrator."
            )
        if not result.actions:
            self.stdout.write("Nothing to change.")

    def do_grant(self, actor: User, options: dict[str, Any]) -> None:
        user = self.user(actor, options["user"])
        self.report(accounts.grant_role(actor=actor, user=user, role=options["role"]))

    def do_revoke_role(self, actor: User, options: dict[str, Any]) -> None:
        user = self.user(actor, options["user"])
        self.report(accounts.revoke_role(actor=actor, user=user, role=options["role"]))

    def do_set_agency(self, actor: User, options: dict[str, Any]) -> None:
        user = self.user(actor, options["user"])
        code = None if options["agency"] in {"-", ""} else options["agency"]
        self.report(accounts.update_account(actor=actor, user=user, agency=code))

    def do_clearance(self, actor: User, options: dict[str, Any]) -> None:
        user = self.user(actor, options["user"])
        level = options["level"].strip()
        code = None if level.lower() in {"none", "-", ""} else level
        self.report(accounts.update_account(actor=actor, user=user, clearance=code))

    def do_deactivate(self, actor: User, options: dict[str, Any]) -> None:
        user = self.user(actor, options["user"])
        self.report(accounts.update_account(actor=actor, user=user, is_active=False))

    def do_activate(self, actor: User, options: dict[str, Any]) -> None:
        user = self.user(actor, options["user"])
        self.report(accounts.update_account(actor=actor, user=user, is_active=True))

    def do_set_password(self, actor: User, options: dict[str, Any]) -> None:
        user = self.user(actor, options["user"])
        password = None
        if options["password_stdin"]:
            stdin = options.get("stdin") or sys.stdin
            password = stdin.readline().rstrip("\r\n")
            if not password:
                raise CommandError("password: standard input held no password.")
        accounts.set_password(actor=actor, user=user, password=password)
        self.stdout.write(
            f"{user.username}: password {'set' if password else 'disabled'}; his sessions "
            "ended and his API tokens were revoked."
        )

    def do_grants(self, actor: User, options: dict[str, Any]) -> None:
        self.check_administrator(actor)
        listed = queries.grants_for(actor, state="" if options["all"] else GrantState.PENDING)
        for grant in listed:
            self.stdout.write(self.grant_line(grant))
        if not listed:
            self.stdout.write("No grant awaits approval." if not options["all"] else "No grant.")

    def check_administrator(self, actor: User) -> None:
        if not has_perm("core.manage_accounts", actor):
            raise PermissionDenied(_("Only administrators manage accounts."))

    def grant_line(self, grant: RoleGrant) -> str:
        by = grant.requested_by.username if grant.requested_by else "-"
        line = (
            f"{grant.pk}\t{grant.user.username}\t{grant.role}\t{grant.state}\t"
            f"requested by {by} {timezone.localtime(grant.requested_at):%Y-%m-%d %H:%M}"
        )
        if grant.decided_by:
            line += f"\tdecided by {grant.decided_by.username}"
        return line

    def grant(self, actor: User, pk: int) -> RoleGrant:
        try:
            return queries.get_grant_for(actor, pk)
        except Http404:
            self.check_administrator(actor)
            raise CommandError(f"grant: there is no grant {pk}.") from None

    def do_approve(self, actor: User, options: dict[str, Any]) -> None:
        grant = grants.approve_grant(actor=actor, grant=self.grant(actor, options["grant"]))
        self.stdout.write(f"Approved: {grant.user.username} is now {grant.role}.")

    def do_reject(self, actor: User, options: dict[str, Any]) -> None:
        grant = grants.reject_grant(actor=actor, grant=self.grant(actor, options["grant"]))
        self.stdout.write(f"Rejected: {grant.user.username} does not get {grant.role}.")
