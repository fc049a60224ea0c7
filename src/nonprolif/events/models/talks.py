"""Talks, panels, keynotes and breaks of a conference, with their place in the draft
timetable.

The draft timetable lives on the talks themselves (``room``, ``starts_at``, ``ends_at``): a
talk is placed when all three are set. Publishing freezes the draft into a
:class:`~nonprolif.events.models.releases.ScheduleRelease`; attendees read the latest release,
never the draft.
"""

import uuid
from typing import TYPE_CHECKING, Self

from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from nonprolif.core.i18n import localized_property
from nonprolif.core.scoping import is_signed_in, sees_everything
from nonprolif.core.validators import validate_name

from .conference import Conference
from .rooms import Room
from .speakers import Speaker

if TYPE_CHECKING:
    from nonprolif.core.models import User


class TalkKind(models.TextChoices):
    TALK = "talk", _("Talk")
    PANEL = "panel", _("Panel")
    KEYNOTE = "keynote", _("Keynote")
    BREAK = "break", _("Break")


class TalkLanguage(models.TextChoices):
    SPANISH = "es", _("Spanish")
    ENGLISH = "en", _("English")


class TalkQuerySet(models.QuerySet["Talk"]):
    def visible_to(self, user: "User") -> Self:
        """The draft programme, for the organisers: coordinators and auditors see every
        talk. Everyone else reads the published agenda (a schedule release), not the
        draft."""
        if not is_signed_in(user) or not sees_everything(user):
            return self.none()
        return self.all()

    def placed(self) -> Self:
        return self.filter(room__isnull=False, starts_at__isnull=False, ends_at__isnull=False)


class Talk(models.Model):
    """A talk, panel, keynote or break, and its place in the draft timetable (room and
    slot; all empty while unplaced)."""

    conference = models.ForeignKey(
        Conference, verbose_name=_("conference"), on_delete=models.CASCADE, related_name="talks"
    )
    uid = models.UUIDField(
        _("stable identifier"),
        default=uuid.uuid4,
        unique=True,
        editable=False,
        help_text=_("Kept across schedule releases and used in calendar and frab exports."),
    )
    title_es = models.CharField(_("title (Spanish)"), max_length=200, validators=[validate_name])
    title_en = models.CharField(_("title (English)"), max_length=200, validators=[validate_name])
    abstract_es = models.TextField(_("abstract (Spanish)"), blank=True)
    abstract_en = models.TextField(_("abstract (English)"), blank=True)
    speakers = models.ManyToManyField(
        Speaker, verbose_name=_("speakers"), related_name="talks", blank=True
    )
    language = models.CharField(
        _("language"), max_length=8, choices=TalkLanguage.choices, default=TalkLanguage.SPANISH
    )
    expected_attendance = models.PositiveIntegerField(
        _("expected attendance"), null=True, blank=True
    )
    duration_minutes = models.PositiveIntegerField(
        _("duration (minutes)"), validators=[MinValueValidator(5)]
    )
    kind = models.CharField(
        _("kind"), max_length=16, choices=TalkKind.choices, default=TalkKind.TALK
    )
    room = models.ForeignKey(
        Room,
        verbose_name=_("room"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="talks",
    )
    starts_at = models.DateTimeField(_("starts at"), null=True, blank=True)
    ends_at = models.DateTimeField(_("ends at"), null=True, blank=True)

    objects = TalkQuerySet.as_manager()

    class Meta:
        ordering = ["conference", "starts_at", "room__name", "pk"]
        indexes = [models.Index(fields=["conference", "starts_at"], name="talk_by_start")]
        verbose_name = _("talk")
        verbose_name_plural = _("talks")
        constraints = [
            models.CheckConstraint(
                condition=Q(room__isnull=True, starts_at__isnull=True, ends_at__isnull=True)
                | Q(room__isnull=False, starts_at__isnull=False, ends_at__isnull=False),
                name="talk_placement_complete",
                violation_error_message=_(
                    "A placed talk needs a room, a start and an end; an unplaced one none."
                ),
            ),
            models.CheckConstraint(
                condition=Q(starts_at__isnull=True) | Q(ends_at__gt=models.F("starts_at")),
                name="talk_ends_after_start",
                violation_error_message=_("The slot must end after it starts."),
            ),
        ]

    def __str__(self) -> str:
        return self.title

    title = localized_property("title")

    abstract = localized_property("abstract")

    @property
    def is_placed(self) -> bool:
        return self.room_id is not None and self.starts_at is not None
