"""The people in an exercise's roles."""

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from nonprolif.core.domain.audit import record
from nonprolif.core.models import User
from nonprolif.core.roles import Role
from nonprolif.preparedness.exercises.domain.common import (
    locked_exercise,
    lowest_rank,
    require_change,
    require_open,
)
from nonprolif.preparedness.models import (
    Exercise,
    ExerciseParticipant,
    ParticipantRole,
)

# Participants -------------------------------------------------------------------------------


def _check_participant(exercise: Exercise, user: Any, role: Any) -> None:
    errors: dict[str, list[str]] = {}
    if role not in ParticipantRole.values:
        errors["role"] = [_("Choose a role.")]
    if not isinstance(user, User) or not user.is_active:
        errors["user"] = [_("Choose an active user.")]
    else:
        of_agency = (
            user.agency_id is not None and exercise.agencies.filter(pk=user.agency_id).exists()
        )
        if not of_agency and not user.has_role(Role.COORDINATOR):
            errors["user"] = [_("The user is of none of the exercise's agencies.")]
        elif exercise.classification.rank > lowest_rank() and (
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
    require_change(actor, exercise, "preparedness.participant.add")
    with transaction.atomic():
        exercise = locked_exercise(exercise)
        require_open(exercise)
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
    require_change(actor, exercise, "preparedness.participant.remove")
    with transaction.atomic():
        require_open(locked_exercise(exercise))
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
