from typing import TYPE_CHECKING, Self

from django.db import models
from django.utils import formats
from django.utils.translation import gettext_lazy as _

from nonprolif.core.i18n import localized_property
from nonprolif.core.scoping import is_signed_in, program_member_q, sees_everything
from nonprolif.core.validators import validate_name

if TYPE_CHECKING:
    from nonprolif.core.models import User


class DatePrecision(models.TextChoices):
    DAY = "day", _("Exact day")
    MONTH = "month", _("Month only")
    YEAR = "year", _("Year only")


class MeetingQuerySet(models.QuerySet["Meeting"]):
    def visible_to(self, user: "User") -> Self:
        """Coordinators and auditors see every meeting; other users the meetings of their
        programs in which their agency took part."""
        if not is_signed_in(user):
            return self.none()
        if sees_everything(user):
            return self.all()
        if not user.agency_id:
            return self.none()
        return self.filter(
            program_member_q(user.agency_id, "program__"), agencies=user.agency_id
        ).distinct()


class Meeting(models.Model):
    program = models.ForeignKey(
        "program.Program",
        verbose_name=_("program"),
        on_delete=models.CASCADE,
        related_name="meetings",
    )
    title_es = models.CharField(_("title (Spanish)"), max_length=200, validators=[validate_name])
    title_en = models.CharField(_("title (English)"), max_length=200, validators=[validate_name])
    date = models.DateField(_("date"))
    date_precision = models.CharField(
        _("date precision"),
        max_length=8,
        choices=DatePrecision.choices,
        default=DatePrecision.DAY,
        help_text=_("How much of the date is known (the record may give only a month or year)."),
    )
    place = models.CharField(_("place"), max_length=200, validators=[validate_name])
    agencies = models.ManyToManyField(
        "core.Agency", verbose_name=_("participating agencies"), related_name="meetings"
    )
    officials = models.ManyToManyField(
        "core.Official",
        verbose_name=_("participating officials"),
        related_name="meetings",
        blank=True,
    )
    summary_es = models.TextField(_("summary (Spanish)"), blank=True)
    summary_en = models.TextField(_("summary (English)"), blank=True)

    objects = MeetingQuerySet.as_manager()

    class Meta:
        ordering = ["-date", "pk"]
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")

    def __str__(self) -> str:
        return self.title

    title = localized_property("title")

    summary = localized_property("summary")

    @property
    def date_display(self) -> str:
        if self.date_precision == DatePrecision.YEAR:
            return str(self.date.year)
        if self.date_precision == DatePrecision.MONTH:
            return formats.date_format(self.date, "YEAR_MONTH_FORMAT")
        return formats.date_format(self.date, "DATE_FORMAT")
