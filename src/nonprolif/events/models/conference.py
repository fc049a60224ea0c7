"""The conference: the event itself (its days, daily hours, time zone and host).

Its rooms (``rooms.py``), talks with their place in the draft timetable (``talks.py``), the
published schedule releases (``releases.py``) and its guest speakers (``speakers.py``) each
have their own module.
"""

from typing import TYPE_CHECKING, Self

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from nonprolif.core.i18n import localized_property
from nonprolif.core.scoping import (
    EVERYTHING,
    NOTHING,
    is_signed_in,
    program_member_q,
    scoped,
    sees_everything,
)
from nonprolif.core.validators import validate_name
from nonprolif.program.models.program import validate_time_zone

if TYPE_CHECKING:
    from nonprolif.core.models import User

# The fields of a conference that its organisers set, in form order: what the services take,
# the form edits and the API's input schemas carry (the program is given apart).
CONFERENCE_FIELDS = (
    "acronym",
    "title_es",
    "title_en",
    "description_es",
    "description_en",
    "city",
    "venue",
    "host_agency",
    "start_date",
    "end_date",
    "time_zone",
    "day_start",
    "day_end",
)


class ConferenceQuerySet(models.QuerySet["Conference"]):
    def visible_to(self, user: "User") -> Self:
        """The conferences of the programs ``user`` can see (same rule as
        ``Program.objects.visible_to``): coordinators and auditors see all of them, other users
        those of the programs in which their agency takes part."""
        return scoped(self, conference_scope(user))


def conference_scope(user: "User", prefix: str = "") -> Q | None:
    """The rule for conferences as a condition on the conferences reached through ``prefix``
    (``EVERYTHING``, ``NOTHING`` or a Q; see ``core.scoping``)."""
    if not is_signed_in(user):
        return NOTHING
    if sees_everything(user):
        return EVERYTHING
    if not user.agency_id:
        return NOTHING
    return program_member_q(user.agency_id, f"{prefix}program__")


class Conference(models.Model):
    program = models.ForeignKey(
        "program.Program",
        verbose_name=_("program"),
        on_delete=models.CASCADE,
        related_name="conferences",
    )
    acronym = models.SlugField(
        _("acronym"),
        max_length=40,
        unique=True,
        help_text=_("Short identifier used in exports and file names, e.g. wmd-cancun-2009."),
    )
    title_es = models.CharField(_("title (Spanish)"), max_length=200, validators=[validate_name])
    title_en = models.CharField(_("title (English)"), max_length=200, validators=[validate_name])
    description_es = models.TextField(_("description (Spanish)"), blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)
    city = models.CharField(_("city"), max_length=120, validators=[validate_name])
    venue = models.CharField(_("venue"), max_length=200, blank=True, validators=[validate_name])
    host_agency = models.ForeignKey(
        "core.Agency",
        verbose_name=_("host agency"),
        on_delete=models.PROTECT,
        related_name="hosted_conferences",
    )
    start_date = models.DateField(_("first day"))
    end_date = models.DateField(_("last day"), help_text=_("Inclusive: the last day of talks."))
    time_zone = models.CharField(
        _("time zone"),
        max_length=64,
        blank=True,
        validators=[validate_time_zone],
        help_text=_("Leave empty to use the program's time zone."),
    )
    day_start = models.TimeField(
        _("daily start"), null=True, blank=True, help_text=_("No talk may start earlier.")
    )
    day_end = models.TimeField(
        _("daily end"), null=True, blank=True, help_text=_("No talk may end later.")
    )

    objects = ConferenceQuerySet.as_manager()

    class Meta:
        ordering = ["start_date", "pk"]
        verbose_name = _("conference")
        verbose_name_plural = _("conferences")
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__gte=models.F("start_date")),
                name="conference_end_after_start",
                violation_error_message=_("The last day cannot be before the first day."),
            ),
            models.CheckConstraint(
                condition=Q(day_start__isnull=True)
                | Q(day_end__isnull=True)
                | Q(day_end__gt=models.F("day_start")),
                name="conference_day_end_after_start",
                violation_error_message=_("The daily end must be after the daily start."),
            ),
        ]

    def __str__(self) -> str:
        return self.title

    title = localized_property("title")

    description = localized_property("description")

    @property
    def tz_name(self) -> str:
        """The conference's time zone, or its program's when none is set."""
        return self.time_zone or self.program.time_zone
