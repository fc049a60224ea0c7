"""``manage.py review --program CODE --as USERNAME (--accept ITEM | --reject ITEM --reason TEXT
| --amend ITEM ... --reason TEXT | --accept-all)``: record the coordinator's decisions on the
items of a program's current proposal, for scripting. ITEM is the item's number in the
program's current proposal (the latest version)."""

import datetime
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.http import Http404
from django.utils import translation
from django.utils.translation import gettext as _

from nonprolif.core.management.commands.seed import validation_message
from nonprolif.core.models import User
from nonprolif.program.domain import decide_all, decide_item
from nonprolif.program.models import Decision
from nonprolif.program.queries import (
    agencies_by_codes,
    current_proposals_for,
    get_program_for,
    items_for,
    proposals_for,
)


def _item_number(value: str) -> int:
    try:
        number = int(value)
    except ValueError:
        number = 0
    if number < 1:
        raise CommandError(f"item: {value!r} is not an item number (1, 2, 3...).")
    return number


def _date(value: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(value)
    except ValueError as error:
        raise CommandError(f"start: {value!r} is not a date (YYYY-MM-DD).") from error


class Command(BaseCommand):
    help = (
        "Record the national coordinator's decisions on the items of a program's current "
        "proposal: accept one item, reject one (with --reason), accept one with amendments "
        "(--amend with the changed values and --reason), or accept every item that awaits "
        "review. ITEM is the item's number in the current (latest) version of the proposal. "
        "The decision is taken as the user given with --as, who must be a coordinator."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--program", required=True, metavar="CODE", help="the program code")
        parser.add_argument(
            "--as", required=True, dest="username", metavar="USERNAME", help="the coordinator"
        )
        parser.add_argument(
            "--proposal",
            type=int,
            metavar="ID",
            help="the proposal, when several partner agencies have a current proposal",
        )
        action = parser.add_mutually_exclusive_group(required=True)
        action.add_argument("--accept", metavar="ITEM", help="accept this item as proposed")
        action.add_argument("--reject", metavar="ITEM", help="reject this item (needs --reason)")
        action.add_argument(
            "--amend", metavar="ITEM", help="accept this item with amendments (needs --reason)"
        )
        action.add_argument(
            "--accept-all", action="store_true", help="accept every item that awaits review"
        )
        parser.add_argument("--reason", default="", help="the rationale of the decision")
        amend = parser.add_argument_group("amendments (with --amend)")
        amend.add_argument("--cohort-size", type=int, metavar="N")
        amend.add_argument("--cohorts", type=int, metavar="N", help="number of cohorts")
        amend.add_argument("--start", metavar="YYYY-MM-DD", help="start date")
        amend.add_argument("--cadence", type=int, metavar="MONTHS", help="months between cohorts")
        amend.add_argument("--session-days", type=int, metavar="N", help="business days")
        amend.add_argument(
            "--agencies", metavar="CODE,CODE", help="target agencies (empty: every agency)"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        user = User.objects.filter(username=options["username"], is_active=True).first()
        if user is None:
            raise CommandError(f"as: there is no active user {options['username']!r}.")
        with translation.override(user.language or None):
            try:
                return self.run(user, options)
            except ValidationError as error:
                raise CommandError(validation_message(error)) from error
            except PermissionDenied as error:
                raise CommandError(
                    _("as: %(user)s is not allowed to decide on proposal items.")
                    % {"user": user.username}
                ) from error

    def run(self, user, options):
        self.user = user
        try:
            program = get_program_for(user, options["program"])
        except Http404 as error:
            raise CommandError(
                _("program: there is no program %(code)s.") % {"code": options["program"]}
            ) from error
        proposal = self.proposal(user, program, options["proposal"])
        amendments = self.amendments(user, options)
        if amendments and not options["amend"]:
            raise CommandError(_("Amended values go with --amend ITEM."))
        if options["accept_all"]:
            rows = decide_all(
                proposal=proposal,
                decision=Decision.ACCEPTED,
                actor=user,
                rationale=options["reason"],
            )
            self.report_all(proposal, rows)
            return
        for name, decision in (
            ("accept", Decision.ACCEPTED),
            ("reject", Decision.REJECTED),
            ("amend", Decision.AMENDED),
        ):
            if options[name] is not None:
                item = self.item(user, proposal, options[name])
                if decision == Decision.AMENDED and not amendments:
                    raise CommandError(
                        _(
                            "amendments: give the changed values (--cohort-size, --cohorts, "
                            "--start, --cadence, --session-days, --agencies)."
                        )
                    )
                row = decide_item(
                    item=item,
                    decision=decision,
                    actor=user,
                    rationale=options["reason"],
                    amendments=amendments if decision == Decision.AMENDED else None,
                )
                self.report_one(proposal, item, row)
                return

    def proposal(self, user, program, proposal_id):
        if proposal_id is not None:
            proposal = proposals_for(user).filter(program=program, pk=proposal_id).first()
            if proposal is None:
                raise CommandError(
                    _("proposal: the program has no proposal %(id)s.") % {"id": proposal_id}
                )
            return proposal
        current = list(current_proposals_for(user, program))
        if not current:
            raise CommandError(
                _("program: %(code)s has no proposal to review.") % {"code": program.code}
            )
        if len(current) > 1:
            names = ", ".join(f"{p.pk} ({p.submitted_by.code} v{p.version})" for p in current)
            raise CommandError(
                _(
                    "proposal: the program has several current proposals; choose one with "
                    "--proposal: %(names)s."
                )
                % {"names": names}
            )
        return current[0]

    def item(self, user, proposal, value):
        number = _item_number(value)
        item = items_for(user).filter(proposal=proposal, number=number).first()
        if item is None:
            raise CommandError(
                _("item: the proposal %(proposal)s (version %(version)s) has no item %(number)s.")
                % {"proposal": proposal.title, "version": proposal.version, "number": number}
            )
        return item

    def amendments(self, user, options) -> dict:
        values = {
            "cohort_size": options["cohort_size"],
            "cohort_count": options["cohorts"],
            "start_date": _date(options["start"]) if options["start"] else None,
            "cadence_months": options["cadence"],
            "session_days": options["session_days"],
        }
        amendments = {name: value for name, value in values.items() if value is not None}
        if options["agencies"] is not None:
            codes = [code.strip() for code in options["agencies"].split(",") if code.strip()]
            amendments["target_agencies"] = agencies_by_codes(user, codes, field_name="agencies")
        return amendments

    def report_one(self, proposal, item, row):
        line = _("Item %(number)s (%(title)s): %(decision)s.") % {
            "number": item.number,
            "title": item.title,
            "decision": row.get_decision_display(),
        }
        amended = row.amended_values()
        if amended:
            line += " " + ", ".join(f"{name}={value}" for name, value in amended.items())
        self.stdout.write(line)
        self.stdout.write(self.status_line(proposal))

    def report_all(self, proposal, rows):
        if rows:
            self.stdout.write(
                _("Accepted %(count)s items of %(proposal)s (version %(version)s): %(numbers)s.")
                % {
                    "count": len(rows),
                    "proposal": proposal.title,
                    "version": proposal.version,
                    "numbers": ", ".join(str(row.item.number) for row in rows),
                }
            )
        else:
            self.stdout.write(_("No item awaited review; nothing changed."))
        self.stdout.write(self.status_line(proposal))

    def status_line(self, proposal) -> str:
        fresh = proposals_for(self.user).get(pk=proposal.pk)
        return _("Proposal status: %(status)s.") % {"status": fresh.status.label}
