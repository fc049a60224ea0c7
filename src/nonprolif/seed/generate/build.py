"""Write a generated data set with bulk inserts (see the package's docstring)."""

from __future__ import annotations

import random
from collections import Counter
from dataclasses import dataclass, field

from django.db import transaction

from nonprolif.core.domain.audit import record

from .accounts import Login, write_logins_file
from .directory import DirectorySteps
from .events import EventSteps
from .guard import check_database
from .training import TrainingSteps
from .writer import GenerationSpec


@dataclass
class GenerationResult:
    counts: Counter = field(default_factory=Counter)
    logins: list[Login] = field(default_factory=list)
    seconds: float = 0.0
    steps: dict[str, float] = field(default_factory=dict)  # seconds per step


class _Writer(DirectorySteps, TrainingSteps, EventSteps):
    """Every step of the generation, in the order ``generate`` runs them."""


def generate(spec: GenerationSpec) -> GenerationResult:
    """Write a generated data set (one transaction) and its logins file; see the package's
    docstring. Raises GenerationRefusedError (nothing written) when the database holds a
    generated data set, or data no generation made (unless ``spec.force``); ValueError when
    the sizes cannot fit (more nominations than the officials allow).

    Side effects: the rows (bulk inserts), ONE audit entry ``seed.generate`` with the seed
    and the counts, and the logins file when ``spec.logins_file`` is set."""
    import time

    started = time.perf_counter()
    if spec.officials < 1 or spec.programs < 1 or spec.nominations < 0:
        raise ValueError("officials and programs: at least 1; nominations: at least 0")
    rng = random.Random(spec.seed)  # noqa: S311 (reproducible fiction, not secrets)
    writer = _Writer(spec, rng)
    with transaction.atomic():
        check_database(force=spec.force)
        steps = (
            writer.agencies,
            writer.logins,
            writer.officials,
            writer.programs,
            writer.sessions,
            writer.nominations,
            writer.participation,
            writer.meetings,
            writer.conference,
        )
        for step in steps:
            begun = time.perf_counter()
            step()
            writer.steps[step.__name__] = time.perf_counter() - begun
        record(
            actor=None,
            action="seed.generate",
            object_type="seed.generate",
            object_repr=f"generated data set, seed {spec.seed}",
            changes={
                "seed": spec.seed,
                "officials": spec.officials,
                "nominations": spec.nominations,
                "programs": spec.programs,
                "today": writer.today.isoformat(),
                "rows": dict(sorted(writer.counts.items())),
            },
        )
    if spec.logins_file is not None:
        write_logins_file(
            spec.logins_file, seed=spec.seed, password=spec.password, logins=writer.login_list
        )
    return GenerationResult(
        counts=writer.counts,
        logins=writer.login_list,
        seconds=time.perf_counter() - started,
        steps=writer.steps,
    )
