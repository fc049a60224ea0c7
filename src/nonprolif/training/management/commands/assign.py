"""``manage.py assign --program CODE [--dry-run] [--format table|json]``: assign the approved
nominees of a program to its sessions and print the plan, its objective terms and the reason
for everyone left out."""

import json

from django.core.management.base import BaseCommand, CommandError

from nonprolif.program.models import Program
from nonprolif.training.nominations.domain.assignment import run_assignment

FORMATS = ("table", "json")


def _table(rows: list[list[str]]) -> list[str]:
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    lines = [
        "  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)).rstrip()
        for row in rows
    ]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return lines


def as_table(plan) -> str:
    data = plan.as_json()
    lines = [
        f"Program {data['program']}: "
        + ("dry run, nothing written" if data["dry_run"] else "assignment applied")
        + f" (method {data['method']}, {'optimal' if data['optimal'] else 'not proven optimal'})",
        "",
    ]
    rows = [["item", "audience", "start", "capacity", "placed", "by agency"]]
    for s in data["sessions"]:
        rows.append(
            [
                str(s["item"]),
                f"cohort {s['cohort']}" if s["cohort"] is not None else s["audience"],
                s["start"],
                str(s["capacity"]),
                str(len(s["participants"])),
                " ".join(f"{code}={n}" for code, n in s["by_agency"].items()),
            ]
        )
    lines += _table(rows)
    lines += ["", "Objective: " + ", ".join(f"{k}={v}" for k, v in data["objective"].items())]
    if data["left_out"]:
        lines += ["", f"Left out ({len(data['left_out'])}):"]
        rows = [["item", "waitlist", "agency", "official", "reason"]]
        for entry in data["left_out"]:
            rows.append(
                [
                    str(entry["item"]),
                    str(entry["waitlist_position"] or "-"),
                    entry["agency"],
                    entry["official"],
                    f"{entry['reason_code']}: {entry['reason']}",
                ]
            )
        lines += _table(rows)
    else:
        lines += ["", "Nobody left out."]
    return "\n".join(lines)


class Command(BaseCommand):
    help = (
        "Assign the approved nominees of a program to the sessions of its accepted items "
        "(those not held yet), optimally within each agency's seats, and print the plan, its "
        "objective terms and the reason for everyone left out. When an assignment is in force "
        "it is re-planned with as few changes as possible. JSON: an object with sessions "
        "(item, cohort, audience, start, capacity, participants, by_agency), objective, "
        "left_out (official, agency, item, reason_code, reason) and dry_run."
    )

    def add_arguments(self, parser):
        parser.add_argument("--program", metavar="CODE", required=True, help="the program's code")
        parser.add_argument(
            "--dry-run", action="store_true", help="show the plan without writing anything"
        )
        parser.add_argument(
            "--format", choices=FORMATS, default="table", help="output format (default table)"
        )

    def handle(self, *args, **options):
        program = Program.objects.filter(code=options["program"]).first()
        if program is None:
            known = ", ".join(Program.objects.values_list("code", flat=True)) or "none"
            raise CommandError(
                f"--program: no program with the code “{options['program']}” (known: {known})"
            )
        plan = run_assignment(actor=None, program=program, dry_run=options["dry_run"])
        if options["format"] == "json":
            self.stdout.write(json.dumps(plan.as_json(), indent=2, ensure_ascii=False))
        else:
            self.stdout.write(as_table(plan))
