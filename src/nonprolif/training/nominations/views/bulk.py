"""Approving or declining many nominations of the approval queue at once: the ticked rows
come to a confirmation page that lists them and what will change (and which rows cannot be
decided, and why); confirming decides them all or none."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from nonprolif.core.audit_reads import note_read
from nonprolif.core.web.submit import add_service_errors
from nonprolif.program.queries import get_program_for
from nonprolif.training.models.nomination import NominationStatus
from nonprolif.training.nominations.domain.bulk import (
    BulkDecision,
    batch_errors,
    batch_nominations,
    decide_nominations,
)
from nonprolif.training.nominations.forms import BulkDecisionForm
from nonprolif.training.nominations.queries import visible_items


def report_message(report: BulkDecision) -> str:
    """What a batch did, in a sentence or two: how many approved or declined, who was
    promoted from the waitlist."""
    count = len(report.decided)
    if report.decision == NominationStatus.APPROVED:
        text = ngettext(
            "%(count)d nomination approved.", "%(count)d nominations approved.", count
        ) % {"count": count}
    else:
        text = ngettext(
            "%(count)d nomination declined.", "%(count)d nominations declined.", count
        ) % {"count": count}
    if report.promoted:
        text += " " + promoted_message(report.promoted)
    return text


def promoted_message(promoted) -> str:
    """ "Ana Ferrer was promoted from the waitlist." (or the names of several)."""
    names = ", ".join(n.official.full_name for n in promoted)
    return ngettext(
        "%(names)s was promoted from the waitlist.",
        "%(names)s were promoted from the waitlist.",
        len(promoted),
    ) % {"names": names}


@require_POST
def nomination_bulk_decide(request, code):
    """POST from the approval queue: ``ids`` (the ticked rows) and ``decision``. Without
    ``confirm``: the confirmation page. With it: decide them all (back to the queue with
    the report) or none (the confirmation page again, 400, naming each row that cannot)."""
    program = get_program_for(request.user, code)
    if not request.user.has_perm("training.decide_nomination"):
        raise PermissionDenied
    form = BulkDecisionForm(request.POST)
    valid = form.is_valid()
    data = form.cleaned_data if valid else {}
    ids = data.get("ids") or []
    nominations = batch_nominations(actor=request.user, program=program, ids=ids) if ids else []
    items = {item.key: item for item in visible_items(request.user, program)}
    for nomination in nominations:
        nomination.item = items.get(nomination.item_key)
    note_read(request, action="nomination.list", objects=nominations)
    status = 200
    if valid and data["confirm"]:
        try:
            report = decide_nominations(
                actor=request.user,
                program=program,
                ids=ids,
                decision=data["decision"],
                reason=data["reason"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
            status = 400
        else:
            messages.success(request, report_message(report))
            return redirect("nomination_queue", code=program.code)
    elif valid:
        problems = batch_errors(nominations, data["decision"], data["reason"] or "x")
        if problems:
            add_service_errors(form, ValidationError(problems))
    else:
        status = 400
    return render(
        request,
        "training/nominations/bulk_confirm.html",
        {
            "program": program,
            "form": form,
            "nominations": nominations,
            "decision": data.get("decision"),
            "approve": data.get("decision") == NominationStatus.APPROVED,
        },
        status=status,
    )
