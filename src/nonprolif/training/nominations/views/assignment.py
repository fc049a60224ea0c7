"""The assignment page: a summary (seats filled per session and per agency, the objective of
the run in force, how many nominees got each reason) and the placements and the waitlist as
filtered, paginated tables; coordinators run the assignment or a dry run.

Whatever the number of nominees, the page runs a fixed number of queries: the summary is
aggregated by the database, the tables are pages."""

from collections import Counter

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from nonprolif.core.audit_reads import note_read
from nonprolif.core.web.pagination import paginate
from nonprolif.program.queries import get_program_for, program_agencies
from nonprolif.training.models import Session
from nonprolif.training.nominations.domain.assignment import run_assignment
from nonprolif.training.nominations.domain.reasons import REASON_TEXT, reason_text
from nonprolif.training.nominations.forms import AssignmentFilterForm
from nonprolif.training.nominations.queries import (
    NOT_PLANNED,
    SUMMARY_FIGURES,
    agency_fill,
    assignment_placements,
    assignment_waitlist,
    item_summary,
    latest_run,
    reason_counts,
    session_fill,
    visible_items,
)

PAGE_SIZE = 50

OBJECTIVE_LABELS = {
    "assigned": gettext_lazy("Nominees placed"),
    "priority": gettext_lazy(
        "Sum of the waitlist positions placed (lower: earlier nominees placed first)"
    ),
    "preference": gettext_lazy("Preference cost (cohorts not chosen first)"),
    "mix": gettext_lazy("Agency mix cost"),
    "changes": gettext_lazy("Cost of the changes to the assignment in force"),
    "total": gettext_lazy("Total cost minimised"),
    "moved": gettext_lazy("Nominees moved"),
    "mix_excess": gettext_lazy("Places over the agency mix"),
    "mix_violations": gettext_lazy("Sessions over the agency mix"),
    "bound": gettext_lazy("Proven lower bound of the total"),
}


def objective_rows(objective: dict[str, object]) -> list[tuple[str, str, object]]:
    """(key, label, value) of each objective term, labelled in the reader's language, in
    the order of ``OBJECTIVE_LABELS`` then any other term (PostgreSQL's jsonb keeps no
    order)."""
    order = {key: index for index, key in enumerate(OBJECTIVE_LABELS)}
    keys = sorted(objective, key=lambda key: (order.get(key, len(order)), key))
    return [(key, str(OBJECTIVE_LABELS.get(key, key)), objective[key]) for key in keys]


def reason_label(code: str) -> str:
    return str(REASON_TEXT.get(code, code)) if code else _("Not planned yet")


def applied_message(plan) -> str:
    """What an applied run did, in one sentence: placed, waitlisted, left out, moved,
    promoted."""
    waitlisted = sum(1 for entry in plan.left_out if entry.waitlist_rank is not None)
    return _(
        "Assignment applied: %(n)d nominees placed, %(waiting)d on the waitlist, %(out)d left "
        "out without a session that fits; %(moved)d moved, %(promoted)d promoted from the "
        "waitlist."
    ) % {
        "n": plan.assigned,
        "waiting": waitlisted,
        "out": len(plan.left_out) - waitlisted,
        "moved": len(plan.moved),
        "promoted": len(plan.promoted),
    }


def plan_items(plan, items) -> list[dict]:
    """A plan just computed, per item (course): its sessions, seats, nominees placed, on the
    waitlist and left out, in item order."""
    rows: dict = {}
    for entry in plan.sessions:
        row = rows.setdefault(entry.session.item_key, dict.fromkeys(SUMMARY_FIGURES, 0))
        row["sessions"] += 1
        row["seats"] += entry.session.capacity or 0
        row["placed"] += len(entry.participants)
    for entry in plan.left_out:
        row = rows.setdefault(entry.item.key, dict.fromkeys(SUMMARY_FIGURES, 0))
        row["waitlisted" if entry.waitlist_rank is not None else "left_out"] += 1
    return [
        {"item": items[key], **figures}
        for key, figures in sorted(rows.items(), key=lambda pair: items[pair[0]].number)
        if key in items
    ]


