"""What meetings decide and who must do what by when: decisions, action items and the
history of every change made to an action item."""

import datetime
import zoneinfo
from typing import TYPE_CHECKING, Self

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from nonprolif.core import clock
from nonprolif.core.i18n import localized_property
from nonprolif.core.scoping import scoped
from nonprolif.core.validators import validate_name

if TYPE_CHECKING:
    from nonprolif.core.models import User


class ActionStatus(models.TextChoices):
    OPEN = "open", pgettext_lazy("action item status", "Open")
    IN_PROGRESS = "in_progress", pgettext_lazy("action item status", "In progress")
    DONE = "done", pgettext_lazy("action item status", "Done")
    CANCELLED = "cancelled", pgettext_lazy("action item status", "Cancelled")


# An item in one of these statuses is finished: it is never overdue and never reminded.
CLOSED_STATUSES = (ActionStatus.DONE, ActionStatus.CANCELLED)


def program_today(time_zone: str, now: datetime.datetime | None = None) -> datetime.date:
    """Today's date in a program's time zone."""
    return timezone.localtime(now or clock.now(), zoneinfo.ZoneInfo(time_zone)).date()


class MeetingDecisionQuerySet(models.QuerySet["MeetingDecision"]):
    def visible_to(self, user: "User") -> Self:
        """The decisions of the meetings ``user`` can see (one access rule: the meetings')."""
        from .meeting import meeting_scope

        return scoped(self, meeting_scope(user, "meeting__"))


class MeetingDecision(models.Model):
    """A decision taken at a meeting, numbered within it."""

    meeting = models.ForeignKey(
        "events.Meeting",
        verbose_name=_("meeting"),
        on_delete=models.CASCADE,
        related_name="decisions",
    )
    number = models.PositiveIntegerField(_("number"))
    text_es = models.TextField(_("decision (Spanish)"))
    text_en = models.TextField(_("decision (English)"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("recorded"), default=timezone.now)

    objects = MeetingDecisionQuerySet.as_manager()

    class Meta:
        ordering = ["meeting", "number"]
        verbose_name = _("meeting decision")
        verbose_name_plural = _("meeting decisions")
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "number"], name="meeting_decision_number_unique"
            ),
            models.CheckConstraint(
                condition=models.Q(number__gte=1), name="meeting_decision_number_positive"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.number}. {self.text[:80]}"

    text = localized_property("text")


class ActionItemQuerySet(models.QuerySet["ActionItem"]):
    def visible_to(self, user: "User") -> Self:
        """The action items of the meetings ``user`` can see (one access rule: the
        meetings'). Owners always took part in the meeting, so an agency sees its own."""
        from .meeting import meeting_scope

        return scoped(self, meeting_scope(user, "meeting__"))

    def open(self) -> Self:
        """Items not done nor cancelled."""
        return self.exclude(status__in=CLOSED_STATUSES)

    def overdue(self, now: datetime.datetime | None = None) -> Self:
        """Open items whose due date is before today in their program's time zone."""
        now = now or clock.now()
        zones = (
            self.model.objects.order_by()
            .values_list("meeting__program__time_zone", flat=True)
            .distinct()
        )
        condition = models.Q(pk__in=[])
        for zone in zones:
            condition |= models.Q(
                meeting__program__time_zone=zone, due_date__lt=program_today(zone, now)
            )
        return self.open().filter(condition)


class ActionItem(models.Model):
    """Something a meeting asked an agency (and optionally one of its officials) to do by a
    date. ``last_reminded_at`` is when the owner was last reminded of it while overdue."""

    meeting = models.ForeignKey(
        "events.Meeting",
        verbose_name=_("meeting"),
        on_delete=models.CASCADE,
        related_name="action_items",
    )
    decision = models.ForeignKey(
        MeetingDecision,
        verbose_name=_("decision"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="action_items",
    )
    title_es = models.CharField(_("title (Spanish)"), max_length=200, validators=[validate_name])
    title_en = models.CharField(_("title (English)"), max_length=200, validators=[validate_name])
    description_es = models.TextField(_("description (Spanish)"), blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)
    owner_agency = models.ForeignKey(
        "core.Agency",
        verbose_name=_("owner agency"),
        on_delete=models.PROTECT,
        related_name="action_items",
    )
    owner_official = models.ForeignKey(
        "core.Official",
        verbose_name=_("owner official"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="action_items",
    )
    due_date = models.DateField(_("due date"))
    status = models.CharField(
        _("status"), max_length=16, choices=ActionStatus.choices, default=ActionStatus.OPEN
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)
    last_reminded_at = models.DateTimeField(_("last reminded"), null=True, blank=True)

    objects = ActionItemQuerySet.as_manager()

    # Not stored: set on the items the coordination selectors return (open and due before
    # today in the program's time zone, and by how many days).
    overdue: bool
    days_overdue: int

    class Meta:
        ordering = ["due_date", "pk"]
        verbose_name = _("action item")
        verbose_name_plural = _("action items")
        indexes = [
            models.Index(fields=["status", "due_date"]),
            models.Index(fields=["due_date", "id"], name="action_item_by_due_date"),
        ]

    def __str__(self) -> str:
        return self.title

    title = localized_property("title")

    description = localized_property("description")

    @property
    def is_closed(self) -> bool:
        return self.status in CLOSED_STATUSES

    def is_overdue_on(self, today: datetime.date) -> bool:
        return not self.is_closed and self.due_date < today

    @property
    def is_overdue(self) -> bool:
        """Open and due before today in the program's time zone (reads meeting.program)."""
        return self.is_overdue_on(program_today(self.meeting.program.time_zone))


class ActionItemChange(models.Model):
    """One change of an action item: who, when, and ``changes`` as {field: [old, new]}
    (creation records every field with old None)."""

    action_item = models.ForeignKey(
        ActionItem,
        verbose_name=_("action item"),
        on_delete=models.CASCADE,
        related_name="changes",
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("who"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    at = models.DateTimeField(_("when"), default=timezone.now, db_index=True)
    changes = models.JSONField(_("changes"), default=dict)
    note = models.TextField(_("note"), blank=True)

    class Meta:
        ordering = ["-at", "-pk"]
        indexes = [models.Index(fields=["action_item", "at"], name="action_item_change_by_at")]
        verbose_name = _("action item change")
        verbose_name_plural = _("action item changes")

    def __str__(self) -> str:
        return f"{self.action_item} · {self.at:%Y-%m-%d %H:%M}"
