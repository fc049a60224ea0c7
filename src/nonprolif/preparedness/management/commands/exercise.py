"""``manage.py exercise ACTION``: exercises from the shell.

- ``aar --exercise ID --lang es|en --format pdf|html [--output FILE] [--as USERNAME]``: the
  exercise's After-Action Report / Improvement Plan, with its classification marking. HTML
  goes to standard output without ``--output``; a PDF needs ``--output`` (or a redirection).

The report is read as a user, through the same rule as the pages (an exercise the user may
not read does not exist): ``--as``, else the one active coordinator of the lead agency of
the exercise's program. The read is audited ("exercise.aar.view").
"""

import sys
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.http import Http404

from nonprolif.core.domain.audit import record
from nonprolif.core.models import User
from nonprolif.core.roles import Role
from nonprolif.core.web.forms import as_id
from nonprolif.preparedness.aar.facts import LANGUAGES, aar_facts
from nonprolif.preparedness.aar.render import FORMATS, render
from nonprolif.preparedness.exercises.queries import get_exercise_for
from nonprolif.preparedness.models import Exercise


def _reader(exercise_id: Any, username: str | None) -> User:
    """The login the report is read as: --as, else the one active coordinator of the lead
    agency of the exercise's program."""
    if username:
        user = User.objects.filter(username=username, is_active=True).first()
        if user is None:
            raise CommandError(f"as: no active user {username!r}.")
        return user
    number = as_id(exercise_id)
    exercise = (
        Exercise.objects.select_related("program").filter(pk=number).first()
        if number is not None
        else None
    )
    if exercise is None:
        raise CommandError(f"exercise: no exercise {exercise_id}.")
    coordinators = list(
        User.objects.filter(
            is_active=True,
            groups__name=Role.COORDINATOR,
            agency_id=exercise.program.lead_agency_id,
        ).order_by("username")
    )
    if len(coordinators) != 1:
        raise CommandError(
            "as: name the user the report is read as (--as USERNAME); "
            f"found {len(coordinators)} coordinators of the lead agency."
        )
    return coordinators[0]


def _write(command: BaseCommand, body: bytes, output: str | None, kind: str, label: str) -> None:
    if output:
        try:
            Path(output).write_bytes(body)
        except OSError as error:
            raise CommandError(f"output: {error}") from error
        command.stderr.write(f"{label}: {output}")
        return
    if kind == "pdf" and sys.stdout.isatty():
        raise CommandError("output: a PDF needs --output FILE (or a redirection).")
    stream = getattr(command.stdout, "_out", sys.stdout)
    stream.flush()
    if hasattr(stream, "buffer"):
        stream.buffer.write(body)
        stream.buffer.flush()
    else:
        stream.write(body.decode("utf-8", errors="replace"))


class Command(BaseCommand):
    help = (
        "Exercises: write an exercise's After-Action Report / Improvement Plan in Spanish or "
        "English, as PDF or HTML, with every figure from the database as the reading user "
        "sees it."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        actions = parser.add_subparsers(dest="action", required=True, metavar="ACTION")
        aar = actions.add_parser("aar", help="the After-Action Report / Improvement Plan")
        aar.add_argument("--exercise", required=True, metavar="ID", help="the exercise's id")
        aar.add_argument("--lang", required=True, choices=LANGUAGES)
        aar.add_argument("--format", required=True, choices=FORMATS)
        aar.add_argument("--output", metavar="FILE", help="write here (default: stdout)")
        aar.add_argument(
            "--as",
            dest="username",
            metavar="USERNAME",
            help="read as this user (default: the lead agency's only coordinator)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        user = _reader(options["exercise"], options["username"])
        try:
            exercise = get_exercise_for(user, options["exercise"])
        except Http404 as error:
            raise CommandError(f"exercise: no exercise {options['exercise']}.") from error
        facts = aar_facts(exercise=exercise, user=user, language=options["lang"])
        body = render(facts, options["format"])
        record(
            actor=user,
            action="exercise.aar.view",
            obj=exercise,
            changes={"lang": options["lang"], "format": options["format"], "via": "cli"},
        )
        _write(self, body, options["output"], options["format"], exercise.code)
