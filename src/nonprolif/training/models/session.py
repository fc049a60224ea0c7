import datetime
import uuid
from typing import Self

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from nonprolif.core.i18n import localized_property
from nonprolif.core.models import Agency, User
from nonprolif.core.roles import Role
from nonprolif.core.scoping import (
    EVERYTHING,
    NOTHING,
    is_signed_in,
    own_official_id,
    partner_program_q,
    program_member_q,
    related,
    scoped,
    sees_everything,
)
from nonprolif.core.validators import validate_name
from nonprolif.training.calendar.moves import describe_move


def new_uid() -> str:
    return f"{uuid.uuid4()}@nonprolif"


class Audience(models.TextChoices):
    EVERYONE = "everyone", _("Everyone")
    SENIOR = "senior", _("Senior officials of one agency")


class SessionLanguage(models.TextChoices):
    ES_MX = "es-mx", "Español (México)"
    EN = "en", "English"


class PendingAction(models.TextChoices):
    MOVE = "move", _("Move")
    DROP = "drop", _("Remove")


def concerning_agency_q(agency_id: int, prefix: str = "") -> models.Q:
    """Sessions (reached through ``prefix``) that concern an agency: the cohorts of training
    items for every agency or targeting it, and that agency's own senior-official session."""
    targets = Session.target_agencies.through.objects.filter(
        session_id=models.OuterRef(related(prefix))
    )
    return (
        models.Q(**{f"{prefix}audience": Audience.EVERYONE})
        & (~models.Exists(targets) | models.Exists(targets.filter(agency_id=agency_id)))
    ) | models.Q(**{f"{prefix}audience": Audience.SENIOR, f"{prefix}audience_agency": agency_id})


def session_scope(user: User, prefix: str = "") -> models.Q | None:
    """The single access rule for sessions, as a condition on the sessions reached through
    ``prefix`` (``EVERYTHING``, ``NOTHING`` or a Q; see ``core.scoping``).

    Coordinators and auditors see every session; partners the sessions of the programs
    their agency partners in; liaisons, in the programs their agency takes part in, the
    sessions that concern their agency (see :func:`concerning_agency_q`). Any signed-in
    user also sees the sessions in which he is a participant (an official's own login).
    """
    if not is_signed_in(user):
        return NOTHING
    if sees_everything(user):
        return EVERYTHING
    own = models.Q(
        **{
            f"{related(prefix)}__in": SessionParticipant.objects.filter(
                official_id=own_official_id(user)
            ).values("session_id")
        }
    )
    if user.agency_id and user.has_role(Role.PARTNER):
        return partner_program_q(user.agency_id, f"{prefix}program__") | own
    if user.agency_id and user.has_role(Role.LIAISON):
        scope = program_member_q(user.agency_id, f"{prefix}program__") & concerning_agency_q(
            user.agency_id, prefix
        )
        return scope | own
    return own


class SessionQuerySet(models.QuerySet["Session"]):
    def visible_to(self, user: User) -> Self:
        """The sessions ``user`` may see (the rule: :func:`session_scope`)."""
        return scoped(self, session_scope(user))

    def concerning(self, agency: Agency) -> Self:
        """The sessions that concern ``agency`` (not an access rule: narrow a visible set)."""
        return self.filter(concerning_agency_q(agency.pk))


