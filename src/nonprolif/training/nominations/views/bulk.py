"""Approving or declining many nominations of the approval queue at once: the ticked rows
come to a confirmation page that lists them and what will change (and which rows cannot be
decided, and why); confirming decides them all or none."""

from functools import partial

from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from nonprolif.core.web.bulk import bulk_decision_page
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
    return bulk_decision_page(
        request,
        BulkDecisionForm(request.POST),
        select=lambda ids: _with_items(
            request.user, program, batch_nominations(actor=request.user, program=program, ids=ids)
        ),
        read_action="nomination.list",
        decide=partial(decide_nominations, actor=request.user, program=program),
        check=batch_errors,
        message=report_message,
        done_url=reverse("nomination_queue", args=[program.code]),
        template="training/nominations/bulk_confirm.html",
        rows_name="nominations",
        context={"program": program},
        approved=NominationStatus.APPROVED,
    )


def _with_items(user, program, nominations):
    """The nominations, each with its program item (``item``) as the user sees it."""
    items = {item.key: item for item in visible_items(user, program)}
    for nomination in nominations:
        nomination.item = items.get(nomination.item_key)
    return nominations
