from typing import Self

from django.db import models
from django.utils.translation import gettext_lazy as _

from nonprolif.core.i18n import localized_property
from nonprolif.core.models import User
from nonprolif.core.scoping import is_signed_in, program_member_q, sees_everything
from nonprolif.core.validators import validate_name


class VenueQuerySet(models.QuerySet["Venue"]):
    def visible_to(self, user: User) -> Self:
        """Venues of the programs the user can see."""
        if not is_signed_in(user):
            return self.none()
        if sees_everything(user):
            return self.all()
        if not user.agency_id:
            return self.none()
        return self.filter(program_member_q(user.agency_id, "program__"))


class Venue(models.Model):
    """Where sessions take place."""

    program = models.ForeignKey(
        "program.Program",
        verbose_name=_("program"),
        on_delete=models.CASCADE,
        related_name="venues",
    )
    name = models.CharField(_("name"), max_length=200, validators=[validate_name])
    city = models.CharField(_("city"), max_length=120, validators=[validate_name])
    address = models.CharField(_("address"), max_length=300, blank=True)

    objects = VenueQuerySet.as_manager()

    class Meta:
        ordering = ["program", "name"]
        verbose_name = _("venue")
        verbose_name_plural = _("venues")
        constraints = [
            models.UniqueConstraint(fields=["program", "name"], name="venue_name_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.name}, {self.city}"


class BlackoutDate(models.Model):
    """A day on which no session runs: in the whole program (no venue) or at one venue."""

    program = models.ForeignKey(
        "program.Program",
        verbose_name=_("program"),
        on_delete=models.CASCADE,
        related_name="blackout_dates",
    )
    venue = models.ForeignKey(
        Venue,
        verbose_name=_("venue"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="blackout_dates",
        help_text=_("Leave empty for a day off in the whole program."),
    )
    date = models.DateField(_("date"))
    reason_es = models.CharField(_("reason (Spanish)"), max_length=200, blank=True)
    reason_en = models.CharField(_("reason (English)"), max_length=200, blank=True)

    class Meta:
        ordering = ["program", "date", "pk"]
        verbose_name = _("blackout date")
        verbose_name_plural = _("blackout dates")
        constraints = [
            models.UniqueConstraint(
                fields=["program", "venue", "date"], name="blackout_unique_per_venue"
            ),
            models.UniqueConstraint(
                fields=["program", "date"],
                condition=models.Q(venue__isnull=True),
                name="blackout_unique_program_wide",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.date.isoformat()} {self.reason}"

    reason = localized_property("reason")
