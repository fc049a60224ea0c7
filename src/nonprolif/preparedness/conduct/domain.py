"""Conduct and evaluation of an exercise (HSEEP): starting and ending conduct, delivering the
MSEL's injects (in order or by hand), the players' actions, the evaluators' observations, the
Exercise Evaluation Guide's ratings and the hot-wash notes.

Permissions: ``conduct/rules.py``. Every refusal is audited (outcome denied) before
PermissionDenied is raised, outside the service's transaction, and leaves the rows unchanged.
Audit entries name exercises ``EX-<id>`` and carry phases, numbers, ratings and times, never
the text people typed (the readers of the audit need no clearance).

The rules the brief left open, as decided here:

- Injects are delivered only while the exercise is in conduct, each once. Delivery takes a
  lock on the exercise row, so two controllers delivering at the same moment are served one
  after the other: the second "deliver next" gets the following inject, and a hand delivery
  of an inject delivered meanwhile is refused.
- Player actions are recorded during conduct only; an action answers an inject already
  delivered, and names one of the exercise's agencies (or none).
- Observations are written during conduct and evaluation; ratings likewise (an evaluator may
  rate as soon as he has seen enough, and re-rate until the exercise leaves evaluation).
- The hot-wash notes are written once conduct has started, in any later phase.
"""

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from nonprolif.core import clock
from nonprolif.core.domain.audit import record, refuse
from nonprolif.core.models import Agency, User
from nonprolif.core.rules import has_perm
from nonprolif.preparedness.models import (
    Exercise,
    ExerciseObjective,
    ExercisePhase,
    Inject,
    Observation,
    ObservationKind,
    PlayerAction,
    Rating,
)

MAX_TEXT = 4000
MAX_HOTWASH = 20000
#: The phases in which evaluators observe and rate.
EVALUATING = (ExercisePhase.CONDUCT, ExercisePhase.EVALUATION)


def _require(
    actor: Any, perm: str, exercise: Exercise, action: str, why: str, obj: Any = None
) -> None:
    if not has_perm(perm, actor, exercise):
        refuse(actor=actor, action=action, why=why, obj=obj or exercise)


def _locked(exercise: Exercise) -> Exercise:
    """The exercise's current row, locked until the transaction ends."""
    return Exercise.objects.select_for_update().get(pk=exercise.pk)


def _text(value: Any, field: str, errors: dict[str, list[str]], limit: int = MAX_TEXT) -> str:
    text = str(value or "").strip()
    if not text:
        errors.setdefault(field, []).append(_("This field is required."))
    elif len(text) > limit:
        errors.setdefault(field, []).append(_("At most %(n)d characters.") % {"n": limit})
    return text


def _optional_text(value: Any, field: str, errors: dict[str, list[str]], limit: int) -> str:
    text = str(value or "").strip()
    if len(text) > limit:
        errors.setdefault(field, []).append(_("At most %(n)d characters.") % {"n": limit})
    return text


def _in_phase(exercise: Exercise, phases: tuple[str, ...], message: str) -> None:
    if exercise.phase not in phases:
        raise ValidationError({"phase": message})


def start_conduct(*, actor: User, exercise: Exercise) -> Exercise:
    """Start the exercise's conduct: phase design → conduct, ``conduct_started_at`` now.

    Side effects, in one transaction: the exercise's phase and start time; one audit entry
    ("preparedness.exercise.start_conduct": the phase before and after). PermissionDenied,
    audited denied, unless the actor is the exercise's director or a coordinator;
    ValidationError naming ``phase`` unless the exercise is in design.
    """
    _require(
        actor,
        "preparedness.conduct_exercise",
        exercise,
        "preparedness.exercise.start_conduct",
        _("Only the exercise's director or a coordinator starts its conduct."),
    )
    with transaction.atomic():
        current = _locked(exercise)
        _in_phase(current, (ExercisePhase.DESIGN,), _("Conduct starts from the design phase."))
        current.phase = ExercisePhase.CONDUCT
        current.conduct_started_at = clock.now()
        current.save(update_fields=["phase", "conduct_started_at"])
        record(
            actor=actor,
            action="preparedness.exercise.start_conduct",
            obj=current,
            changes={
                "phase": [ExercisePhase.DESIGN.value, ExercisePhase.CONDUCT.value],
                "conduct_started_at": [None, current.conduct_started_at.isoformat()],
            },
        )
    return current


