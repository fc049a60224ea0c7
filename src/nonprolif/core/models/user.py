from collections.abc import Iterable
from typing import TypeAlias

# Django's private helpers behind PermissionsMixin; the stubs leave them out.
from django.contrib.auth.models import (  # type: ignore[attr-defined]
    AbstractUser,
    AnonymousUser,
    _user_has_module_perms,
    _user_has_perm,
)
from django.db import models
from django.utils.crypto import salted_hmac
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from nonprolif.core.roles import Role


class User(AbstractUser):
    """A login. Its roles are its groups; liaisons and partners act for one agency."""

    agency = models.ForeignKey(
        "core.Agency",
        verbose_name=_("agency"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="users",
    )
    # The highest classification the user may read (intelligence reports); none: he reads no
    # report. Changed only through the account service (audited; nobody changes his own).
    clearance = models.ForeignKey(
        "core.ClassificationLevel",
        verbose_name=_("clearance"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="cleared_users",
    )
    language = models.CharField(
        _("preferred language"),
        max_length=8,
        choices=[("es-mx", "Español (México)"), ("en", "English")],
        default="es-mx",
    )
    # Part of the session hash (below): the account service bumps it when the user's roles,
    # agency, activation or password change, and every session signed in before ends at its
    # next request (Django compares the hash on each request).
    session_stamp = models.PositiveIntegerField(default=0, editable=False)

    def _get_session_auth_hash(self, secret: str | None = None) -> str:
        # Django's hash covers the password only; this one covers the session stamp too.
        key_salt = "nonprolif.core.models.User.get_session_auth_hash"
        return salted_hmac(
            key_salt,
            f"{self.password}:{self.session_stamp}",
            secret=secret,
            algorithm="sha256",
        ).hexdigest()

    @cached_property
    def role_names(self) -> frozenset[str]:
        if not self.is_authenticated or not self.is_active:
            return frozenset()
        return frozenset(self.groups.values_list("name", flat=True))

    def has_role(self, role: Role | str) -> bool:
        return str(role) in self.role_names

    # Django's PermissionsMixin answers True to every question for an active superuser. Here a
    # superuser has exactly the permissions of his roles: ask the backends without the shortcut.
    def has_perm(self, perm: str, obj: models.Model | None = None) -> bool:
        return self.is_active and bool(_user_has_perm(self, perm, obj))

    def has_perms(self, perm_list: Iterable[str], obj: models.Model | None = None) -> bool:
        return all(self.has_perm(perm, obj) for perm in perm_list)

    def has_module_perms(self, app_label: str) -> bool:
        return self.is_active and bool(_user_has_module_perms(self, app_label))


#: Whom a read or a write is for: a signed-in user, the anonymous user of a request, or nobody
#: (a script, the seed). Every ``visible_to`` and every service takes one.
Actor: TypeAlias = User | AnonymousUser | None
