"""``manage.py report --program CODE --lang es|en --format pdf|html|md|json [--output FILE]
[--as-of YYYY-MM-DD] [--marking unclassified|sbu|confidential] [--as USERNAME]``: the
program's status report as a reporting cable."""

import datetime
import json
import sys
from pathlib import Path
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.http import Http404

from nonprolif.core.models import User
from nonprolif.core.roles import Role
from nonprolif.program.models import Program
from nonprolif.program.queries import get_program_for
from nonprolif.reports import vocabulary
from nonprolif.reports.domain import issue_cable
from nonprolif.reports.render import render_html, render_markdown, render_pdf


def _date(value: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(value)
    except ValueError as error:
        raise CommandError(f"as-of: {value!r} is not a date (YYYY-MM-DD).") from error


def _author(program_code: str, username: str | None) -> User:
    """The login the report is generated as: --as, else the one active coordinator of the
    program's lead agency."""
    if username:
        user = User.objects.filter(username=username, is_active=True).first()
        if user is None:
            raise CommandError(f"as: no active user {username!r}.")
        return user
    program = Program.objects.filter(code=program_code).first()
    if program is None:
        raise CommandError(f"program: no program {program_code!r}.")
    coordinators = list(
        User.objects.filter(
            is_active=True, groups__name=Role.COORDINATOR, agency_id=program.lead_agency_id
        ).order_by("username")
    )
    if len(coordinators) != 1:
        raise CommandError(
            "as: name the coordinator the report is generated as (--as USERNAME); "
            f"found {len(coordinators)} coordinators of the lead agency."
        )
    return coordinators[0]


class Command(BaseCommand):
    help = (
        "Generate a program's status report as a reporting cable, in Spanish or English, as "
        "PDF, HTML, Markdown or JSON. Every figure comes from the database as the generating "
        "user (a coordinator or auditor) sees it; each report gets the next reference number "
        "and is recorded in the audit log."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--program", required=True, metavar="CODE", help="the program code")
        parser.add_argument("--lang", required=True, choices=vocabulary.LANGUAGES)
        parser.add_argument("--format", required=True, choices=["pdf", "html", "md", "json"])
        parser.add_argument("--output", metavar="FILE", help="write here (default: stdout)")
        parser.add_argument(
            "--as-of",
            metavar="YYYY-MM-DD",
            help="the report's date (default: today in the program's time zone)",
        )
        parser.add_argument(
            "--marking", choices=list(vocabulary.MARKINGS), default=vocabulary.DEFAULT_MARKING
        )
        parser.add_argument(
            "--as",
            dest="username",
            metavar="USERNAME",
            help="generate as this user (default: the lead agency's only coordinator)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        user = _author(options["program"], options["username"])
        try:
            program = get_program_for(user, options["program"])
        except Http404 as error:
            raise CommandError(f"program: no program {options['program']!r}.") from error
        as_of = _date(options["as_of"]) if options["as_of"] else None
        try:
            cable = issue_cable(
                actor=user,
                program=program,
                language=options["lang"],
                as_of=as_of,
                marking=options["marking"],
            )
        except PermissionDenied as error:
            raise CommandError(f"as: {user.username} may not generate reports.") from error
        except ValidationError as error:
            raise CommandError(str(error)) from error
        output = options["format"]
        if output == "pdf":
            body: bytes = render_pdf(cable)
        elif output == "json":
            body = json.dumps(cable.as_dict(), ensure_ascii=False, indent=2).encode()
        elif output == "html":
            body = render_html(cable).encode()
        else:
            body = render_markdown(cable).encode()
        if options["output"]:
            Path(options["output"]).write_bytes(body)
            self.stderr.write(f"{cable.header.reference}: {options['output']}")
        elif output == "pdf" and sys.stdout.isatty():
            raise CommandError("output: a PDF needs --output FILE (or a redirection).")
        else:
            stream = getattr(self.stdout, "_out", sys.stdout)
            stream.flush()
            if hasattr(stream, "buffer"):
                stream.buffer.write(body)
                stream.buffer.flush()
            else:
                stream.write(body.decode("utf-8", errors="replace"))
