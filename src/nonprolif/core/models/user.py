from django.contrib.auth.models import AbstractUser
from django.db import models
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
    language = models.CharField(
        _("preferred language"),
        max_length=8,
        choices=[("es-mx", "Español (México)"), ("en", "English")],
        default="es-mx",
    )

    @cached_property
    def role_names(self) -> frozenset[str]:
        if not self.is_authenticated or not self.is_active:
            return frozenset()
        return frozenset(self.groups.values_list("name", flat=True))

    def has_role(self, role: Role | str) -> bool:
        return str(role) in self.role_names
