"""Subscribable feeds of a conference's published agenda (iCalendar, frab XML, JSON) behind
a secret URL, for calendar and conference apps that cannot sign in."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from nonprolif.core.models.feed import SecretFeed, SecretFeedQuerySet

from .conference import Conference


class ConferenceFeedQuerySet(SecretFeedQuerySet["ConferenceFeed"]):
    pass


class ConferenceFeed(SecretFeed):
    """The published agenda of a conference behind a secret token (one URL per format).

    Only the SHA-256 hash of the token is kept; the raw token (the URL) is shown once. The
    feed shows, each time it is read, the latest release, while its creator may still see
    the conference, in his language.
    """

    conference = models.ForeignKey(
        Conference, verbose_name=_("conference"), on_delete=models.CASCADE, related_name="+"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        on_delete=models.CASCADE,
        related_name="conference_feeds",
    )

    objects = ConferenceFeedQuerySet.as_manager()

    class Meta(SecretFeed.Meta):
        verbose_name = _("agenda feed")
        verbose_name_plural = _("agenda feeds")
        indexes = [models.Index(fields=["created_by", "conference", "-created_at"])]

    def __str__(self) -> str:
        return f"{self.conference.acronym} ({self.hint}…)"
