"""``manage.py otp_reset USERNAME --as ADMIN``: remove a user's second-factor devices."""

from typing import Any

from django.core.exceptions import PermissionDenied
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import translation
from django.utils.translation import gettext as _

from nonprolif.core.domain.twofactor import reset_second_factor
from nonprolif.core.models import User


class Command(BaseCommand):
    help = (
        "Remove a user's authenticator and recovery codes (he lost both): he sets up two-factor "
        "sign-in again at his next sign-in. Done, and audited, as the administrator given with "
        "--as."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username", help="the user whose second factor is reset")
        parser.add_argument(
            "--as", required=True, dest="actor", metavar="ADMIN", help="the administrator"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        actor = User.objects.filter(username=options["actor"], is_active=True).first()
        if actor is None:
            raise CommandError(f"as: there is no active user {options['actor']!r}.")
        user = User.objects.filter(username=options["username"]).first()
        if user is None:
            raise CommandError(f"username: there is no user {options['username']!r}.")
        with translation.override(actor.language or None):
            try:
                count = reset_second_factor(actor=actor, user=user)
            except PermissionDenied as error:
                raise CommandError(
                    _("as: %(user)s is not allowed to reset two-factor sign-in.")
                    % {"user": actor.username}
                ) from error
            self.stdout.write(
                _("%(user)s: %(count)s second-factor devices removed.")
                % {"user": user.username, "count": count}
            )
