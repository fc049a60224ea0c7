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

from nonprolif.preparedness.exercises.domain.common import (
    EXERCISE_FIELDS,
    INJECT_FIELDS,
    OPEN_PHASES,
)
from nonprolif.preparedness.exercises.domain.exercises import (
    add_objective,
    create_exercise,
    remove_objective,
    update_exercise,
    update_objective,
)
from nonprolif.preparedness.exercises.domain.msel import add_inject, remove_inject, update_inject
from nonprolif.preparedness.exercises.domain.participants import add_participant, remove_participant

__all__ = [
    "EXERCISE_FIELDS",
    "INJECT_FIELDS",
    "OPEN_PHASES",
    "add_inject",
    "add_objective",
    "add_participant",
    "create_exercise",
    "remove_inject",
    "remove_objective",
    "remove_participant",
    "update_exercise",
    "update_inject",
    "update_objective",
]
