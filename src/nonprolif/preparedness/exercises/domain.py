"""Designing an exercise: the exercise itself, its objectives (mapped to core capabilities),
the people in its roles and the MSEL's injects.

Who writes: a coordinator creates an exercise (``preparedness.add_exercise``); a coordinator
or the exercise's director changes it (``preparedness.change_exercise``). Auditors never
write. Every refusal is audited (outcome denied) before PermissionDenied is raised, outside
the service's transaction. Audit entries name the exercise ``EX-<id>`` and carry numbers,
codes and ids, never the scenario's text.

The rules the brief left open, as decided here:

- The design (the exercise's facts, its objectives, its participants) and the MSEL change
  while the exercise is in design or conduct: controllers adjust the MSEL and people join
  during conduct. From evaluation on, what the after-action report rests on is fixed.
- An objective is removed only in design, and never while an inject, an observation or a
  corrective action names it (those rows would lose it).
- A delivered inject is history: it is neither changed nor removed.
- Numbers (objectives, injects) are the next after the highest given; a removed one leaves
  its number unused (documents already cite the others).
- An inject is scheduled within the exercise's days (in the program's time zone).
- A participant is an active user of one of the exercise's agencies, or a coordinator, and
  is cleared for the exercise's classification (otherwise he could not read it).
"""

import datetime
from collections.abc import Iterable
from typing import Any
from zoneinfo import ZoneInfo

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from nonprolif.core.domain.audit import diff, record, refuse, snapshot
from nonprolif.core.models import Agency, ClassificationLevel, User
from nonprolif.core.roles import Role
from nonprolif.core.rules import has_perm
from nonprolif.preparedness.models import (
    CoreCapability,
    Exercise,
    ExerciseObjective,
    ExerciseParticipant,
    ExercisePhase,
    Inject,
    ParticipantRole,
)
from nonprolif.program.models import Program

EXERCISE_FIELDS = (
    "title_es",
    "title_en",
    "kind",
    "cbrn_category",
    "scenario_es",
    "scenario_en",
    "starts_on",
    "ends_on",
    "venue",
    "classification",
)
INJECT_FIELDS = (
    "scheduled_at",
    "synopsis_es",
    "synopsis_en",
    "sender",
    "recipient",
    "expected_action_es",
    "expected_action_en",
    "objective",
)
#: The phases in which the design and the MSEL change.
OPEN_PHASES = (ExercisePhase.DESIGN, ExercisePhase.CONDUCT)


def _require(actor: Any, perm: str, obj: Any, action: str, why: str) -> None:
    if not has_perm(perm, actor, obj):
        refuse(actor=actor, action=action, why=why, obj=obj)


def _require_change(actor: Any, exercise: Exercise, action: str) -> None:
    _require(
        actor,
        "preparedness.change_exercise",
        exercise,
        action,
        _("Only a coordinator or the exercise's director changes the exercise."),
    )


def _require_open(exercise: Exercise, phases: Iterable[str] = OPEN_PHASES) -> None:
    if exercise.phase not in phases:
        raise ValidationError(
            {
                "phase": _("The exercise is in %(phase)s: its design no longer changes.")
                % {"phase": exercise.get_phase_display()}
            }
        )


def _locked(exercise: Exercise) -> Exercise:
    return Exercise.objects.select_for_update().get(pk=exercise.pk)


def _lowest_rank() -> int:
    lowest = ClassificationLevel.objects.order_by("rank").values_list("rank", flat=True).first()
    return lowest if lowest is not None else 0


def _check_classification(actor: User, level: Any, errors: dict[str, list[str]]) -> None:
    if not isinstance(level, ClassificationLevel) or level.rank <= _lowest_rank():
        return
    clearance = getattr(actor, "clearance", None)
    if clearance is None or clearance.rank < level.rank:
        errors.setdefault("classification", []).append(
            _("At most your clearance (or the lowest level).")
        )


def _program_agency_ids(program: Program) -> set[int]:
    ids = {program.lead_agency_id}
    ids.update(program.member_agencies.values_list("pk", flat=True))
    ids.update(program.partner_agencies.values_list("pk", flat=True))
    return ids


