"""What every subscribable feed behind a secret URL shares (the training calendar's feeds,
the conference's agenda feeds): the token's hash and first characters, the language the
feed is written in, its creator's time stamps and its revocation. Abstract: each feature's
table keeps its own columns, its creator (with its own related name) and what it shows."""

from typing import TYPE_CHECKING, Self, TypeVar

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:
    from .user import User

FeedT = TypeVar("FeedT", bound="SecretFeed")


class SecretFeedQuerySet(models.QuerySet[FeedT]):
    def visible_to(self, user: "User") -> Self:
        """A user sees only the feeds he created."""
        if not getattr(user, "is_authenticated", False) or not user.is_active:
            return self.none()
        return self.filter(created_by=user)

    def active(self) -> Self:
        return self.filter(revoked_at__isnull=True)


class SecretFeed(models.Model):
    """A feed behind a secret token. Only the SHA-256 hash of the token is kept; the raw
    token (the URL) is shown once. A concrete feed adds ``created_by`` (a ForeignKey to the
    user) and what it shows."""

    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    hint = models.CharField(_("first characters"), max_length=12, editable=False)
    language = models.CharField(
        _("language"),
        max_length=8,
        choices=[("es-mx", "Español (México)"), ("en", "English")],
        default="es-mx",
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)

    class Meta:
        abstract = True
        ordering = ["-created_at", "-pk"]

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None
