"""Seats, nominations and the assignment of nominees to sessions.

A nomination is per accepted training item (``item_key``), not per session: its cohort
preferences name cohort numbers, so nominations survive the regeneration of the sessions.
"""

import datetime
from typing import Self, TypeVar

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from nonprolif.core import clock
from nonprolif.core.models import User
from nonprolif.core.roles import Role
from nonprolif.core.scoping import (
    is_signed_in,
    own_official_id,
    program_member_q,
    sees_everything,
)


class SeatRule(models.TextChoices):
    MANUAL = "manual", _("Set by the coordinator")
    EVEN = "even", _("Even split")
    PROPORTIONAL = "proportional", _("Proportional to weights")


class NominationStatus(models.TextChoices):
    SUBMITTED = "submitted", _("Submitted (awaiting approval)")
    APPROVED = "approved", pgettext_lazy("nomination status", "Approved")
    DECLINED = "declined", pgettext_lazy("nomination status", "Declined")
    WITHDRAWN = "withdrawn", pgettext_lazy("nomination status", "Withdrawn")
    SUBSTITUTED = "substituted", _("Replaced by a substitute")


# A nomination in one of these states holds the official's place for the item.
ACTIVE_STATUSES = (NominationStatus.SUBMITTED, NominationStatus.APPROVED)


_Scoped = TypeVar("_Scoped", bound=models.Model)


class ProgramScopedQuerySet(models.QuerySet[_Scoped]):
    def visible_to(self, user: User) -> Self:
        """Program-level settings: visible to whoever sees the program."""
        if not is_signed_in(user):
            return self.none()
        if sees_everything(user):
            return self.all()
        if not user.agency_id:
            return self.none()
        return self.filter(program_member_q(user.agency_id, "program__"))


