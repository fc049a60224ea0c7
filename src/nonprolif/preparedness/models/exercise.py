"""Exercises (HSEEP): the exercise and its design (objectives, participants), the MSEL's
injects, what happens during conduct (player actions, evaluators' observations) and the
improvement plan's corrective actions (each one a coordination action item)."""

from typing import TYPE_CHECKING, Self

from django.conf import settings
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from nonprolif.core.i18n import localized_property
from nonprolif.core.scoping import (
    NOTHING,
    is_signed_in,
    related,
    scoped,
    sees_everything,
)
from nonprolif.core.validators import validate_name

if TYPE_CHECKING:
    from nonprolif.core.models import User


class ExerciseKind(models.TextChoices):
    SEMINAR = "seminar", _("Seminar")
    WORKSHOP = "workshop", _("Workshop")
    TABLETOP = "tabletop", _("Tabletop exercise")
    GAME = "game", _("Game")
    DRILL = "drill", _("Drill")
    FUNCTIONAL = "functional", _("Functional exercise")
    FULL_SCALE = "full_scale", _("Full-scale exercise")


class ExercisePhase(models.TextChoices):
    """HSEEP's cycle after program management."""

    DESIGN = "design", pgettext_lazy("exercise phase", "Design and development")
    CONDUCT = "conduct", pgettext_lazy("exercise phase", "Conduct")
    EVALUATION = "evaluation", pgettext_lazy("exercise phase", "Evaluation")
    IMPROVEMENT = "improvement", pgettext_lazy("exercise phase", "Improvement planning")


class ParticipantRole(models.TextChoices):
    DIRECTOR = "director", pgettext_lazy("exercise role", "Exercise director")
    CONTROLLER = "controller", pgettext_lazy("exercise role", "Controller")
    EVALUATOR = "evaluator", pgettext_lazy("exercise role", "Evaluator")
    PLAYER = "player", pgettext_lazy("exercise role", "Player")


class Rating(models.TextChoices):
    """HSEEP's ratings of an objective's performance (the Exercise Evaluation Guide)."""

    P = "P", _("Performed without challenges")
    S = "S", _("Performed with some challenges")
    M = "M", _("Performed with major challenges")
    U = "U", _("Unable to be performed")


class ObservationKind(models.TextChoices):
    STRENGTH = "strength", _("Strength")
    IMPROVEMENT = "improvement", _("Area for improvement")
    NOTE = "note", pgettext_lazy("observation kind", "Note")


def exercise_scope(user: "User", prefix: str = "") -> Q | None:
    """The rule for exercises reached through ``prefix`` (``EVERYTHING``, ``NOTHING`` or a
    Q; see ``core.scoping``).

    An exercise above the lowest classification level is read only with a clearance at least
    its level, whatever the role. Within that: coordinators and auditors read every exercise;
    other users those in which their agency takes part, or in which they hold a role.
    """
    if not is_signed_in(user):
        return NOTHING
    from nonprolif.core.models import ClassificationLevel

    lowest = ClassificationLevel.objects.order_by("rank").values("rank")[:1]
    cleared = Q(**{f"{prefix}classification__rank__lte": models.Subquery(lowest)})
    if user.clearance is not None:
        cleared |= Q(**{f"{prefix}classification__rank__lte": user.clearance.rank})
    if sees_everything(user):
        return cleared
    exercise = related(prefix)
    participates = ExerciseParticipant.objects.filter(
        exercise_id=OuterRef(exercise), user_id=user.pk
    )
    condition = Q(Exists(participates))
    if user.agency_id:
        takes_part = Exercise.agencies.through.objects.filter(
            exercise_id=OuterRef(exercise), agency_id=user.agency_id
        )
        condition |= Q(Exists(takes_part))
    return cleared & condition


class ExerciseQuerySet(models.QuerySet["Exercise"]):
    def visible_to(self, user: "User") -> Self:
        """The exercises ``user`` may see (the rule: :func:`exercise_scope`)."""
        return scoped(self, exercise_scope(user))