def totals(rows) -> dict[str, int]:
    return {name: sum(row[name] for row in rows) for name in SUMMARY_FIGURES}


def _plan_context(plan, items) -> dict:
    """What the page shows of a dry run (a plan not stored, so not paged): its objective,
    its figures per item and in all, and the reasons counted."""
    reasons = Counter(entry.code for entry in plan.left_out)
    per_item = plan_items(plan, items)
    return {
        "plan_objective": objective_rows(plan.objective),
        "plan_reasons": [(reason_label(code), n) for code, n in reasons.most_common()],
        "plan_items": per_item,
        "plan_totals": totals(per_item),
    }


def assignment_page(request, code):
    """GET: the assignment in force as the user may see it (``item``, ``agency``,
    ``session``, ``reason`` filter it; ``sessions_page``, ``placed_page``, ``waiting_page``
    page it). POST (coordinators): run it (``dry_run=1``: show the plan without writing)."""
    user = request.user
    program = get_program_for(user, code)
    can_run = user.has_perm("training.run_assignment", program)
    plan = None
    if request.method == "POST":
        if not can_run:
            raise PermissionDenied
        dry_run = request.POST.get("dry_run") == "1"
        plan = run_assignment(actor=user, program=program, dry_run=dry_run)
        if not dry_run:
            # The run is stored: the page of the assignment in force shows it, summarised,
            # filtered and paginated (a reload does not run it again).
            messages.success(request, applied_message(plan))
            return redirect("assignment", code=program.code)
        messages.info(request, _("Dry run: nothing was written."))
    items = {item.key: item for item in visible_items(user, program)}
    form = AssignmentFilterForm(
        request.GET or None, items=items.values(), agencies=program_agencies(program)
    )
    form.is_valid()
    criteria = getattr(form, "cleaned_data", {})
    keys = [key for key in items if not criteria.get("item") or str(key) == criteria["item"]]
    agency = criteria.get("agency") or None
    session_pk = criteria.get("session")
    session = None
    if session_pk:
        session = Session.objects.visible_to(user).filter(program=program, pk=session_pk).first()
    placed = paginate(
        request,
        assignment_placements(user, program, keys, session=session_pk, agency=agency),
        PAGE_SIZE,
        param="placed_page",
    )
    waiting = paginate(
        request,
        assignment_waitlist(user, program, keys, agency=agency, reason=criteria.get("reason")),
        PAGE_SIZE,
        param="waiting_page",
    )
    for nomination in waiting.object_list:
        nomination.item = items[nomination.item_key]
        nomination.reason_shown = reason_text(nomination.outcome_code, nomination.outcome_details)
    sessions = paginate(
        request, session_fill(user, program, keys), PAGE_SIZE, param="sessions_page"
    )
    note_read(
        request,
        action="assignment.view",
        objects=[p.official for p in placed.object_list] + [n.official for n in waiting],
        changes={"search": {k: str(v) for k, v in criteria.items() if v}},
    )
    summary = item_summary(user, program, keys)
    per_item = [{"item": items[key], **summary[key]} for key in keys]
    per_item.sort(key=lambda row: row["item"].number)
    run = latest_run(program)
    context = {
        "summary_items": per_item,
        "show": criteria.get("show") or "",
        "summary": totals(per_item),
        "program": program,
        "can_run": can_run,
        "plan": plan,
        "run": run,
        "objective": objective_rows(run.objective) if run else [],
        "form": form,
        "session": session,
        "sessions": sessions,
        "agencies": agency_fill(user, program, keys),
        "reasons": [
            {**row, "label": reason_label(row["code"]), "value": row["code"] or NOT_PLANNED}
            for row in reason_counts(user, program, keys)
        ],
        "placed": placed,
        "waiting": waiting,
    }
    if plan is not None:
        context.update(_plan_context(plan, items))
    return render(request, "training/nominations/assignment.html", context)