def _check_agencies(program: Program, agencies: Any, errors: dict[str, list[str]]) -> list[Agency]:
    chosen = list(agencies or [])
    if not chosen:
        errors.setdefault("agencies", []).append(_("Choose at least one agency."))
        return []
    allowed = _program_agency_ids(program)
    if any(agency.pk not in allowed for agency in chosen):
        errors.setdefault("agencies", []).append(
            _("Only agencies of the program take part in its exercises.")
        )
    return chosen


def _validated(exercise: Exercise, errors: dict[str, list[str]]) -> None:
    try:
        exercise.full_clean(exclude=["program", "created_by", "after_action_meeting"])
    except ValidationError as error:
        for field, messages in error.message_dict.items():
            errors.setdefault(field, []).extend(messages)
    if errors:
        raise ValidationError(errors)


#: Texts an audit entry only names as changed (its readers need no clearance).
TEXT_FIELDS = ("title_es", "title_en", "scenario_es", "scenario_en", "venue")


def _changes_of(before: dict, after: dict) -> dict[str, Any]:
    return {k: ("changed" if k in TEXT_FIELDS else v) for k, v in diff(before, after).items()}


def create_exercise(*, actor: User, program: Program, agencies: Any, **fields: Any) -> Exercise:
    """Create an exercise of ``program`` in phase design, taking part ``agencies`` (agencies of
    the program), with ``fields`` (EXERCISE_FIELDS); its classification is at most the
    actor's clearance unless it is the lowest level.

    Side effects, in one transaction: the Exercise row, its agencies, one audit entry
    ("preparedness.exercise.create": program, kind, classification, agencies). A refusal
    (not a coordinator) is audited as denied ("preparedness.exercise.create")."""
    _require(
        actor,
        "preparedness.add_exercise",
        program,
        "preparedness.exercise.create",
        _("Only a coordinator creates exercises."),
    )
    unknown = set(fields) - set(EXERCISE_FIELDS)
    if unknown:
        raise ValidationError({name: _("Unknown field.") for name in sorted(unknown)})
    errors: dict[str, list[str]] = {}
    chosen = _check_agencies(program, agencies, errors)
    _check_classification(actor, fields.get("classification"), errors)
    exercise = Exercise(program=program, created_by=actor, **fields)
    _validated(exercise, errors)
    with transaction.atomic():
        exercise.save()
        exercise.agencies.set(chosen)
        record(
            actor=actor,
            action="preparedness.exercise.create",
            obj=exercise,
            changes={
                "program": program.code,
                "kind": exercise.kind,
                "classification": exercise.classification.code,
                "agencies": sorted(a.code for a in chosen),
            },
        )
    return exercise


def update_exercise(
    *, actor: User, exercise: Exercise, agencies: Any = None, **fields: Any
) -> Exercise:
    """Change the exercise's facts (``fields``: any of EXERCISE_FIELDS) and, when given, its
    agencies, while it is in design or conduct.

    Side effects, in one transaction: the Exercise row, its agencies, one audit entry
    ("preparedness.exercise.update": each changed field before and after, the scenario's
    text left out). A refusal is audited as denied."""
    _require_change(actor, exercise, "preparedness.exercise.update")
    unknown = set(fields) - set(EXERCISE_FIELDS)
    if unknown:
        raise ValidationError({name: _("Unknown field.") for name in sorted(unknown)})
    with transaction.atomic():
        exercise = _locked(exercise)
        _require_open(exercise)
        before = snapshot(exercise)
        before_agencies = sorted(exercise.agencies.values_list("code", flat=True))
        errors: dict[str, list[str]] = {}
        chosen = _check_agencies(exercise.program, agencies, errors) if agencies is not None else None
        if "classification" in fields and fields["classification"] != exercise.classification:
            _check_classification(actor, fields["classification"], errors)
        for name, value in fields.items():
            setattr(exercise, name, value)
        _validated(exercise, errors)
        exercise.save()
        changes = _changes_of(before, snapshot(exercise))
        if chosen is not None:
            exercise.agencies.set(chosen)
            after_agencies = sorted(a.code for a in chosen)
            if after_agencies != before_agencies:
                changes["agencies"] = [before_agencies, after_agencies]
        record(actor=actor, action="preparedness.exercise.update", obj=exercise, changes=changes)
    return exercise


