"""Attendance: one mark per participant and session day."""

from typing import TYPE_CHECKING, Self

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from nonprolif.core.models import Official, User
from nonprolif.core.roles import Role
from nonprolif.core.scoping import is_signed_in, sees_everything

if TYPE_CHECKING:
    from .session import SessionParticipant


def roster_visible_to(user: User) -> "models.QuerySet[SessionParticipant]":
    """The session participants whose attendance ``user`` may see (the rule for rosters).

    Coordinators and auditors see every participant. Otherwise a participant is visible when
    his session is visible to the user and either his official is visible to him (a liaison:
    his agency's officials), or the user belongs to a partner agency of the session's program
    (the partner trains the session and keeps its attendance: he sees the names and
    agencies of its participants), or the participant is the user himself (an official's
    own login).
    """
    from nonprolif.training.models import Session, SessionParticipant

    participants = SessionParticipant.objects.all()
    if not is_signed_in(user):
        return participants.none()
    if sees_everything(user):
        return participants
    condition = models.Q(official__user=user) | models.Q(
        official__in=Official.objects.visible_to(user).values("pk")
    )
    if user.agency_id and user.has_role(Role.PARTNER):
        condition |= models.Q(session__program__partner_agencies=user.agency_id)
    sessions = Session.objects.visible_to(user).values("pk")
    return participants.filter(
        pk__in=SessionParticipant.objects.filter(condition, session__in=sessions).values("pk")
    )


class AttendanceQuerySet(models.QuerySet["Attendance"]):
    def visible_to(self, user: User) -> Self:
        """The marks of the participants in :func:`roster_visible_to`."""
        if not is_signed_in(user):
            return self.none()
        if sees_everything(user):
            return self.all()
        return self.filter(participant__in=roster_visible_to(user).values("pk"))


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
