"""``manage.py calendar [--program CODE] [--format table|json|csv|ics]``: print a program's
training calendar (the sessions generated from its accepted items)."""

import json

from django.core.management.base import BaseCommand, CommandError

from nonprolif.program.models import Program
from nonprolif.training.calendar import exports, ics
from nonprolif.training.calendar.domain import regenerate_sessions
from nonprolif.training.calendar.queries import command_line_sessions

FORMATS = ("table", "json", "csv", "ics")


def session_json(session) -> dict:
    """The JSON form of a session: the command line's contract."""
    return {
        "item": session.item_number,
        "item_title": session.title,
        "cohort": session.cohort,
        "audience": session.audience_code,
        "start": session.start.isoformat(),
        "end": session.end.isoformat(),
        "capacity": session.capacity,
        "planned": session.planned.isoformat(),
        "reason": session.reason_en,
        "venue": str(session.venue) if session.venue_id else None,
        "language": session.language,
        "sequence": session.sequence,
        "uid": session.uid,
        "pending": session.pending,
    }


def table(sessions) -> str:
    headers = ["item", "audience", "start", "end", "days", "capacity", "planned", "reason"]
    rows = [
        [
            str(s.item_number),
            s.audience_code if s.cohort is None else f"cohort {s.cohort}",
            s.start.isoformat(),
            s.end.isoformat(),
            str(len(s.days)),
            str(s.capacity),
            s.planned.isoformat(),
            s.reason_en or "",
        ]
        for s in sessions
    ]
    widths = [max(len(row[i]) for row in [headers, *rows]) for i in range(len(headers))]
    lines = [
        "  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)).rstrip()
        for row in [headers, *rows]
    ]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(lines)


class Command(BaseCommand):
    help = (
        "Print a program's training calendar: the sessions generated from its accepted "
        "proposal items (regenerated automatically after every review decision). JSON is a "
        "list of objects with item, item_title, cohort, audience, start, end, capacity, "
        "planned (the date before any move), reason (null when not moved) and uid."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--program",
            metavar="CODE",
            help="the program's code (may be left out when there is only one program)",
        )
        parser.add_argument(
            "--format", choices=FORMATS, default="table", help="output format (default table)"
        )
        parser.add_argument(
            "--regenerate",
            action="store_true",
            help="regenerate the sessions from the accepted items first",
        )
        parser.add_argument(
            "--confirm",
            action="store_true",
            help="with --regenerate: also move or remove sessions that have participants",
        )

    def handle(self, *args, **options):
        program = self._program(options["program"])
        if options["confirm"] and not options["regenerate"]:
            raise CommandError("--confirm: only together with --regenerate")
        if options["regenerate"]:
            report = regenerate_sessions(program=program, actor=None, confirm=options["confirm"])
            counts = ", ".join(f"{name} {n}" for name, n in report.summary().items())
            self.stderr.write(f"Regenerated {program.code}: {counts}.")
            for change in report.blocked:
                self.stderr.write(
                    f"  waiting for confirmation: item {change.item_number} {change.label} "
                    f"({change.detail})"
                )
            for change in report.unscheduled:
                self.stderr.write(f"  not scheduled: item {change.item_number}: {change.detail}")
        sessions = list(command_line_sessions(program))
        output = options["format"]
        if output == "json":
            self.stdout.write(
                json.dumps([session_json(s) for s in sessions], indent=2, ensure_ascii=False)
            )
        elif output == "csv":
            self.stdout.write(exports.to_csv(sessions), ending="")
        elif output == "ics":
            body = ics.to_ical(sessions, name=program.name)
            self.stdout.write(body.decode("utf-8"), ending="")
        elif sessions:
            self.stdout.write(table(sessions))
        else:
            self.stdout.write(f"{program.code}: no sessions (no accepted training items yet).")

    def _program(self, code: str | None) -> Program:
        if code:
            program = Program.objects.filter(code=code).first()
            if program is None:
                known = ", ".join(Program.objects.values_list("code", flat=True)) or "none"
                raise CommandError(f"--program: no program with the code “{code}” (known: {known})")
            return program
        programs = list(Program.objects.all()[:2])
        if len(programs) == 1:
            return programs[0]
        if not programs:
            raise CommandError("--program: there is no program yet (load one: nonprolif seed)")
        known = ", ".join(Program.objects.values_list("code", flat=True))
        raise CommandError(f"--program: several programs exist, name one of: {known}")
