"""Whether a database may receive a generated data set.

Generated rows are told apart by their markers (see ``shapes``): agency codes starting with
``GEN-``, program codes and the conference acronym with ``gen-``, usernames with ``gen-``.
"""

from __future__ import annotations

from nonprolif.core.models import Agency, Official, User
from nonprolif.events.models import Conference, Meeting
from nonprolif.program.models import Program

from .shapes import AGENCY_PREFIX, PROGRAM_PREFIX, USER_PREFIX


class GenerationRefusedError(Exception):
    """The database holds data that a generation must not mix with (the message says which)."""


def _sample(rows, field: str) -> str:
    names = list(rows.order_by(field).values_list(field, flat=True)[:3])
    return ", ".join(str(name) for name in names)


def foreign_data() -> list[str]:
    """What the database holds that no generation made: one line per kind of row, with a
    count and a few examples; empty when nothing."""
    checks = [
        ("agencies", Agency.objects.exclude(code__startswith=AGENCY_PREFIX), "code"),
        ("programs", Program.objects.exclude(code__startswith=PROGRAM_PREFIX), "code"),
        ("users", User.objects.exclude(username__startswith=USER_PREFIX), "username"),
        (
            "officials",
            Official.objects.exclude(agency__code__startswith=AGENCY_PREFIX),
            "email",
        ),
        (
            "meetings",
            Meeting.objects.exclude(program__code__startswith=PROGRAM_PREFIX),
            "title_en",
        ),
        (
            "conferences",
            Conference.objects.exclude(acronym__startswith=PROGRAM_PREFIX),
            "acronym",
        ),
    ]
    found = []
    for label, rows, field in checks:
        count = rows.count()
        if count:
            found.append(f"{count} {label} (e.g. {_sample(rows, field)})")
    return found


def check_database(*, force: bool) -> None:
    """Raise GenerationRefusedError when a generated data set is already there (always), or when
    the database holds data no generation made (unless ``force``)."""
    if Agency.objects.filter(code__startswith=AGENCY_PREFIX).exists():
        raise GenerationRefusedError(
            "the database already holds a generated data set (agencies coded "
            f"{AGENCY_PREFIX}…); generate into an empty, migrated database"
        )
    foreign = foreign_data()
    if foreign and not force:
        raise GenerationRefusedError(
            "the database holds data that were not generated: "
            + "; ".join(foreign)
            + ". Use an empty, migrated database, or --force to add the generated data "
            "beside them"
        )
