from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from nonprolif.core.models.feed import SecretFeed, SecretFeedQuerySet


class FeedScope(models.TextChoices):
    PROGRAM = "program", _("The whole program")
    AGENCY = "agency", _("One agency")
    OFFICIAL = "official", _("One official")


class CalendarFeedQuerySet(SecretFeedQuerySet["CalendarFeed"]):
    pass


class CalendarFeed(SecretFeed):
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
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        on_delete=models.CASCADE,
        related_name="calendar_feeds",
    )

    objects = CalendarFeedQuerySet.as_manager()

    class Meta(SecretFeed.Meta):
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

    def clean(self):
        if self.scope == FeedScope.AGENCY and not self.agency_id:
            raise ValidationError({"agency": _("Choose the agency of the feed.")})
        if self.scope == FeedScope.OFFICIAL and not self.official_id:
            raise ValidationError({"official": _("Choose the official of the feed.")})
