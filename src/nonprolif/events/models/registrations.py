"""Conference registrations: seats per agency (quotas), officials registered by their liaison,
the coordinator's decision, and check-in at the door."""

from typing import TYPE_CHECKING, Self

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from nonprolif.core.roles import Role
from nonprolif.core.scoping import is_signed_in, scoped, sees_everything

if TYPE_CHECKING:
    from nonprolif.core.models import User


def _liaison_agency(user: "User") -> int | None:
    """The agency a liaison acts for, or None."""
    if user.agency_id and user.has_role(Role.LIAISON):
        return user.agency_id
    return None


class RegistrationQuotaQuerySet(models.QuerySet["RegistrationQuota"]):
    def visible_to(self, user: "User") -> Self:
        """Coordinators and auditors see every quota; a liaison his agency's quotas of the
        conferences he can see; nobody else any."""
        from nonprolif.events.models.conference import conference_scope

        if not is_signed_in(user):
            return self.none()
        if sees_everything(user):
            return self.all()
        agency_id = _liaison_agency(user)
        if agency_id is None:
            return self.none()
        return scoped(self.filter(agency_id=agency_id), conference_scope(user, "conference__"))


class RegistrationQuota(models.Model):
    """How many of an agency's officials may attend a conference."""

    conference = models.ForeignKey(
        "events.Conference",
        verbose_name=_("conference"),
        on_delete=models.CASCADE,
        related_name="registration_quotas",
    )
    agency = models.ForeignKey(
        "core.Agency",
        verbose_name=_("agency"),
        on_delete=models.PROTECT,
        related_name="conference_quotas",
    )
    seats = models.PositiveIntegerField(_("seats"))

    objects = RegistrationQuotaQuerySet.as_manager()

    class Meta:
        ordering = ["conference", "agency__code"]
        verbose_name = _("registration quota")
        verbose_name_plural = _("registration quotas")
        constraints = [
            models.UniqueConstraint(
                fields=["conference", "agency"], name="registration_quota_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.agency.code}: {self.seats}"


class RegistrationStatus(models.TextChoices):
    SUBMITTED = "submitted", pgettext_lazy("registration status", "Submitted")
    APPROVED = "approved", pgettext_lazy("registration status", "Approved")
    DECLINED = "declined", pgettext_lazy("registration status", "Declined")
    CANCELLED = "cancelled", pgettext_lazy("registration status", "Cancelled")


# Registrations in these statuses hold one of the agency's seats.
SEAT_HOLDING = (RegistrationStatus.SUBMITTED, RegistrationStatus.APPROVED)


class RegistrationQuerySet(models.QuerySet["Registration"]):
    def visible_to(self, user: "User") -> Self:
        """The single access rule for registrations. Coordinators and auditors see every
        registration; a liaison those of his own agency at the conferences he can see;
        everybody else (partners, administrators, outsiders) none."""
        from nonprolif.events.models.conference import conference_scope

        if not is_signed_in(user):
            return self.none()
        if sees_everything(user):
            return self.all()
        agency_id = _liaison_agency(user)
        if agency_id is None:
            return self.none()
        return scoped(self.filter(agency_id=agency_id), conference_scope(user, "conference__"))

    def holding_seats(self) -> Self:
        return self.filter(status__in=SEAT_HOLDING)


class Registration(models.Model):
    """One official's registration for a conference, made by his agency's liaison (or the
    coordinator). ``agency`` is the official's agency when registered: the seat it uses."""

    conference = models.ForeignKey(
        "events.Conference",
        verbose_name=_("conference"),
        on_delete=models.CASCADE,
        related_name="registrations",
    )
    official = models.ForeignKey(
        "core.Official",
        verbose_name=_("official"),
        on_delete=models.PROTECT,
        related_name="conference_registrations",
    )
    agency = models.ForeignKey(
        "core.Agency",
        verbose_name=_("agency"),
        on_delete=models.PROTECT,
        related_name="conference_registrations",
    )
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("registered by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    registered_at = models.DateTimeField(_("registered at"), default=timezone.now)
    status = models.CharField(
        _("status"),
        max_length=16,
        choices=RegistrationStatus.choices,
        default=RegistrationStatus.SUBMITTED,
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    reason = models.TextField(_("reason"), blank=True)
    checked_in_at = models.DateTimeField(_("checked in at"), null=True, blank=True)
    checked_in_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("checked in by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    objects = RegistrationQuerySet.as_manager()

    class Meta:
        ordering = ["conference", "official__family_names", "official__given_names", "pk"]
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        constraints = [
            models.UniqueConstraint(
                fields=["conference", "official"], name="registration_official_unique"
            ),
            models.CheckConstraint(
                condition=models.Q(checked_in_at__isnull=True) | models.Q(status="approved"),
                name="registration_check_in_only_approved",
                violation_error_message=_("Only approved registrations can be checked in."),
            ),
        ]
        indexes = [models.Index(fields=["conference", "agency", "status"])]

    def __str__(self) -> str:
        return f"{self.official} · {self.conference}"

    @property
    def is_checked_in(self) -> bool:
        return self.checked_in_at is not None

    @property
    def is_open(self) -> bool:
        """Submitted or approved, and not checked in: it may still be decided or cancelled."""
        return self.status in SEAT_HOLDING and self.checked_in_at is None


__all__ = ["Registration", "RegistrationQuota", "RegistrationStatus"]
