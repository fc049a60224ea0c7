from typing import TYPE_CHECKING, Self

from django.apps import apps
from django.db import models
from django.utils import formats
from django.utils.translation import gettext_lazy as _

from nonprolif.core.i18n import localized_property
from nonprolif.core.roles import Role
from nonprolif.core.scoping import (
    NOTHING,
    is_signed_in,
    program_member_q,
    related,
    scoped,
    sees_everything,
)
from nonprolif.core.validators import validate_name

if TYPE_CHECKING:
    from nonprolif.core.models import User


class DatePrecision(models.TextChoices):
    DAY = "day", _("Exact day")
    MONTH = "month", _("Month only")
    YEAR = "year", _("Year only")


def meeting_scope(user: "User", prefix: str = "") -> models.Q | None:
    """The rule for meetings, as a condition on the meetings reached through ``prefix``
    (``EVERYTHING``, ``NOTHING`` or a Q; see ``core.scoping``): coordinators and auditors see
    every meeting; other users the meetings of their programs in which their agency took
    part. A meeting that records an exercise's after-action review or an outreach visit also
    takes the access of that source (:func:`source_scope`)."""
    if not is_signed_in(user):
        return NOTHING
    if sees_everything(user):
        return source_scope(user, prefix)
    if not user.agency_id:
        return NOTHING
    took_part = Meeting.agencies.through.objects.filter(
        meeting_id=models.OuterRef(related(prefix)), agency_id=user.agency_id
    )
    return (
        program_member_q(user.agency_id, f"{prefix}program__")
        & models.Q(models.Exists(took_part))
        & source_scope(user, prefix)
    )


def source_scope(user: "User", prefix: str = "") -> models.Q:
    """The meetings reached through ``prefix`` that the user may read as far as their source
    goes: an exercise's after-action meeting (its corrective actions) only while he reads the
    exercise (its classification first, whatever the role); an outreach visit's meeting (its
    follow-ups) only while he reads the visit, or is a liaison or an analyst of the visiting
    agency, which owns the follow-ups. Other meetings have no source and are unaffected."""
    exercise = apps.get_model("preparedness", "Exercise")
    visit = apps.get_model("outreach", "Visit")
    meeting = models.OuterRef(related(prefix))
    readable_visit = models.Q(
        models.Exists(visit.objects.visible_to(user).filter(meeting_id=meeting))
    )
    if user.agency_id and (user.has_role(Role.LIAISON) or user.has_role(Role.ANALYST)):
        readable_visit |= models.Q(
            models.Exists(visit.objects.filter(meeting_id=meeting, agency_id=user.agency_id))
        )
    of_exercise = exercise.objects.filter(after_action_meeting_id=meeting)
    readable_exercise = exercise.objects.visible_to(user).filter(after_action_meeting_id=meeting)
    return (~models.Exists(of_exercise) | models.Exists(readable_exercise)) & (
        ~models.Exists(visit.objects.filter(meeting_id=meeting)) | readable_visit
    )


class MeetingQuerySet(models.QuerySet["Meeting"]):
    def visible_to(self, user: "User") -> Self:
        """The meetings ``user`` may see (the rule: :func:`meeting_scope`)."""
        return scoped(self, meeting_scope(user))


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
        indexes = [models.Index(fields=["program", "date"], name="meeting_program_by_date")]
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
