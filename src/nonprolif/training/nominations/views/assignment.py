"""The assignment page: per session its participants by agency, the waitlist with reasons;
coordinators run the assignment or a dry run."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import render
from django.utils.translation import gettext as _

from nonprolif.core.audit_reads import note_read
from nonprolif.program.queries import get_program_for
from nonprolif.training.nominations.domain.assignment import run_assignment
from nonprolif.training.nominations.domain.reasons import reason_text
from nonprolif.training.nominations.queries import (
    latest_run,
    placed_participants,
    visible_items,
    waitlist,
)


def assignment_page(request, code):
    """GET: the assignment in force as the user may see it. POST (coordinators): run it
    (``dry_run=1``: show the plan without writing)."""
    program = get_program_for(request.user, code)
    note_read(request, action="assignment.view", obj=program)
    can_run = request.user.has_perm("training.run_assignment", program)
    plan = None
    if request.method == "POST":
        if not can_run:
            raise PermissionDenied
        dry_run = request.POST.get("dry_run") == "1"
        plan = run_assignment(actor=request.user, program=program, dry_run=dry_run)
        if dry_run:
            messages.info(request, _("Dry run: nothing was written."))
        else:
            messages.success(
                request,
                _("Assignment applied: %(n)d nominees placed.") % {"n": plan.assigned},
            )
    items = {item.key: item for item in visible_items(request.user, program)}
    sessions = {}  # session pk -> {"session", "by_agency", "participants"}
    for participant in placed_participants(request.user, program):
        session = participant.session
        if session.item_key not in items:
            continue
        entry = sessions.setdefault(
            session.pk, {"session": session, "by_agency": {}, "participants": []}
        )
        code_ = participant.official.agency.code
        entry["by_agency"][code_] = entry["by_agency"].get(code_, 0) + 1
        entry["participants"].append(participant)
    waiting = list(waitlist(request.user, program).filter(item_key__in=list(items)))
    for nomination in waiting:
        nomination.item = items[nomination.item_key]
        nomination.reason_shown = reason_text(nomination.outcome_code, nomination.outcome_details)
    return render(
        request,
        "training/nominations/assignment.html",
        {
            "program": program,
            "can_run": can_run,
            "plan": plan,
            "run": latest_run(program),
            "sessions": [
                {**entry, "by_agency": sorted(entry["by_agency"].items())}
                for entry in sessions.values()
            ],
            "waiting": waiting,
        },
    )