def end_conduct(*, actor: User, exercise: Exercise) -> Exercise:
    """End the exercise's conduct: phase conduct → evaluation, ``conduct_ended_at`` now.

    Side effects, in one transaction: the exercise's phase and end time; one audit entry
    ("preparedness.exercise.end_conduct": the phase before and after, how many injects
    were left undelivered). PermissionDenied, audited denied, unless the actor is the
    exercise's director or a coordinator; ValidationError naming ``phase`` unless the
    exercise is in conduct.
    """
    _require(
        actor,
        "preparedness.conduct_exercise",
        exercise,
        "preparedness.exercise.end_conduct",
        _("Only the exercise's director or a coordinator ends its conduct."),
    )
    with transaction.atomic():
        current = _locked(exercise)
        _in_phase(current, (ExercisePhase.CONDUCT,), _("The exercise is not in conduct."))
        current.phase = ExercisePhase.EVALUATION
        current.conduct_ended_at = clock.now()
        current.save(update_fields=["phase", "conduct_ended_at"])
        left = Inject.objects.filter(exercise_id=current.pk, delivered_at__isnull=True).count()
        record(
            actor=actor,
            action="preparedness.exercise.end_conduct",
            obj=current,
            changes={
                "phase": [ExercisePhase.CONDUCT.value, ExercisePhase.EVALUATION.value],
                "conduct_ended_at": [None, current.conduct_ended_at.isoformat()],
                "undelivered": left,
            },
        )
    return current


def _deliver(inject: Inject, actor: User, how: str) -> Inject:
    inject.delivered_at = clock.now()
    inject.delivered_by = actor
    inject.save(update_fields=["delivered_at", "delivered_by"])
    record(
        actor=actor,
        action="preparedness.inject.deliver",
        obj=inject,
        changes={
            "number": inject.number,
            "delivered_at": [None, inject.delivered_at.isoformat()],
            "how": how,
        },
    )
    return inject


def deliver_next(*, actor: User, exercise: Exercise) -> Inject:
    """Deliver the first undelivered inject of the MSEL, in its order (scheduled time, then
    number).

    Side effects, in one transaction holding a lock on the exercise row (two controllers never
    deliver the same inject): the inject's ``delivered_at`` (now) and ``delivered_by``; one
    audit entry ("preparedness.inject.deliver", how: next). PermissionDenied, audited
    denied, unless the actor is one of the exercise's controllers or its director;
    ValidationError naming ``phase`` (not in conduct) or ``inject`` (every inject delivered).
    """
    _require(
        actor,
        "preparedness.deliver_inject",
        exercise,
        "preparedness.inject.deliver",
        _("Only the exercise's controllers and director deliver injects."),
    )
    with transaction.atomic():
        current = _locked(exercise)
        _in_phase(current, (ExercisePhase.CONDUCT,), _("Injects are delivered during conduct."))
        inject = (
            Inject.objects.filter(exercise_id=current.pk, delivered_at__isnull=True)
            .order_by("scheduled_at", "number")
            .first()
        )
        if inject is None:
            raise ValidationError({"inject": _("Every inject of the MSEL has been delivered.")})
        return _deliver(inject, actor, "next")


def deliver_inject(*, actor: User, inject: Inject) -> Inject:
    """Deliver one inject by hand, in or out of the MSEL's order.

    Side effects, in one transaction holding a lock on the exercise row: the inject's
    ``delivered_at`` (now) and ``delivered_by``; one audit entry
    ("preparedness.inject.deliver", how: by hand). PermissionDenied, audited denied, unless
    the actor is one of the exercise's controllers or its director; ValidationError naming
    ``phase`` (not in conduct) or ``inject`` (already delivered).
    """
    exercise = inject.exercise
    _require(
        actor,
        "preparedness.deliver_inject",
        exercise,
        "preparedness.inject.deliver",
        _("Only the exercise's controllers and director deliver injects."),
        obj=inject,
    )
    with transaction.atomic():
        current = _locked(exercise)
        _in_phase(current, (ExercisePhase.CONDUCT,), _("Injects are delivered during conduct."))
        row = Inject.objects.select_for_update().get(pk=inject.pk)
        if row.delivered_at is not None:
            raise ValidationError({"inject": _("This inject has already been delivered.")})
        return _deliver(row, actor, "hand")


