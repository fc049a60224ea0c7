"""Who may act on an exercise's conduct and evaluation (HSEEP), built from the exercise's
role predicates (``exercises/rules.py``). The object is always the exercise.

- ``preparedness.conduct_exercise``: start and end conduct — the exercise's director, or a
  coordinator who may read the exercise.
- ``preparedness.deliver_inject``, ``preparedness.record_action``: deliver injects and
  record the players' actions — the exercise's controllers and its director.
- ``preparedness.observe``, ``preparedness.rate_objective``: observations and the Exercise
  Evaluation Guide's ratings — the exercise's evaluators only.
- ``preparedness.write_hotwash``: the hot-wash notes — the director, the controllers, the
  evaluators, a coordinator.
- ``preparedness.view_observations``, ``preparedness.view_upcoming_injects``: the
  evaluators' observations and the injects not delivered yet are for the exercise's staff
  (director, controllers, evaluators) and for coordinators and auditors; players see the
  injects as they are delivered and the actions recorded, not what is coming nor what the
  evaluators write.

Auditors read and write nothing here; the role predicates already require that the user may
read the exercise (its classification within his clearance).
"""

import rules

from nonprolif.core.rules import is_auditor, is_coordinator
from nonprolif.preparedness.exercises.rules import (
    is_controller,
    is_director,
    is_evaluator,
)
from nonprolif.preparedness.models import Exercise


@rules.predicate
def reads_exercise(user, exercise) -> bool:
    """The user may read the exercise (``Exercise.objects.visible_to``)."""
    if exercise is None or not getattr(user, "is_authenticated", False):
        return False
    return Exercise.objects.visible_to(user).filter(pk=exercise.pk).exists()


coordinates = is_coordinator & reads_exercise
staff = is_director | is_controller | is_evaluator

rules.add_perm("preparedness.conduct_exercise", coordinates | is_director)
rules.add_perm("preparedness.deliver_inject", is_director | is_controller)
rules.add_perm("preparedness.record_action", is_director | is_controller)
rules.add_perm("preparedness.observe", is_evaluator)
rules.add_perm("preparedness.rate_objective", is_evaluator)
rules.add_perm("preparedness.write_hotwash", coordinates | staff)
rules.add_perm(
    "preparedness.view_observations", ((is_coordinator | is_auditor) & reads_exercise) | staff
)
rules.add_perm(
    "preparedness.view_upcoming_injects",
    ((is_coordinator | is_auditor) & reads_exercise) | staff,
)
