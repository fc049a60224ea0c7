"""``manage.py unlock (USERNAME | --address IP) --as ADMIN``: lift a sign-in lockout."""

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import translation
from django.utils.translation import gettext as _

from nonprolif.core.domain.lockouts import unlock
from nonprolif.core.management.commands.seed import validation_message
from nonprolif.core.models import User


class Command(BaseCommand):
    help = (
        "Lift the sign-in lockout of a username, or of a client address, before its cool-off "
        "ends. The unlock is done, and audited, as the administrator given with --as."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username", nargs="?", default="", help="the locked-out username")
        parser.add_argument("--address", default="", metavar="IP", help="a client address")
        parser.add_argument(
            "--as", required=True, dest="actor", metavar="ADMIN", help="the administrator"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        actor = User.objects.filter(username=options["actor"], is_active=True).first()
        if actor is None:
            raise CommandError(f"as: there is no active user {options['actor']!r}.")
        with translation.override(actor.language or None):
            try:
                done = unlock(actor=actor, username=options["username"], address=options["address"])
            except ValidationError as error:
                raise CommandError(validation_message(error)) from error
            except PermissionDenied as error:
                raise CommandError(
                    _("as: %(user)s is not allowed to lift lockouts.") % {"user": actor.username}
                ) from error
            self.stdout.write(
                _("“%(value)s” can sign in again (%(count)s failed attempts cleared).")
                % {"value": done.username or done.address, "count": done.attempts}
            )