def require_action(actor: Any, exercise: Exercise) -> None:
    """PermissionDenied, audited denied ("preparedness.action.create"), unless ``actor`` may
    record the players' actions in ``exercise`` (before reading what he sent)."""
    _require(
        actor,
        "preparedness.record_action",
        exercise,
        "preparedness.action.create",
        _("Only the exercise's controllers and director record the players' actions."),
    )


def require_observer(actor: Any, exercise: Exercise) -> None:
    """PermissionDenied, audited denied ("preparedness.observation.create"), unless ``actor``
    is one of the exercise's evaluators (before reading what he sent)."""
    _require(
        actor,
        "preparedness.observe",
        exercise,
        "preparedness.observation.create",
        _("Only the exercise's evaluators record observations."),
    )


def _own_inject(exercise: Exercise, inject: Any, errors: dict[str, list[str]]) -> Inject | None:
    if inject in (None, ""):
        return None
    if not isinstance(inject, Inject) or inject.exercise_id != exercise.pk:
        errors["inject"] = [_("Choose an inject of this exercise.")]
        return None
    return inject


def record_player_action(
    *,
    actor: User,
    exercise: Exercise,
    text: str,
    inject: Inject | None = None,
    agency: Agency | None = None,
) -> PlayerAction:
    """Record what the players did, in reply to a delivered inject or not, by one of the
    exercise's agencies or not; timestamped now.

    Side effects, in one transaction: one PlayerAction row; one audit entry
    ("preparedness.action.create": the inject's number, the agency's code). PermissionDenied,
    audited denied, unless the actor is one of the exercise's controllers or its director;
    ValidationError naming ``phase`` (not in conduct), ``text`` (empty, too long),
    ``inject`` (of another exercise, not delivered yet) or ``agency`` (not taking part).
    """
    require_action(actor, exercise)
    errors: dict[str, list[str]] = {}
    body = _text(text, "text", errors)
    own = _own_inject(exercise, inject, errors)
    if own is not None and own.delivered_at is None:
        errors["inject"] = [_("This inject has not been delivered yet.")]
    if agency is not None and not exercise.agencies.filter(pk=agency.pk).exists():
        errors["agency"] = [_("Choose one of the exercise's agencies.")]
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        current = _locked(exercise)
        _in_phase(current, (ExercisePhase.CONDUCT,), _("Actions are recorded during conduct."))
        action = PlayerAction(
            exercise=current,
            inject=own,
            agency=agency,
            text=body,
            at=clock.now(),
            recorded_by=actor,
        )
        action.full_clean()
        action.save()
        record(
            actor=actor,
            action="preparedness.action.create",
            obj=action,
            changes={
                "inject": own.number if own else None,
                "agency": agency.code if agency else None,
            },
        )
    return action


def record_observation(
    *,
    actor: User,
    exercise: Exercise,
    objective: ExerciseObjective,
    text: str,
    kind: str,
    inject: Inject | None = None,
) -> Observation:
    """Record an evaluator's observation against one of the exercise's objectives: a
    strength, an area for improvement or a note, about an inject or not; timestamped now.

    Side effects, in one transaction: one Observation row (evaluator: the actor); one audit
    entry ("preparedness.observation.create": the objective's and inject's numbers, the
    kind). PermissionDenied, audited denied, unless the actor is one of the exercise's
    evaluators; ValidationError naming ``phase`` (neither conduct nor evaluation),
    ``objective`` (of another exercise), ``kind``, ``text`` or ``inject`` (of another
    exercise).
    """
    require_observer(actor, exercise)
    errors: dict[str, list[str]] = {}
    body = _text(text, "text", errors)
    if not isinstance(objective, ExerciseObjective) or objective.exercise_id != exercise.pk:
        errors["objective"] = [_("Choose an objective of this exercise.")]
    if kind not in ObservationKind.values:
        errors["kind"] = [_("Choose a strength, an area for improvement or a note.")]
    own = _own_inject(exercise, inject, errors)
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        current = _locked(exercise)
        _in_phase(
            current, EVALUATING, _("Observations are recorded during conduct and evaluation.")
        )
        observation = Observation(
            exercise=current,
            objective=objective,
            inject=own,
            kind=kind,
            text=body,
            at=clock.now(),
            evaluator=actor,
        )
        observation.full_clean()
        observation.save()
        record(
            actor=actor,
            action="preparedness.observation.create",
            obj=observation,
            changes={
                "objective": objective.number,
                "inject": own.number if own else None,
                "kind": kind,
            },
        )
    return observation