class ItemSettings(models.Model):
    """The nomination and assignment settings of one accepted training item."""

    program = models.ForeignKey(
        "program.Program",
        verbose_name=_("program"),
        on_delete=models.CASCADE,
        related_name="item_settings",
    )
    item_key = models.UUIDField(_("item key"))
    nomination_opens = models.DateTimeField(
        _("nominations open"), null=True, blank=True, help_text=_("Empty: open now.")
    )
    nomination_closes = models.DateTimeField(
        _("nominations close"), null=True, blank=True, help_text=_("Empty: no deadline.")
    )
    seat_rule = models.CharField(
        _("seat rule"), max_length=16, choices=SeatRule.choices, default=SeatRule.MANUAL
    )
    weights = models.JSONField(
        _("weights"),
        default=dict,
        blank=True,
        help_text=_("Agency code → weight, for the proportional split."),
    )
    max_agency_share = models.PositiveIntegerField(
        _("maximum share of one agency (%)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(100)],
        help_text=_("At most this percentage of a session from one agency. Empty: no limit."),
    )
    sequential = models.BooleanField(
        _("sequential cohorts"),
        default=False,
        help_text=_("Cohort k+1 requires cohort k completed."),
    )
    completion_percent = models.PositiveIntegerField(
        _("attendance needed for completion (%)"),
        default=80,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("updated by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    updated_at = models.DateTimeField(_("updated"), default=timezone.now)

    objects = ProgramScopedQuerySet.as_manager()

    class Meta:
        ordering = ["program", "item_key"]
        verbose_name = _("item settings")
        verbose_name_plural = _("item settings")
        constraints = [
            models.UniqueConstraint(fields=["program", "item_key"], name="item_settings_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.program.code} · {self.item_key}"

    def clean(self):
        if (
            self.nomination_opens
            and self.nomination_closes
            and self.nomination_closes <= self.nomination_opens
        ):
            raise ValidationError({"nomination_closes": _("The window must close after it opens.")})

    def window_state(self, now: datetime.datetime | None = None) -> str:
        """``open``, ``not_open_yet`` or ``closed`` at ``now``."""
        now = now or clock.now()
        if self.nomination_opens and now < self.nomination_opens:
            return "not_open_yet"
        if self.nomination_closes and now >= self.nomination_closes:
            return "closed"
        return "open"


class AgencySeatsQuerySet(models.QuerySet["AgencySeats"]):
    def visible_to(self, user: User) -> Self:
        """Coordinators and auditors see every quota; liaisons and partners the quotas of
        their own agency in the programs their agency takes part in."""
        if not is_signed_in(user):
            return self.none()
        if sees_everything(user):
            return self.all()
        if not user.agency_id:
            return self.none()
        return self.filter(program_member_q(user.agency_id, "program__"), agency_id=user.agency_id)


class AgencySeats(models.Model):
    """The quota: at most ``seats`` officials of ``agency`` are placed in the item."""

    program = models.ForeignKey(
        "program.Program",
        verbose_name=_("program"),
        on_delete=models.CASCADE,
        related_name="agency_seats",
    )
    item_key = models.UUIDField(_("item key"), db_index=True)
    agency = models.ForeignKey(
        "core.Agency", verbose_name=_("agency"), on_delete=models.PROTECT, related_name="+"
    )
    seats = models.PositiveIntegerField(_("seats"))
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("updated by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    updated_at = models.DateTimeField(_("updated"), default=timezone.now)

    objects = AgencySeatsQuerySet.as_manager()

    class Meta:
        ordering = ["program", "item_key", "agency__code"]
        verbose_name = _("agency seats")
        verbose_name_plural = _("agency seats")
        constraints = [
            models.UniqueConstraint(
                fields=["program", "item_key", "agency"], name="agency_seats_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.agency.code}: {self.seats}"


class NominationQuerySet(models.QuerySet["Nomination"]):
    def visible_to(self, user: User) -> Self:
        """The single access rule for nominations (it follows the rule for officials).

        Coordinators and auditors see every nomination; liaisons and partners the nominations
        of their own agency's officials; any signed-in user also sees his own nominations
        (an official's own login).
        """
        if not is_signed_in(user):
            return self.none()
        if sees_everything(user):
            return self.all()
        condition = models.Q(official_id=own_official_id(user))
        if user.agency_id and (user.has_role(Role.LIAISON) or user.has_role(Role.PARTNER)):
            condition |= models.Q(agency_id=user.agency_id)
        return self.filter(condition)

    def active(self) -> Self:
        return self.filter(status__in=ACTIVE_STATUSES)


class Nomination(models.Model):
    """One official nominated by his agency for one accepted training item.

    ``order_at`` is the waitlist order key (earliest first): the time of the nomination, or,
    for a substitute, the key of the nominee he replaces. ``outcome_code`` and
    ``outcome_details`` hold the last applied assignment's reason for leaving the nominee out
    (empty when placed or not yet planned) and ``waitlist_rank`` his place in the waitlist.
    """

    program = models.ForeignKey(
        "program.Program",
        verbose_name=_("program"),
        on_delete=models.CASCADE,
        related_name="nominations",
    )
    item_key = models.UUIDField(_("item key"), db_index=True)
    official = models.ForeignKey(
        "core.Official",
        verbose_name=_("official"),
        on_delete=models.PROTECT,
        related_name="nominations",
    )
    agency = models.ForeignKey(
        "core.Agency", verbose_name=_("agency"), on_delete=models.PROTECT, related_name="+"
    )
    status = models.CharField(
        _("status"),
        max_length=16,
        choices=NominationStatus.choices,
        default=NominationStatus.SUBMITTED,
    )
    language = models.CharField(
        _("language"),
        max_length=8,
        choices=[("es-mx", "Español (México)"), ("en", "English")],
        default="es-mx",
    )
    unavailable = models.JSONField(
        _("unavailable dates"),
        default=list,
        blank=True,
        help_text=_("Date ranges [start, end] (ISO dates, inclusive)."),
    )
    preferences = models.JSONField(
        _("cohort preferences"),
        default=list,
        blank=True,
        help_text=_("Cohort numbers, best first."),
    )
    order_at = models.DateTimeField(_("waitlist order"), default=timezone.now, db_index=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("submitted by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    submitted_at = models.DateTimeField(_("submitted"), default=timezone.now)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    decision_reason = models.TextField(_("reason for the decision"), blank=True)
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("withdrawn or replaced by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    withdrawn_at = models.DateTimeField(_("withdrawn or replaced"), null=True, blank=True)
    withdrawal_reason = models.TextField(_("reason for the withdrawal"), blank=True)
    substitute_for = models.ForeignKey(
        "self",
        verbose_name=_("substitute for"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="substitutes",
    )
    session = models.ForeignKey(
        "training.Session",
        verbose_name=_("placed in"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="nominations",
        help_text=_("The session the last applied assignment placed the nominee in."),
    )
    outcome_code = models.CharField(_("left out because"), max_length=40, blank=True)
    outcome_details = models.JSONField(_("details"), default=dict, blank=True)
    waitlist_rank = models.PositiveIntegerField(_("waitlist position"), null=True, blank=True)

    objects = NominationQuerySet.as_manager()

    class Meta:
        ordering = ["program", "item_key", "order_at", "pk"]
        verbose_name = _("nomination")
        verbose_name_plural = _("nominations")
        constraints = [
            models.UniqueConstraint(
                fields=["program", "item_key", "official"],
                condition=models.Q(status__in=["submitted", "approved"]),
                name="nomination_one_active",
            ),
        ]
        indexes = [
            models.Index(fields=["program", "item_key", "status"]),
            # the waitlist order, of a program and of one agency in it (a liaison's list)
            models.Index(
                fields=["program", "item_key", "order_at", "id"], name="nomination_waitlist"
            ),
            models.Index(
                fields=["agency", "program", "item_key", "order_at"],
                name="nomination_agency_waitlist",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.official} · {self.item_key}"

    @property
    def is_active(self) -> bool:
        return self.status in ACTIVE_STATUSES

    @property
    def unavailable_ranges(self) -> list[tuple[datetime.date, datetime.date]]:
        return [
            (datetime.date.fromisoformat(a), datetime.date.fromisoformat(b))
            for a, b in self.unavailable
        ]


class AssignmentRun(models.Model):
    """One applied run of the assignment solver over a program (or a re-plan after a
    withdrawal): its objective terms, for the record and the assignment page."""

    class Trigger(models.TextChoices):
        RUN = "run", _("Run by the coordinator")
        WITHDRAWAL = "withdrawal", _("Re-plan after a withdrawal")

    program = models.ForeignKey(
        "program.Program",
        verbose_name=_("program"),
        on_delete=models.CASCADE,
        related_name="assignment_runs",
    )
    trigger = models.CharField(_("trigger"), max_length=16, choices=Trigger.choices)
    run_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("run by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    run_at = models.DateTimeField(_("run"), default=timezone.now)
    method = models.CharField(_("method"), max_length=16)
    optimal = models.BooleanField(_("optimal"))
    objective = models.JSONField(_("objective terms"), default=dict)

    objects = ProgramScopedQuerySet.as_manager()

    class Meta:
        ordering = ["-run_at", "-pk"]
        get_latest_by = "run_at"
        indexes = [models.Index(fields=["program", "run_at"], name="assignment_run_by_date")]
        verbose_name = _("assignment run")
        verbose_name_plural = _("assignment runs")

    def __str__(self) -> str:
        return f"{self.program.code} · {self.run_at:%Y-%m-%d %H:%M}"
