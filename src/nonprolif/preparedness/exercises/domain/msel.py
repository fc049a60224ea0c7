"""The MSEL's injects."""

import datetime
from typing import Any
from zoneinfo import ZoneInfo

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from nonprolif.core.domain.audit import diff, record, snapshot
from nonprolif.core.models import User
from nonprolif.preparedness.exercises.domain.common import (
    INJECT_FIELDS,
    locked_exercise,
    require_change,
    require_open,
)
from nonprolif.preparedness.models import (
    Exercise,
    Inject,
)

# The MSEL -----------------------------------------------------------------------------------


def _check_inject(exercise: Exercise, inject: Inject) -> None:
    errors: dict[str, list[str]] = {}
    objective = inject.objective if inject.objective_id is not None else None
    if objective is not None and objective.exercise_id != exercise.pk:
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
    require_change(actor, exercise, "preparedness.inject.add")
    unknown = set(fields) - set(INJECT_FIELDS)
    if unknown:
        raise ValidationError({name: _("Unknown field.") for name in sorted(unknown)})
    with transaction.atomic():
        exercise = locked_exercise(exercise)
        require_open(exercise)
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
    require_change(actor, exercise, "preparedness.inject.update")
    unknown = set(fields) - set(INJECT_FIELDS)
    if unknown:
        raise ValidationError({name: _("Unknown field.") for name in sorted(unknown)})
    with transaction.atomic():
        exercise = locked_exercise(exercise)
        require_open(exercise)
        inject = Inject.objects.select_for_update().get(pk=inject.pk)
        if inject.delivered_at is not None:
            raise ValidationError({"inject": _("A delivered inject no longer changes.")})
        before = snapshot(inject)
        for name, value in fields.items():
            setattr(inject, name, value)
        _check_inject(exercise, inject)
        inject.save()
        changes: dict[str, Any] = {
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
    require_change(actor, exercise, "preparedness.inject.remove")
    with transaction.atomic():
        require_open(locked_exercise(exercise))
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
