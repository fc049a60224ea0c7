"""Attendance: one mark per participant and session day."""

from typing import TYPE_CHECKING, Self

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from nonprolif.core.models import User
from nonprolif.core.roles import Role
from nonprolif.core.scoping import (
    EVERYTHING,
    NOTHING,
    is_signed_in,
    own_official_id,
    partner_program_q,
    scoped,
    sees_everything,
)

if TYPE_CHECKING:
    from .session import SessionParticipant


def roster_scope(user: User, prefix: str = "") -> models.Q | None:
    """The rule for rosters as a condition on the session participants reached through
    ``prefix`` (``EVERYTHING``, ``NOTHING`` or a Q; see ``core.scoping``).

    Coordinators and auditors see every participant. Otherwise a participant is visible when
    his session is visible to the user and either his official is visible to him (a liaison:
    his agency's officials), or the user belongs to a partner agency of the session's program
    (the partner trains the session and keeps its attendance: he sees the names and
    agencies of its participants), or the participant is the user himself (an official's
    own login).
    """
    from nonprolif.training.models.session import session_scope

    if not is_signed_in(user):
        return NOTHING
    if sees_everything(user):
        return EVERYTHING
    condition = models.Q(**{f"{prefix}official_id": own_official_id(user)})
    if user.agency_id and (user.has_role(Role.LIAISON) or user.has_role(Role.PARTNER)):
        condition |= models.Q(**{f"{prefix}official__agency_id": user.agency_id})
    if user.agency_id and user.has_role(Role.PARTNER):
        condition |= partner_program_q(user.agency_id, f"{prefix}session__program__")
    sessions = session_scope(user, f"{prefix}session__")
    assert sessions is not None  # a signed-in user who does not see everything
    return condition & sessions


def roster_visible_to(user: User) -> "models.QuerySet[SessionParticipant]":
    """The session participants whose attendance ``user`` may see (:func:`roster_scope`)."""
    from nonprolif.training.models import SessionParticipant

    return scoped(SessionParticipant.objects.all(), roster_scope(user))


class AttendanceQuerySet(models.QuerySet["Attendance"]):
    def visible_to(self, user: User) -> Self:
        """The marks of the participants in :func:`roster_visible_to`."""
        return scoped(self, roster_scope(user, "participant__"))


class Attendance(models.Model):
    """Whether one participant was present on one day of his session.

    ``day`` is one of the session's days (``Session.days``); a day without a row is not
    recorded yet (neither present nor absent).
    """

    participant = models.ForeignKey(
        "training.SessionParticipant",
        verbose_name=_("participant"),
        on_delete=models.CASCADE,
        related_name="attendance",
    )
    day = models.DateField(_("day"))
    present = models.BooleanField(_("present"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    recorded_at = models.DateTimeField(_("recorded"), default=timezone.now)

    objects = AttendanceQuerySet.as_manager()

    class Meta:
        ordering = ["participant", "day"]
        verbose_name = _("attendance")
        verbose_name_plural = _("attendance")
        constraints = [
            models.UniqueConstraint(fields=["participant", "day"], name="attendance_unique_day"),
        ]

    def __str__(self) -> str:
        mark = _("present") if self.present else _("absent")
        return f"{self.participant} · {self.day.isoformat()} · {mark}"
