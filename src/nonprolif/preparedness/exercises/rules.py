"""Who may act on exercises. The people in an exercise's roles (director, controllers,
evaluators, players) act on that exercise only, and only while they may read it (its
classification within their clearance: ``Exercise.objects.visible_to``). Coordinators create
exercises and change any; auditors read and change nothing."""

import rules

from nonprolif.core.rules import is_coordinator
from nonprolif.preparedness.models import Exercise, ExerciseParticipant, ParticipantRole


def holds(role: str):
    """The predicate "the user holds ``role`` in the exercise (and may read it)"."""

    @rules.predicate(name=f"is_exercise_{role}")
    def predicate(user, exercise) -> bool:
        if exercise is None or not getattr(user, "is_authenticated", False):
            return False
        if not user.is_active:
            return False
        return (
            ExerciseParticipant.objects.filter(
                exercise_id=exercise.pk, user_id=user.pk, role=role
            ).exists()
            and Exercise.objects.visible_to(user).filter(pk=exercise.pk).exists()
        )

    return predicate


is_director = holds(ParticipantRole.DIRECTOR)
is_controller = holds(ParticipantRole.CONTROLLER)
is_evaluator = holds(ParticipantRole.EVALUATOR)
is_player = holds(ParticipantRole.PLAYER)


@rules.predicate
def signed_in(user) -> bool:
    return bool(getattr(user, "is_authenticated", False)) and user.is_active


rules.add_perm("preparedness.view_exercises", signed_in)
rules.add_perm("preparedness.add_exercise", is_coordinator)  # object: the program (or None)
rules.add_perm("preparedness.change_exercise", is_coordinator | is_director)  # object: exercise