class Session(models.Model):
    """One dated session of an accepted proposal item: a training cohort (for everyone) or
    the senior officials' session of one agency.

    Its identity across regenerations is (program, item_key, cohort) for training cohorts
    and (program, item_key, audience_agency) for senior sessions; ``uid`` is its stable
    iCalendar UID and ``sequence`` counts the changes of its dates, venue or capacity.
    """

    program = models.ForeignKey(
        "program.Program",
        verbose_name=_("program"),
        on_delete=models.CASCADE,
        related_name="sessions",
    )
    item = models.ForeignKey(
        "program.ProposalItem",
        verbose_name=_("proposal item"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="sessions",
        help_text=_("The item of the latest proposal version this session comes from."),
    )
    item_key = models.UUIDField(_("item key"), db_index=True)
    item_number = models.PositiveIntegerField(_("item number"))
    title_es = models.CharField(_("title (Spanish)"), max_length=200, validators=[validate_name])
    title_en = models.CharField(_("title (English)"), max_length=200, validators=[validate_name])
    audience = models.CharField(_("audience"), max_length=16, choices=Audience.choices)
    cohort = models.PositiveIntegerField(_("cohort"), null=True, blank=True)
    audience_agency = models.ForeignKey(
        "core.Agency",
        verbose_name=_("agency of the senior officials"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="senior_sessions",
    )
    target_agencies = models.ManyToManyField(
        "core.Agency",
        verbose_name=_("target agencies"),
        related_name="+",
        blank=True,
        help_text=_(
            "The agencies the accepted item is for, amendments applied (none: every agency)."
        ),
    )
    start = models.DateField(_("start"))
    end = models.DateField(_("end"), help_text=_("The last day of the session (inclusive)."))
    days = models.JSONField(_("days"), default=list, help_text=_("The business days it runs."))
    planned = models.DateField(_("planned date"), help_text=_("The date before any move."))
    move = models.JSONField(_("move"), null=True, blank=True)
    venue = models.ForeignKey(
        "training.Venue",
        verbose_name=_("venue"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="sessions",
    )
    capacity = models.PositiveIntegerField(_("capacity"), validators=[MinValueValidator(1)])
    planned_capacity = models.PositiveIntegerField(
        _("capacity from the plan"),
        help_text=_("The capacity the accepted item gave at the last regeneration."),
    )
    language = models.CharField(
        _("language"),
        max_length=8,
        choices=SessionLanguage.choices,
        default=SessionLanguage.ES_MX,
    )
    sequence = models.PositiveIntegerField(_("revision"), default=0)
    uid = models.CharField(_("calendar UID"), max_length=100, unique=True, default=new_uid)
    pending = models.JSONField(
        _("change awaiting confirmation"),
        null=True,
        blank=True,
        help_text=_("A move or removal held back because the session has participants."),
    )
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)

    objects = SessionQuerySet.as_manager()

    class Meta:
        ordering = ["start", "item_number", "cohort", "audience_agency__code", "pk"]
        indexes = [
            models.Index(fields=["start", "item_number", "cohort"], name="session_by_start"),
            models.Index(fields=["program", "start"], name="session_program_by_start"),
        ]
        verbose_name = _("session")
        verbose_name_plural = _("sessions")
        constraints = [
            models.UniqueConstraint(
                fields=["program", "item_key", "cohort"],
                condition=models.Q(cohort__isnull=False),
                name="session_cohort_unique",
            ),
            models.UniqueConstraint(
                fields=["program", "item_key", "audience_agency"],
                condition=models.Q(audience_agency__isnull=False),
                name="session_senior_unique",
            ),
            models.CheckConstraint(
                condition=(
                    models.Q(audience="everyone", cohort__gte=1, audience_agency__isnull=True)
                    | models.Q(
                        audience="senior", cohort__isnull=True, audience_agency__isnull=False
                    )
                ),
                name="session_audience_consistent",
            ),
            models.CheckConstraint(
                condition=models.Q(capacity__gte=1), name="session_capacity_positive"
            ),
            models.CheckConstraint(
                condition=models.Q(end__gte=models.F("start")), name="session_end_after_start"
            ),
        ]

    def __str__(self) -> str:
        return self.label

    title = localized_property("title")

    @property
    def label(self) -> str:
        """``N. title · audience``, the audience left out when the title already names it (a
        senior session's item is often titled for its agency: "… de alto nivel: CISEN")."""
        audience = self.audience_label
        if audience.casefold() in self.title.casefold():
            return f"{self.item_number}. {self.title}"
        return f"{self.item_number}. {self.title} · {audience}"

    @property
    def audience_label(self) -> str:
        if self.audience == Audience.SENIOR:
            agency = self.audience_agency
            assert agency is not None  # a senior session always has its agency
            return str(_("Senior officials: %(agency)s")) % {
                "agency": agency.acronym or agency.code
            }
        return str(_("Cohort %(number)s")) % {"number": self.cohort}

    @property
    def audience_code(self) -> str:
        """``everyone`` or ``senior:<AGENCY CODE>`` (the command line's form)."""
        if self.audience == Audience.SENIOR:
            assert self.audience_agency is not None  # a senior session always has its agency
            return f"senior:{self.audience_agency.code}"
        return "everyone"

    @property
    def moved(self) -> bool:
        return self.move is not None

    @property
    def reason(self) -> str:
        """Why the session does not start on its planned date, in the active language."""
        return describe_move(self.move)

    @property
    def reason_en(self) -> str | None:
        """The calendar engine's English sentence (None when not moved)."""
        return self.move["reason"] if self.move else None

    @property
    def day_list(self) -> list[datetime.date]:
        return [datetime.date.fromisoformat(day) for day in self.days]

    @property
    def skipped_days(self) -> list[datetime.date]:
        """Days between start and end on which the session does not run."""
        running = set(self.day_list)
        span = (self.end - self.start).days + 1
        return [
            day
            for day in (self.start + datetime.timedelta(days=n) for n in range(span))
            if day not in running
        ]

    @property
    def pending_action(self) -> str | None:
        return self.pending["action"] if self.pending else None

    @property
    def pending_reason(self) -> str:
        return describe_move(self.pending.get("move")) if self.pending else ""

    @property
    def pending_start(self) -> datetime.date | None:
        if self.pending and self.pending.get("start"):
            return datetime.date.fromisoformat(self.pending["start"])
        return None

    @property
    def pending_end(self) -> datetime.date | None:
        if self.pending and self.pending.get("end"):
            return datetime.date.fromisoformat(self.pending["end"])
        return None


class SessionParticipant(models.Model):
    """An official taking part in a session (enrollment will build on this)."""

    session = models.ForeignKey(
        Session, verbose_name=_("session"), on_delete=models.CASCADE, related_name="participants"
    )
    official = models.ForeignKey(
        "core.Official",
        verbose_name=_("official"),
        on_delete=models.CASCADE,
        related_name="session_participations",
    )
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("added by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    added_at = models.DateTimeField(_("added"), default=timezone.now)

    class Meta:
        ordering = ["session", "official__family_names", "official__given_names", "pk"]
        verbose_name = _("session participant")
        verbose_name_plural = _("session participants")
        constraints = [
            models.UniqueConstraint(fields=["session", "official"], name="participant_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.official} · {self.session}"
