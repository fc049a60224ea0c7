"""Creating and changing an exercise, and its objectives."""

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from nonprolif.core.domain.audit import diff, record, snapshot
from nonprolif.core.models import Agency, User
from nonprolif.preparedness.exercises.domain.common import (
    EXERCISE_FIELDS,
    check_classification,
    locked_exercise,
    program_agency_ids,
    require,
    require_change,
    require_open,
)
from nonprolif.preparedness.models import (
    CoreCapability,
    Exercise,
    ExerciseObjective,
    ExercisePhase,
)
from nonprolif.program.models import Program


def _check_agencies(program: Program, agencies: Any, errors: dict[str, list[str]]) -> list[Agency]:
    chosen = list(agencies or [])
    if not chosen:
        errors.setdefault("agencies", []).append(_("Choose at least one agency."))
        return []
    allowed = program_agency_ids(program)
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


def _changes_of(before: dict[str, Any], after: dict[str, Any]) -> dict[str, Any]:
    return {k: ("changed" if k in TEXT_FIELDS else v) for k, v in diff(before, after).items()}


def create_exercise(*, actor: User, program: Program, agencies: Any, **fields: Any) -> Exercise:
    """Create an exercise of ``program`` in phase design, taking part ``agencies`` (agencies of
    the program), with ``fields`` (EXERCISE_FIELDS); its classification is at most the
    actor's clearance unless it is the lowest level.

    Side effects, in one transaction: the Exercise row, its agencies, one audit entry
    ("preparedness.exercise.create": program, kind, classification, agencies). A refusal
    (not a coordinator) is audited as denied ("preparedness.exercise.create")."""
    require(
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
    check_classification(actor, fields.get("classification"), errors)
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
    require_change(actor, exercise, "preparedness.exercise.update")
    unknown = set(fields) - set(EXERCISE_FIELDS)
    if unknown:
        raise ValidationError({name: _("Unknown field.") for name in sorted(unknown)})
    with transaction.atomic():
        exercise = locked_exercise(exercise)
        require_open(exercise)
        before = snapshot(exercise)
        before_agencies = sorted(exercise.agencies.values_list("code", flat=True))
        errors: dict[str, list[str]] = {}
        chosen = (
            _check_agencies(exercise.program, agencies, errors) if agencies is not None else None
        )
        if "classification" in fields and fields["classification"] != exercise.classification:
            check_classification(actor, fields["classification"], errors)
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
    require_change(actor, exercise, "preparedness.objective.add")
    errors: dict[str, list[str]] = {}
    chosen = _check_capabilities(capabilities, errors)
    with transaction.atomic():
        exercise = locked_exercise(exercise)
        require_open(exercise)
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
    require_change(actor, exercise, "preparedness.objective.update")
    errors: dict[str, list[str]] = {}
    chosen = _check_capabilities(capabilities, errors) if capabilities is not None else None
    with transaction.atomic():
        require_open(locked_exercise(exercise))
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
    require_change(actor, exercise, "preparedness.objective.remove")
    with transaction.atomic():
        require_open(locked_exercise(exercise), (ExercisePhase.DESIGN,))
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
