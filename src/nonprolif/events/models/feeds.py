"""Subscribable feeds of a conference's published agenda (iCalendar, frab XML, JSON) behind
a secret URL, for calendar and conference apps that cannot sign in."""

from typing import TYPE_CHECKING, Self

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .conference import Conference

if TYPE_CHECKING:
    from nonprolif.core.models import User


class ConferenceFeedQuerySet(models.QuerySet["ConferenceFeed"]):
    def visible_to(self, user: "User") -> Self:
        """A user sees only the feeds he created."""
        if not getattr(user, "is_authenticated", False) or not user.is_active:
            return self.none()
        return self.filter(created_by=user)

    def active(self) -> Self:
        return self.filter(revoked_at__isnull=True)


class ConferenceFeed(models.Model):
    """The published agenda of a conference behind a secret token (one URL per format).

    Only the SHA-256 hash of the token is kept; the raw token (the URL) is shown once. The
    feed shows, each time it is read, the latest release, while its creator may still see
    the conference, in his language.
    """

    conference = models.ForeignKey(
        Conference, verbose_name=_("conference"), on_delete=models.CASCADE, related_name="+"
    )
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    hint = models.CharField(_("first characters"), max_length=12, editable=False)
    language = models.CharField(
        _("language"),
        max_length=8,
        choices=[("es-mx", "Español (México)"), ("en", "English")],
        default="es-mx",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        on_delete=models.CASCADE,
        related_name="conference_feeds",
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)

    objects = ConferenceFeedQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("agenda feed")
        verbose_name_plural = _("agenda feeds")
        indexes = [models.Index(fields=["created_by", "conference", "-created_at"])]

    def __str__(self) -> str:
        return f"{self.conference.acronym} ({self.hint}…)"

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None
