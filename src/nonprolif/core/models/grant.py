from typing import Self

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from nonprolif.core.roles import Role

from .user import Actor, User


class GrantState(models.TextChoices):
    PENDING = "pending", _("pending")
    APPROVED = "approved", _("approved")
    REJECTED = "rejected", _("rejected")


class RoleGrantQuerySet(models.QuerySet["RoleGrant"]):
    def visible_to(self, user: Actor) -> Self:
        """Administrators see every grant; the others none (their roles are on /me)."""
        if not isinstance(user, User) or not user.is_active:
            return self.none()
        if user.has_role(Role.ADMINISTRATOR):
            return self.all()
        return self.none()

    def pending(self) -> Self:
        return self.filter(state=GrantState.PENDING)


class RoleGrant(models.Model):
    """A request to give ``user`` a role that reads the whole office
    (``settings.ROLES_NEEDING_APPROVAL``): it takes effect only when an administrator other
    than the requester and the grantee approves it (core.domain.grants)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.PROTECT,
        related_name="role_grants",
    )
    role = models.CharField(_("role"), max_length=32, choices=Role.choices)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("requested by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    requested_at = models.DateTimeField(_("requested"), default=timezone.now)
    state = models.CharField(
        _("state"), max_length=16, choices=GrantState.choices, default=GrantState.PENDING
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)

    objects = RoleGrantQuerySet.as_manager()

    class Meta:
        ordering = ["-requested_at", "-pk"]
        verbose_name = _("role grant")
        verbose_name_plural = _("role grants")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "role"],
                condition=models.Q(state="pending"),
                name="one_pending_grant_per_user_and_role",
            )
        ]

    def __str__(self) -> str:
        return f"{self.role} → {self.user}"