# Objectives ---------------------------------------------------------------------------------


def _check_capabilities(capabilities: Any, errors: dict[str, list[str]]) -> list[CoreCapability]:
    chosen = list(capabilities or [])
    if not chosen:
        errors.setdefault("capabilities", []).append(_("Map the objective to a core capability."))
    return chosen


def _clean_objective(objective: ExerciseObjective, errors: dict[str, list[str]]) -> None:
    try:
        objective.full_clean(exclude=["exercise", "rated_by"], validate_constraints=False)
    except ValidationError as error:
        for field, messages in error.message_dict.items():
            errors.setdefault(field, []).extend(messages)
    if errors:
        raise ValidationError(errors)


def add_objective(
    *, actor: User, exercise: Exercise, text_es: str, text_en: str, capabilities: Any
) -> ExerciseObjective:
    """Add an objective to the exercise, numbered after the highest, mapped to
    ``capabilities`` (core capabilities, at least one), while it is in design or conduct.

    Side effects, in one transaction: the ExerciseObjective row, its capabilities, one audit
    entry ("preparedness.objective.add": the exercise, the number, the capabilities' codes).
    A refusal is audited as denied."""
    _require_change(actor, exercise, "preparedness.objective.add")
    errors: dict[str, list[str]] = {}
    chosen = _check_capabilities(capabilities, errors)
    with transaction.atomic():
        exercise = _locked(exercise)
        _require_open(exercise)
        highest = exercise.objectives.aggregate(n=Max("number"))["n"] or 0
        objective = ExerciseObjective(
            exercise=exercise,
            number=highest + 1,
            text_es=(text_es or "").strip(),
            text_en=(text_en or "").strip(),
        )
        _clean_objective(objective, errors)
        objective.save()
        objective.capabilities.set(chosen)
        record(
            actor=actor,
            action="preparedness.objective.add",
            obj=objective,
            changes={
                "exercise": exercise.code,
                "number": objective.number,
                "capabilities": sorted(c.code for c in chosen),
            },
        )
    return objective


def update_objective(
    *,
    actor: User,
    objective: ExerciseObjective,
    text_es: str | None = None,
    text_en: str | None = None,
    capabilities: Any = None,
) -> ExerciseObjective:
    """Change an objective's texts and, when given, its capabilities (while the exercise is
    in design or conduct).

    Side effects, in one transaction: the row, its capabilities, one audit entry
    ("preparedness.objective.update": which texts changed, the capabilities before and
    after). A refusal is audited as denied."""
    exercise = objective.exercise
    _require_change(actor, exercise, "preparedness.objective.update")
    errors: dict[str, list[str]] = {}
    chosen = _check_capabilities(capabilities, errors) if capabilities is not None else None
    with transaction.atomic():
        _require_open(_locked(exercise))
        objective = ExerciseObjective.objects.select_for_update().get(pk=objective.pk)
        changes: dict[str, Any] = {"exercise": exercise.code, "number": objective.number}
        for name, value in (("text_es", text_es), ("text_en", text_en)):
            if value is not None and value.strip() != getattr(objective, name):
                setattr(objective, name, value.strip())
                changes[name] = "changed"
        _clean_objective(objective, errors)
        objective.save()
        if chosen is not None:
            before = sorted(objective.capabilities.values_list("code", flat=True))
            objective.capabilities.set(chosen)
            after = sorted(c.code for c in chosen)
            if before != after:
                changes["capabilities"] = [before, after]
        record(actor=actor, action="preparedness.objective.update", obj=objective, changes=changes)
    return objective


