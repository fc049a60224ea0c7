"""Saved searches: a user's query and filters, run again for him (through his own access)
by a task that tells him of new matches with a link only, never content."""

from typing import TYPE_CHECKING, Self

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:
    from nonprolif.core.models import User


class SavedSearchQuerySet(models.QuerySet["SavedSearch"]):
    def visible_to(self, user: "User") -> Self:
        """A user sees only his own saved searches."""
        if not getattr(user, "is_authenticated", False) or not user.is_active:
            return self.none()
        return self.filter(owner=user)


class SavedSearch(models.Model):
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="intel_searches"
    )
    name = models.CharField(_("name"), max_length=200)
    query = models.CharField(_("words"), max_length=300, blank=True)
    filters = models.JSONField(_("filters"), default=dict, blank=True)
    notify = models.BooleanField(_("tell me of new matches"), default=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    #: The newest report id already told of: a new match is a visible match above it.
    last_seen_report = models.PositiveBigIntegerField(default=0, editable=False)
    last_notified_at = models.DateTimeField(null=True, blank=True, editable=False)

    objects = SavedSearchQuerySet.as_manager()

    class Meta:
        ordering = ["owner", "name"]
        indexes = [models.Index(fields=["owner", "name"], name="intel_saved_search_owner")]
        verbose_name = _("saved search")
        verbose_name_plural = _("saved searches")

    def __str__(self) -> str:
        return self.name
