from typing import Self

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from nonprolif.core.models import User


class FeedScope(models.TextChoices):
    PROGRAM = "program", _("The whole program")
    AGENCY = "agency", _("One agency")
    OFFICIAL = "official", _("One official")


class CalendarFeedQuerySet(models.QuerySet["CalendarFeed"]):
    def visible_to(self, user: User) -> Self:
        """A user sees only the feeds he created."""
        if not getattr(user, "is_authenticated", False) or not user.is_active:
            return self.none()
        return self.filter(created_by=user)

    def active(self) -> Self:
        return self.filter(revoked_at__isnull=True)


class CalendarFeed(models.Model):
    """A subscribable iCalendar feed behind a secret URL.

    Only the SHA-256 hash of the token is kept; the raw token (the URL) is shown once. The
    feed shows, each time it is read, what its creator may see then, in his language.
    """

    scope = models.CharField(_("scope"), max_length=16, choices=FeedScope.choices)
    program = models.ForeignKey(
        "program.Program", verbose_name=_("program"), on_delete=models.CASCADE, related_name="+"
    )
    agency = models.ForeignKey(
        "core.Agency",
        verbose_name=_("agency"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    official = models.ForeignKey(
        "core.Official",
        verbose_name=_("official"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
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
        related_name="calendar_feeds",
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)

    objects = CalendarFeedQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("calendar feed")
        verbose_name_plural = _("calendar feeds")
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(scope="program", agency__isnull=True, official__isnull=True)
                    | models.Q(scope="agency", agency__isnull=False, official__isnull=True)
                    | models.Q(scope="official", agency__isnull=True, official__isnull=False)
                ),
                name="feed_scope_consistent",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_scope_display()} · {self.subject} ({self.hint}…)"

    @property
    def subject(self) -> str:
        if self.scope == FeedScope.AGENCY:
            assert self.agency is not None  # an agency feed always has its agency
            return self.agency.acronym or self.agency.code
        if self.scope == FeedScope.OFFICIAL:
            assert self.official is not None  # an official feed always has its official
            return self.official.full_name
        return self.program.code

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None

    def clean(self):
        if self.scope == FeedScope.AGENCY and not self.agency_id:
            raise ValidationError({"agency": _("Choose the agency of the feed.")})
        if self.scope == FeedScope.OFFICIAL and not self.official_id:
            raise ValidationError({"official": _("Choose the official of the feed.")})