def remove_objective(*, actor: User, objective: ExerciseObjective) -> None:
    """Remove an objective (only in design, and only when no inject, observation or
    corrective action names it).

    Side effects, in one transaction: the row deleted, one audit entry
    ("preparedness.objective.remove": the exercise and the number). A refusal is audited as
    denied."""
    exercise = objective.exercise
    _require_change(actor, exercise, "preparedness.objective.remove")
    with transaction.atomic():
        _require_open(_locked(exercise), (ExercisePhase.DESIGN,))
        objective = ExerciseObjective.objects.select_for_update().get(pk=objective.pk)
        if (
            objective.injects.exists()
            or objective.observations.exists()
            or objective.corrective_actions.exists()
        ):
            raise ValidationError(
                {
                    "objective": _(
                        "Injects, observations or corrective actions name this objective: "
                        "change them first."
                    )
                }
            )
        record(
            actor=actor,
            action="preparedness.objective.remove",
            obj=objective,
            changes={"exercise": exercise.code, "number": objective.number},
        )
        objective.delete()


# Participants -------------------------------------------------------------------------------


def _check_participant(exercise: Exercise, user: Any, role: Any) -> None:
    errors: dict[str, list[str]] = {}
    if role not in ParticipantRole.values:
        errors["role"] = [_("Choose a role.")]
    if not isinstance(user, User) or not user.is_active:
        errors["user"] = [_("Choose an active user.")]
    else:
        of_agency = (
            user.agency_id is not None
            and exercise.agencies.filter(pk=user.agency_id).exists()
        )
        if not of_agency and not user.has_role(Role.COORDINATOR):
            errors["user"] = [_("The user is of none of the exercise's agencies.")]
        elif exercise.classification.rank > _lowest_rank() and (
            user.clearance is None or user.clearance.rank < exercise.classification.rank
        ):
            errors["user"] = [_("The user is not cleared for the exercise's classification.")]
    if errors:
        raise ValidationError(errors)


def add_participant(
    *, actor: User, exercise: Exercise, user: Any, role: str
) -> ExerciseParticipant:
    """Give ``user`` the ``role`` (director, controller, evaluator, player) in the exercise:
    an active user of one of its agencies, or a coordinator, cleared for its classification;
    while the exercise is in design or conduct.

    Side effects, in one transaction: the ExerciseParticipant row, one audit entry
    ("preparedness.participant.add": the exercise, the user's id and the role). A refusal is
    audited as denied."""
    _require_change(actor, exercise, "preparedness.participant.add")
    with transaction.atomic():
        exercise = _locked(exercise)
        _require_open(exercise)
        _check_participant(exercise, user, role)
        if ExerciseParticipant.objects.filter(exercise=exercise, user=user, role=role).exists():
            raise ValidationError({"user": _("The user already holds this role.")})
        participant = ExerciseParticipant.objects.create(exercise=exercise, user=user, role=role)
        record(
            actor=actor,
            action="preparedness.participant.add",
            obj=participant,
            changes={"exercise": exercise.code, "user": user.pk, "role": role},
        )
    return participant


def remove_participant(*, actor: User, participant: ExerciseParticipant) -> None:
    """Take a role away (while the exercise is in design or conduct).

    Side effects, in one transaction: the row deleted, one audit entry
    ("preparedness.participant.remove": the exercise, the user's id, the role). A refusal is
    audited as denied."""
    exercise = participant.exercise
    _require_change(actor, exercise, "preparedness.participant.remove")
    with transaction.atomic():
        _require_open(_locked(exercise))
        record(
            actor=actor,
            action="preparedness.participant.remove",
            obj=participant,
            changes={
                "exercise": exercise.code,
                "user": participant.user_id,
                "role": participant.role,
            },
        )
        participant.delete()


# The MSEL -----------------------------------------------------------------------------------


