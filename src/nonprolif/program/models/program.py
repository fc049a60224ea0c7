import zoneinfo
from typing import TYPE_CHECKING, Self

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from nonprolif.core.i18n import LocalizedNameMixin, localized_property
from nonprolif.core.models.agency import code_validator
from nonprolif.core.scoping import is_signed_in, program_member_q, sees_everything
from nonprolif.core.validators import validate_name

if TYPE_CHECKING:
    from nonprolif.core.models import User


def validate_time_zone(value: str) -> None:
    if value not in zoneinfo.available_timezones():
        raise ValidationError(_("%(value)s is not a known time zone."), params={"value": value})


class ProgramQuerySet(models.QuerySet["Program"]):
    def visible_to(self, user: "User") -> Self:
        """Coordinators and auditors see every program; other users see the programs in which
        their agency takes part (as lead, member or partner)."""
        if not is_signed_in(user):
            return self.none()
        if sees_everything(user):
            return self.all()
        if not user.agency_id:
            return self.none()
        return self.filter(program_member_q(user.agency_id))


class Program(LocalizedNameMixin, models.Model):
    code = models.CharField(_("code"), max_length=32, unique=True, validators=[code_validator])
    name_es = models.CharField(_("name (Spanish)"), max_length=200, validators=[validate_name])
    name_en = models.CharField(_("name (English)"), max_length=200, validators=[validate_name])
    description_es = models.TextField(_("description (Spanish)"), blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)
    country = models.CharField(_("country"), max_length=2, help_text=_("ISO 3166-1 alpha-2 code"))
    lead_agency = models.ForeignKey(
        "core.Agency",
        verbose_name=_("lead agency"),
        on_delete=models.PROTECT,
        related_name="led_programs",
    )
    member_agencies = models.ManyToManyField(
        "core.Agency",
        verbose_name=_("member agencies"),
        related_name="member_programs",
        blank=True,
    )
    partner_agencies = models.ManyToManyField(
        "core.Agency",
        verbose_name=_("partner agencies"),
        related_name="partner_programs",
        blank=True,
    )
    time_zone = models.CharField(
        _("time zone"),
        max_length=64,
        default="America/Mexico_City",
        validators=[validate_time_zone],
    )
    target_trainees = models.PositiveIntegerField(_("target trainees"), null=True, blank=True)
    start_date = models.DateField(
        _("program start"),
        null=True,
        blank=True,
        help_text=_("No proposal item or amendment may start before this date."),
    )

    objects = ProgramQuerySet.as_manager()

    class Meta:
        ordering = ["code"]
        verbose_name = _("program")
        verbose_name_plural = _("programs")

    def __str__(self) -> str:
        return self.name

    description = localized_property("description")

    def clean(self) -> None:
        if self.country:
            self.country = self.country.upper()
