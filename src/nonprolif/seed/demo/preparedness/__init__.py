"""The demo of preparedness: one tabletop exercise from plan to improvement (``content``,
``msel``, ``conduct``; loaded by ``exercise``) and the 1540 matrix partly filled with its
action plan (``matrix``).

The document's ``preparedness`` section names the program and the coordinator's login (who
created the exercise, recorded the improvement plan and filled the matrix); the content is
fixed in these modules (no randomness), keyed by natural keys, so a second load changes
nothing and writes no audit entry.
"""

from __future__ import annotations

from typing import Any

from nonprolif.core.models import User
from nonprolif.program.models import Program
from nonprolif.seed.loader.checks import check_entry, fail
from nonprolif.seed.loader.result import SeedResult

from .exercise import load_demo_exercise
from .matrix import demo_matrix, load_demo_matrix

PREPAREDNESS_KEYS = {"program", "coordinator"}

__all__ = ["demo_matrix", "load_demo_exercise", "load_demo_matrix", "load_demo_preparedness"]


def load_demo_preparedness(
    spec: dict[str, Any], *, result: SeedResult, actor: User | None = None
) -> None:
    """The demo exercise (:func:`load_demo_exercise`) and the matrix
    (:func:`load_demo_matrix`) of the section's ``program``. Errors name the place in the
    document. Side effects: those of the two loaders."""
    check_entry(spec, "preparedness", PREPAREDNESS_KEYS)
    program = Program.objects.filter(code=spec["program"]).first()
    if program is None:
        fail("preparedness.program", f"unknown program “{spec['program']}”")
    coordinator = User.objects.filter(username=spec["coordinator"]).first()
    if coordinator is None:
        fail("preparedness.coordinator", f"unknown login “{spec['coordinator']}”")
    load_demo_exercise(program=program, coordinator=coordinator, result=result, actor=actor)
    load_demo_matrix(program=program, coordinator=coordinator, result=result, actor=actor)
