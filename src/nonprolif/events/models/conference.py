"""The conference: the event, its rooms, guest speakers, talks (with their place in the draft
timetable) and the published schedule releases.

The draft timetable lives on the talks themselves (``room``, ``starts_at``, ``ends_at``): a
talk is placed when all three are set. Publishing freezes the draft into a
:class:`ScheduleRelease` (a JSON snapshot plus the change list against the previous release);
attendees read the latest release, never the draft.
"""

import uuid

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from nonprolif.core.i18n import localized_property
from nonprolif.core.roles import Role
from nonprolif.core.scoping import is_signed_in, program_member_q, sees_everything
from nonprolif.program.models.program import validate_time_zone


class ConferenceQuerySet(models.QuerySet):
    def visible_to(self, user):
        """The conferences of the programs ``user`` can see (same rule as
        ``Program.objects.visible_to``): coordinators and auditors see all of them, other users
        those of the programs in which their agency takes part."""
        if not is_signed_in(user):
            return self.none()
        if sees_everything(user):
            return self.all()
        if not user.agency_id:
            return self.none()
        return self.filter(program_member_q(user.agency_id, "program__")).distinct()


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
    title_es = models.CharField(_("title (Spanish)"), max_length=200)
    title_en = models.CharField(_("title (English)"), max_length=200)
    description_es = models.TextField(_("description (Spanish)"), blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)
    city = models.CharField(_("city"), max_length=120)
    venue = models.CharField(_("venue"), max_length=200, blank=True)
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


class RoomQuerySet(models.QuerySet):
    def visible_to(self, user):
        """The rooms of the conferences ``user`` can see."""
        return self.filter(conference__in=Conference.objects.visible_to(user).values("pk"))


class Room(models.Model):
    conference = models.ForeignKey(
        Conference, verbose_name=_("conference"), on_delete=models.CASCADE, related_name="rooms"
    )
    name = models.CharField(_("name"), max_length=120)
    capacity = models.PositiveIntegerField(
        _("capacity"), validators=[MinValueValidator(1)], help_text=_("Seats.")
    )

    objects = RoomQuerySet.as_manager()

    class Meta:
        ordering = ["conference", "name", "pk"]
        verbose_name = _("room")
        verbose_name_plural = _("rooms")
        constraints = [
            models.UniqueConstraint(fields=["conference", "name"], name="room_name_unique"),
        ]

    def __str__(self) -> str:
        return self.name


class SpeakerStatus(models.TextChoices):
    """The coordinator's decision on a proposed speaker."""

    PROPOSED = "proposed", _("Proposed")
    ACCEPTED = "accepted", _("Accepted")
    DECLINED = "declined", _("Declined")


class SpeakerResponse(models.TextChoices):
    """The speaker's own answer to the invitation."""

    PENDING = "pending", _("Pending")
    ACCEPTED = "accepted", _("Accepted")
    DECLINED = "declined", _("Declined")


class SpeakerQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Coordinators and auditors see every speaker; a partner agency's users see the
        speakers of the conferences of the programs it partners in. Liaisons see no speaker
        records: they see the accepted speakers in the published agenda only."""
        if not is_signed_in(user):
            return self.none()
        if sees_everything(user):
            return self.all()
        if not user.agency_id or not user.has_role(Role.PARTNER):
            return self.none()
        return self.filter(conference__program__partner_agencies__id=user.agency_id).distinct()


class Speaker(models.Model):
    conference = models.ForeignKey(
        Conference,
        verbose_name=_("conference"),
        on_delete=models.CASCADE,
        related_name="speakers",
    )
    name = models.CharField(_("name"), max_length=200)
    organisation = models.CharField(_("organisation"), max_length=200, blank=True)
    email = models.EmailField(_("email"), blank=True)
    topic_es = models.CharField(_("topic (Spanish)"), max_length=300, blank=True)
    topic_en = models.CharField(_("topic (English)"), max_length=300, blank=True)
    bio_es = models.TextField(_("biography (Spanish)"), blank=True)
    bio_en = models.TextField(_("biography (English)"), blank=True)
    languages = models.CharField(
        _("languages"),
        max_length=64,
        blank=True,
        help_text=_("Language codes separated by commas, e.g. es,en."),
    )
    photo = models.FileField(_("photo"), upload_to="speakers/", null=True, blank=True)
    travel_needs = models.TextField(_("travel needs"), blank=True)
    is_fictional = models.BooleanField(
        _("fictional"),
        default=False,
        help_text=_("Invented for demonstration; not a real person."),
    )
    proposed_by_agency = models.ForeignKey(
        "core.Agency",
        verbose_name=_("proposed by (agency)"),
        on_delete=models.PROTECT,
        related_name="proposed_speakers",
    )
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("proposed by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    proposed_at = models.DateTimeField(_("proposed at"), default=timezone.now)
    status = models.CharField(
        _("decision"),
        max_length=16,
        choices=SpeakerStatus.choices,
        default=SpeakerStatus.PROPOSED,
    )
    decision_reason = models.TextField(_("reason for the decision"), blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    response = models.CharField(
        _("speaker's answer"),
        max_length=16,
        choices=SpeakerResponse.choices,
        default=SpeakerResponse.PENDING,
    )
    responded_at = models.DateTimeField(_("answered at"), null=True, blank=True)

    objects = SpeakerQuerySet.as_manager()

    class Meta:
        ordering = ["conference", "name", "pk"]
        verbose_name = _("speaker")
        verbose_name_plural = _("speakers")

    def __str__(self) -> str:
        return self.name

    topic = localized_property("topic")

    bio = localized_property("bio")

    @property
    def is_confirmed(self) -> bool:
        """Accepted by the coordinator and by the speaker."""
        return self.status == SpeakerStatus.ACCEPTED and self.response == SpeakerResponse.ACCEPTED


class TalkKind(models.TextChoices):
    TALK = "talk", _("Talk")
    PANEL = "panel", _("Panel")
    KEYNOTE = "keynote", _("Keynote")
    BREAK = "break", _("Break")


class TalkLanguage(models.TextChoices):
    SPANISH = "es", _("Spanish")
    ENGLISH = "en", _("English")


class TalkQuerySet(models.QuerySet):
    def visible_to(self, user):
        """The draft programme, for the organisers: coordinators and auditors see every
        talk. Everyone else reads the published agenda (a schedule release), not the
        draft."""
        if not is_signed_in(user) or not sees_everything(user):
            return self.none()
        return self.all()

    def placed(self):
        return self.filter(room__isnull=False, starts_at__isnull=False, ends_at__isnull=False)


class Talk(models.Model):
    """A talk, panel, keynote or break, and its place in the draft timetable (room and
    slot; all empty while unplaced)."""

    conference = models.ForeignKey(
        Conference, verbose_name=_("conference"), on_delete=models.CASCADE, related_name="talks"
    )
    uid = models.UUIDField(
        _("stable identifier"),
        default=uuid.uuid4,
        unique=True,
        editable=False,
        help_text=_("Kept across schedule releases and used in calendar and frab exports."),
    )
    title_es = models.CharField(_("title (Spanish)"), max_length=200)
    title_en = models.CharField(_("title (English)"), max_length=200)
    abstract_es = models.TextField(_("abstract (Spanish)"), blank=True)
    abstract_en = models.TextField(_("abstract (English)"), blank=True)
    speakers = models.ManyToManyField(
        Speaker, verbose_name=_("speakers"), related_name="talks", blank=True
    )
    language = models.CharField(
        _("language"), max_length=8, choices=TalkLanguage.choices, default=TalkLanguage.SPANISH
    )
    expected_attendance = models.PositiveIntegerField(
        _("expected attendance"), null=True, blank=True
    )
    duration_minutes = models.PositiveIntegerField(
        _("duration (minutes)"), validators=[MinValueValidator(5)]
    )
    kind = models.CharField(
        _("kind"), max_length=16, choices=TalkKind.choices, default=TalkKind.TALK
    )
    room = models.ForeignKey(
        Room,
        verbose_name=_("room"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="talks",
    )
    starts_at = models.DateTimeField(_("starts at"), null=True, blank=True)
    ends_at = models.DateTimeField(_("ends at"), null=True, blank=True)

    objects = TalkQuerySet.as_manager()

    class Meta:
        ordering = ["conference", "starts_at", "room__name", "pk"]
        verbose_name = _("talk")
        verbose_name_plural = _("talks")
        constraints = [
            models.CheckConstraint(
                condition=Q(room__isnull=True, starts_at__isnull=True, ends_at__isnull=True)
                | Q(room__isnull=False, starts_at__isnull=False, ends_at__isnull=False),
                name="talk_placement_complete",
                violation_error_message=_(
                    "A placed talk needs a room, a start and an end; an unplaced one none."
                ),
            ),
            models.CheckConstraint(
                condition=Q(starts_at__isnull=True) | Q(ends_at__gt=models.F("starts_at")),
                name="talk_ends_after_start",
                violation_error_message=_("The slot must end after it starts."),
            ),
        ]

    def __str__(self) -> str:
        return self.title

    title = localized_property("title")

    abstract = localized_property("abstract")

    @property
    def is_placed(self) -> bool:
        return self.room_id is not None and self.starts_at is not None


class ScheduleReleaseQuerySet(models.QuerySet):
    def visible_to(self, user):
        """The releases of the conferences ``user`` can see: the published agenda is for
        everyone who can see the conference."""
        return self.filter(conference__in=Conference.objects.visible_to(user).values("pk"))


class ScheduleRelease(models.Model):
    """A published version of the timetable: the whole agenda frozen as JSON and the list of
    changes against the previous release."""

    conference = models.ForeignKey(
        Conference,
        verbose_name=_("conference"),
        on_delete=models.CASCADE,
        related_name="releases",
    )
    version = models.PositiveIntegerField(_("version"), validators=[MinValueValidator(1)])
    published_at = models.DateTimeField(_("published at"), default=timezone.now)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("published by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    note = models.TextField(_("release note"), blank=True)
    snapshot = models.JSONField(_("agenda snapshot"))
    changes = models.JSONField(_("changes since the previous release"), default=list)

    objects = ScheduleReleaseQuerySet.as_manager()

    class Meta:
        ordering = ["conference", "-version"]
        verbose_name = _("schedule release")
        verbose_name_plural = _("schedule releases")
        get_latest_by = "version"
        constraints = [
            models.UniqueConstraint(
                fields=["conference", "version"], name="schedule_release_version_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"v{self.version}"