def _check_inject(exercise: Exercise, inject: Inject) -> None:
    errors: dict[str, list[str]] = {}
    if inject.objective_id is not None and inject.objective.exercise_id != exercise.pk:
        errors["objective"] = [_("Choose an objective of this exercise.")]
    try:
        inject.full_clean(
            exclude=["exercise", "objective", "delivered_by"], validate_constraints=False
        )
    except ValidationError as error:
        for field, messages in error.message_dict.items():
            errors.setdefault(field, []).extend(messages)
    at = inject.scheduled_at
    if isinstance(at, datetime.datetime) and "scheduled_at" not in errors:
        day = at.astimezone(ZoneInfo(exercise.program.time_zone)).date()
        if not exercise.starts_on <= day <= exercise.ends_on:
            errors["scheduled_at"] = [_("Within the exercise's days.")]
    if errors:
        raise ValidationError(errors)


def add_inject(*, actor: User, exercise: Exercise, **fields: Any) -> Inject:
    """Add an inject to the MSEL, numbered after the highest, with ``fields``
    (INJECT_FIELDS; the objective, if any, one of the exercise's), while the exercise is in
    design or conduct.

    Side effects, in one transaction: the Inject row, one audit entry
    ("preparedness.inject.add": the exercise, the number, the time, the objective's
    number). A refusal is audited as denied."""
    _require_change(actor, exercise, "preparedness.inject.add")
    unknown = set(fields) - set(INJECT_FIELDS)
    if unknown:
        raise ValidationError({name: _("Unknown field.") for name in sorted(unknown)})
    with transaction.atomic():
        exercise = _locked(exercise)
        _require_open(exercise)
        highest = exercise.injects.aggregate(n=Max("number"))["n"] or 0
        inject = Inject(exercise=exercise, number=highest + 1, **fields)
        _check_inject(exercise, inject)
        inject.save()
        record(
            actor=actor,
            action="preparedness.inject.add",
            obj=inject,
            changes={
                "exercise": exercise.code,
                "number": inject.number,
                "scheduled_at": inject.scheduled_at.isoformat(),
                "objective": inject.objective.number if inject.objective else None,
            },
        )
    return inject


def update_inject(*, actor: User, inject: Inject, **fields: Any) -> Inject:
    """Change an inject that is not yet delivered (``fields``: any of INJECT_FIELDS), while
    the exercise is in design or conduct.

    Side effects, in one transaction: the row, one audit entry ("preparedness.inject.update":
    the changed fields before and after, the texts only named). A refusal is audited as
    denied."""
    exercise = inject.exercise
    _require_change(actor, exercise, "preparedness.inject.update")
    unknown = set(fields) - set(INJECT_FIELDS)
    if unknown:
        raise ValidationError({name: _("Unknown field.") for name in sorted(unknown)})
    with transaction.atomic():
        exercise = _locked(exercise)
        _require_open(exercise)
        inject = Inject.objects.select_for_update().get(pk=inject.pk)
        if inject.delivered_at is not None:
            raise ValidationError({"inject": _("A delivered inject no longer changes.")})
        before = snapshot(inject)
        for name, value in fields.items():
            setattr(inject, name, value)
        _check_inject(exercise, inject)
        inject.save()
        changes = {
            k: (v if k in ("scheduled_at", "objective", "sender", "recipient") else "changed")
            for k, v in diff(before, snapshot(inject)).items()
        }
        changes.update(exercise=exercise.code, number=inject.number)
        record(actor=actor, action="preparedness.inject.update", obj=inject, changes=changes)
    return inject


def remove_inject(*, actor: User, inject: Inject) -> None:
    """Remove an inject that is not yet delivered (while the exercise is in design or
    conduct).

    Side effects, in one transaction: the row deleted, one audit entry
    ("preparedness.inject.remove": the exercise and the number). A refusal is audited as
    denied."""
    exercise = inject.exercise
    _require_change(actor, exercise, "preparedness.inject.remove")
    with transaction.atomic():
        _require_open(_locked(exercise))
        inject = Inject.objects.select_for_update().get(pk=inject.pk)
        if inject.delivered_at is not None:
            raise ValidationError({"inject": _("A delivered inject is not removed.")})
        record(
            actor=actor,
            action="preparedness.inject.remove",
            obj=inject,
            changes={"exercise": exercise.code, "number": inject.number},
        )
        inject.delete()