def rate_objective(
    *,
    actor: User,
    objective: ExerciseObjective,
    rating: str,
    notes_es: str = "",
    notes_en: str = "",
) -> ExerciseObjective:
    """Rate an objective in its Exercise Evaluation Guide: P, S, M or U (HSEEP), with the
    rationale in Spanish and English (at least one). Rating again replaces the rating.

    Side effects, in one transaction: the objective's rating, rationale, ``rated_by`` (the
    actor) and ``rated_at`` (now); one audit entry ("preparedness.objective.rate": the rating
    before and after). PermissionDenied, audited denied, unless the actor is one of the
    exercise's evaluators; ValidationError naming ``phase`` (neither conduct nor
    evaluation), ``rating`` (not P/S/M/U) or ``notes_es`` (no rationale, too long) /
    ``notes_en`` (too long).
    """
    exercise = objective.exercise
    _require(
        actor,
        "preparedness.rate_objective",
        exercise,
        "preparedness.objective.rate",
        _("Only the exercise's evaluators rate its objectives."),
        obj=objective,
    )
    errors: dict[str, list[str]] = {}
    if rating not in Rating.values:
        errors["rating"] = [_("Choose P, S, M or U.")]
    es = _optional_text(notes_es, "notes_es", errors, MAX_TEXT)
    en = _optional_text(notes_en, "notes_en", errors, MAX_TEXT)
    if not es and not en and "notes_es" not in errors and "notes_en" not in errors:
        errors["notes_es"] = [_("Give the rationale of the rating, in Spanish or in English.")]
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        current = _locked(exercise)
        _in_phase(current, EVALUATING, _("Objectives are rated during conduct and evaluation."))
        row = ExerciseObjective.objects.select_for_update().get(pk=objective.pk)
        before = row.rating or None
        row.rating, row.rating_notes_es, row.rating_notes_en = rating, es, en
        row.rated_by, row.rated_at = actor, clock.now()
        row.full_clean(exclude=["exercise", "capabilities", "rated_by"])
        row.save(
            update_fields=["rating", "rating_notes_es", "rating_notes_en", "rated_by", "rated_at"]
        )
        record(
            actor=actor,
            action="preparedness.objective.rate",
            obj=row,
            changes={"number": row.number, "rating": [before, rating]},
        )
    return row


def save_hotwash(*, actor: User, exercise: Exercise, hotwash_es: str, hotwash_en: str) -> Exercise:
    """Write the hot-wash notes (Spanish and English; either may be empty), once conduct has
    started.

    Side effects, in one transaction: the exercise's ``hotwash_es`` and ``hotwash_en``; one
    audit entry ("preparedness.exercise.hotwash": which languages changed). PermissionDenied,
    audited denied, unless the actor is the exercise's director, one of its controllers or
    evaluators, or a coordinator; ValidationError naming ``phase`` (still in design) or
    ``hotwash_es`` / ``hotwash_en`` (too long).
    """
    _require(
        actor,
        "preparedness.write_hotwash",
        exercise,
        "preparedness.exercise.hotwash",
        _(
            "Only the exercise's director, controllers, evaluators or a coordinator write the "
            "hot-wash notes."
        ),
    )
    errors: dict[str, list[str]] = {}
    es = _optional_text(hotwash_es, "hotwash_es", errors, MAX_HOTWASH)
    en = _optional_text(hotwash_en, "hotwash_en", errors, MAX_HOTWASH)
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        current = _locked(exercise)
        if current.phase == ExercisePhase.DESIGN:
            raise ValidationError({"phase": _("The hot wash follows the exercise's conduct.")})
        changed = [
            name
            for name, value in (("hotwash_es", es), ("hotwash_en", en))
            if getattr(current, name) != value
        ]
        current.hotwash_es, current.hotwash_en = es, en
        current.save(update_fields=["hotwash_es", "hotwash_en"])
        record(
            actor=actor,
            action="preparedness.exercise.hotwash",
            obj=current,
            changes={"changed": changed},
        )
    return current