class Exercise(models.Model):
    program = models.ForeignKey(
        "program.Program",
        verbose_name=_("program"),
        on_delete=models.CASCADE,
        related_name="exercises",
    )
    title_es = models.CharField(_("title (Spanish)"), max_length=200, validators=[validate_name])
    title_en = models.CharField(_("title (English)"), max_length=200, validators=[validate_name])
    kind = models.CharField(_("type"), max_length=16, choices=ExerciseKind.choices)
    phase = models.CharField(
        _("phase"), max_length=16, choices=ExercisePhase.choices, default=ExercisePhase.DESIGN
    )
    cbrn_category = models.ForeignKey(
        "intel.CbrnCategory",
        verbose_name=_("CBRN category"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    scenario_es = models.TextField(_("scenario (Spanish)"))
    scenario_en = models.TextField(_("scenario (English)"))
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"))
    venue = models.CharField(_("venue"), max_length=200, validators=[validate_name])
    classification = models.ForeignKey(
        "core.ClassificationLevel",
        verbose_name=_("classification"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    agencies = models.ManyToManyField(
        "core.Agency", verbose_name=_("participating agencies"), related_name="exercises"
    )
    hotwash_es = models.TextField(_("hot wash notes (Spanish)"), blank=True)
    hotwash_en = models.TextField(_("hot wash notes (English)"), blank=True)
    conduct_started_at = models.DateTimeField(_("conduct started"), null=True, blank=True)
    conduct_ended_at = models.DateTimeField(_("conduct ended"), null=True, blank=True)
    after_action_meeting = models.OneToOneField(
        "events.Meeting",
        verbose_name=_("after-action meeting"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="exercise",
        help_text=_("The meeting whose action items are the improvement plan."),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now)

    objects = ExerciseQuerySet.as_manager()

    class Meta:
        ordering = ["-starts_on", "-pk"]
        indexes = [
            models.Index(fields=["program", "starts_on"], name="exercise_program_by_start"),
            models.Index(fields=["-starts_on", "-id"], name="exercise_by_start"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gte=models.F("starts_on")), name="exercise_ends_after_start"
            )
        ]
        verbose_name = _("exercise")
        verbose_name_plural = _("exercises")

    def __str__(self) -> str:
        # Its code only: audit entries name it so, and their readers need no clearance.
        return self.code

    @property
    def code(self) -> str:
        return f"EX-{self.pk}"

    title = localized_property("title")
    scenario = localized_property("scenario")
    hotwash = localized_property("hotwash")


class ExerciseObjective(models.Model):
    """An objective, mapped to core capabilities, with its Exercise Evaluation Guide's
    rating (one per objective: the evaluators' agreed rating)."""

    exercise = models.ForeignKey(
        Exercise, verbose_name=_("exercise"), on_delete=models.CASCADE, related_name="objectives"
    )
    number = models.PositiveSmallIntegerField(_("number"))
    text_es = models.TextField(_("objective (Spanish)"))
    text_en = models.TextField(_("objective (English)"))
    capabilities = models.ManyToManyField(
        "preparedness.CoreCapability",
        verbose_name=_("core capabilities"),
        related_name="objectives",
    )
    rating = models.CharField(_("rating"), max_length=1, choices=Rating.choices, blank=True)
    rating_notes_es = models.TextField(_("rating rationale (Spanish)"), blank=True)
    rating_notes_en = models.TextField(_("rating rationale (English)"), blank=True)
    rated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("rated by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    rated_at = models.DateTimeField(_("rated"), null=True, blank=True)

    class Meta:
        ordering = ["exercise", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["exercise", "number"], name="exercise_objective_number_unique"
            ),
            models.CheckConstraint(
                condition=Q(number__gte=1), name="exercise_objective_number_positive"
            ),
        ]
        verbose_name = _("objective")
        verbose_name_plural = _("objectives")

    def __str__(self) -> str:
        return f"{self.exercise.code} O{self.number}"

    text = localized_property("text")
    rating_notes = localized_property("rating_notes")


class ExerciseParticipant(models.Model):
    """A user in one of the exercise's roles (one user may hold several)."""

    exercise = models.ForeignKey(
        Exercise,
        verbose_name=_("exercise"),
        on_delete=models.CASCADE,
        related_name="participants",
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="exercise_roles",
    )
    role = models.CharField(_("role"), max_length=16, choices=ParticipantRole.choices)

    class Meta:
        ordering = ["exercise", "role", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["exercise", "user", "role"], name="exercise_participant_unique"
            )
        ]
        indexes = [models.Index(fields=["user", "exercise"], name="exercise_participant_user")]
        verbose_name = _("participant")
        verbose_name_plural = _("participants")

    def __str__(self) -> str:
        return f"{self.exercise.code} {self.role} {self.user_id}"


class Inject(models.Model):
    """One event of the MSEL: when, what, from whom to whom, the action the players are
    expected to take and the objective it tests. Delivered once, during conduct."""

    exercise = models.ForeignKey(
        Exercise, verbose_name=_("exercise"), on_delete=models.CASCADE, related_name="injects"
    )
    number = models.PositiveSmallIntegerField(_("number"))
    scheduled_at = models.DateTimeField(_("time"))
    synopsis_es = models.TextField(_("synopsis (Spanish)"))
    synopsis_en = models.TextField(_("synopsis (English)"))
    sender = models.CharField(_("from"), max_length=200, validators=[validate_name])
    recipient = models.CharField(_("to"), max_length=200, validators=[validate_name])
    expected_action_es = models.TextField(_("expected action (Spanish)"), blank=True)
    expected_action_en = models.TextField(_("expected action (English)"), blank=True)
    objective = models.ForeignKey(
        ExerciseObjective,
        verbose_name=_("objective"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="injects",
    )
    delivered_at = models.DateTimeField(_("delivered"), null=True, blank=True)
    delivered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("delivered by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        ordering = ["exercise", "scheduled_at", "number"]
        constraints = [
            models.UniqueConstraint(fields=["exercise", "number"], name="inject_number_unique"),
            models.CheckConstraint(condition=Q(number__gte=1), name="inject_number_positive"),
        ]
        indexes = [
            models.Index(fields=["exercise", "scheduled_at", "number"], name="inject_msel_order")
        ]
        verbose_name = _("inject")
        verbose_name_plural = _("injects")

    def __str__(self) -> str:
        return f"{self.exercise.code} I{self.number}"

    synopsis = localized_property("synopsis")
    expected_action = localized_property("expected_action")


class PlayerAction(models.Model):
    """What the players did, as a controller recorded it (in reply to an inject, or not)."""

    exercise = models.ForeignKey(
        Exercise,
        verbose_name=_("exercise"),
        on_delete=models.CASCADE,
        related_name="player_actions",
    )
    inject = models.ForeignKey(
        Inject,
        verbose_name=_("inject"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="player_actions",
    )
    agency = models.ForeignKey(
        "core.Agency",
        verbose_name=_("agency"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    text = models.TextField(_("action"))
    at = models.DateTimeField(_("time"), default=timezone.now)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        ordering = ["exercise", "at", "pk"]
        indexes = [models.Index(fields=["exercise", "at", "id"], name="player_action_by_time")]
        verbose_name = _("player action")
        verbose_name_plural = _("player actions")

    def __str__(self) -> str:
        return f"{self.exercise.code} action {self.pk}"


class Observation(models.Model):
    """An evaluator's timestamped observation against an objective."""

    exercise = models.ForeignKey(
        Exercise,
        verbose_name=_("exercise"),
        on_delete=models.CASCADE,
        related_name="observations",
    )
    objective = models.ForeignKey(
        ExerciseObjective,
        verbose_name=_("objective"),
        on_delete=models.CASCADE,
        related_name="observations",
    )
    inject = models.ForeignKey(
        Inject,
        verbose_name=_("inject"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="observations",
    )
    kind = models.CharField(
        _("kind"), max_length=16, choices=ObservationKind.choices, default=ObservationKind.NOTE
    )
    text = models.TextField(_("observation"))
    at = models.DateTimeField(_("time"), default=timezone.now)
    evaluator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("evaluator"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        ordering = ["exercise", "at", "pk"]
        indexes = [
            models.Index(fields=["exercise", "at", "id"], name="observation_by_time"),
            models.Index(fields=["objective", "kind"], name="observation_by_objective"),
        ]
        verbose_name = _("observation")
        verbose_name_plural = _("observations")

    def __str__(self) -> str:
        return f"{self.exercise.code} observation {self.pk}"


class CorrectiveAction(models.Model):
    """One line of the improvement plan. Its title, owner agency, due date and status are
    those of its coordination action item (of the exercise's after-action meeting), so it
    has the action items' reminders and history. A training need may become a proposal item
    for the next review."""

    exercise = models.ForeignKey(
        Exercise,
        verbose_name=_("exercise"),
        on_delete=models.CASCADE,
        related_name="corrective_actions",
    )
    objective = models.ForeignKey(
        ExerciseObjective,
        verbose_name=_("objective"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="corrective_actions",
    )
    capability = models.ForeignKey(
        "preparedness.CoreCapability",
        verbose_name=_("core capability"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    action_item = models.OneToOneField(
        "events.ActionItem",
        verbose_name=_("action item"),
        on_delete=models.CASCADE,
        related_name="corrective_action",
    )
    training_need = models.BooleanField(_("training need"), default=False)
    proposal_item = models.OneToOneField(
        "program.ProposalItem",
        verbose_name=_("proposal item"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="corrective_action",
    )

    class Meta:
        ordering = ["exercise", "pk"]
        verbose_name = _("corrective action")
        verbose_name_plural = _("corrective actions")

    def __str__(self) -> str:
        return f"{self.exercise.code} CA{self.pk}"
