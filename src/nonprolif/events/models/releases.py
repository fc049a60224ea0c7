"""The published versions of a conference's timetable (schedule releases).

Publishing freezes the draft into a :class:`ScheduleRelease`: a JSON snapshot plus the change
list against the previous release.
"""

from typing import TYPE_CHECKING, Self

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from nonprolif.core.scoping import scoped

from .conference import Conference, conference_scope

if TYPE_CHECKING:
    from nonprolif.core.models import User


class ScheduleReleaseQuerySet(models.QuerySet["ScheduleRelease"]):
    def visible_to(self, user: "User") -> Self:
        """The releases of the conferences ``user`` can see: the published agenda is for
        everyone who can see the conference."""
        return scoped(self, conference_scope(user, "conference__"))


class ScheduleRelease(models.Model):
    """A published version of the timetable: the whole agenda frozen as JSON and the list of
    changes against the previous release."""

    conference = models.ForeignKey(
        Conference,
        verbose_name=_("conference"),
        on_delete=models.CASCADE,
        related_name="releases",
    )
    version = models.PositiveIntegerField(_("version"), validators=[MinValueValidator(1)])
    published_at = models.DateTimeField(_("published at"), default=timezone.now)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("published by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    note = models.TextField(_("release note"), blank=True)
    snapshot = models.JSONField(_("agenda snapshot"))
    changes = models.JSONField(_("changes since the previous release"), default=list)

    objects = ScheduleReleaseQuerySet.as_manager()

    class Meta:
        ordering = ["conference", "-version"]
        verbose_name = _("schedule release")
        verbose_name_plural = _("schedule releases")
        get_latest_by = "version"
        constraints = [
            models.UniqueConstraint(
                fields=["conference", "version"], name="schedule_release_version_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"v{self.version}"
