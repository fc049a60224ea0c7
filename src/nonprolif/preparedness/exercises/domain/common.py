"""What the design services share: the permission and phase checks, the lock, the
classification rule."""

from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from nonprolif.core.domain.audit import refuse
from nonprolif.core.models import ClassificationLevel, User
from nonprolif.core.rules import has_perm
from nonprolif.preparedness.models import (
    Exercise,
    ExercisePhase,
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


def require(actor: Any, perm: str, obj: Any, action: str, why: str) -> None:
    if not has_perm(perm, actor, obj):
        refuse(actor=actor, action=action, why=why, obj=obj)


def require_change(actor: Any, exercise: Exercise, action: str) -> None:
    require(
        actor,
        "preparedness.change_exercise",
        exercise,
        action,
        _("Only a coordinator or the exercise's director changes the exercise."),
    )


def require_open(exercise: Exercise, phases: Iterable[str] = OPEN_PHASES) -> None:
    if exercise.phase not in phases:
        raise ValidationError(
            {
                "phase": _("The exercise is in %(phase)s: its design no longer changes.")
                % {"phase": exercise.get_phase_display()}
            }
        )


def locked_exercise(exercise: Exercise) -> Exercise:
    return Exercise.objects.select_for_update().get(pk=exercise.pk)


def lowest_rank() -> int:
    lowest = ClassificationLevel.objects.order_by("rank").values_list("rank", flat=True).first()
    return lowest if lowest is not None else 0


def check_classification(actor: User, level: Any, errors: dict[str, list[str]]) -> None:
    if not isinstance(level, ClassificationLevel) or level.rank <= lowest_rank():
        return
    clearance = getattr(actor, "clearance", None)
    if clearance is None or clearance.rank < level.rank:
        errors.setdefault("classification", []).append(
            _("At most your clearance (or the lowest level).")
        )


def program_agency_ids(program: Program) -> set[int]:
    ids = {program.lead_agency_id}
    ids.update(program.member_agencies.values_list("pk", flat=True))
    ids.update(program.partner_agencies.values_list("pk", flat=True))
    return ids
