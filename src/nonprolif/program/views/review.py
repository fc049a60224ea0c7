"""Review pages: the decision on an item, accept all, close and reopen the review, submit a
revised version, and the comparison of a version with the previous one."""

import re

from django.contrib import messages
from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from nonprolif.core import clock
from nonprolif.core.audit_reads import note_read
from nonprolif.core.web.submit import add_service_errors
from nonprolif.program.domain import (
    close_review,
    decide_all,
    decide_item,
    reopen_review,
    revise_proposal,
)
from nonprolif.program.forms import (
    DecisionForm,
    RevisionForm,
    RevisionItemFormSet,
    revision_initial,
)
from nonprolif.program.models import Decision
from nonprolif.program.queries import (
    get_item_for,
    get_proposal_for,
    item_decisions,
    proposal_changes,
    proposal_items,
)


def item_page_context(request, item, form=None) -> dict:
    """What the item page shows: the item, its decision history and, for a coordinator while
    the review is open on the latest version, the decision form."""
    proposal = item.proposal
    can_decide = (
        request.user.has_perm("program.decide_proposalitem", item)
        and not proposal.review_is_closed
        and not proposal.is_superseded
    )
    if can_decide and form is None:
        form = DecisionForm(item=item)
    return {
        "item": item,
        "proposal": proposal,
        "program": proposal.program,
        "decisions": item_decisions(request.user, item),
        "decision_form": form if can_decide else None,
    }


@require_POST
def item_decide(request, pk):
    item = get_item_for(request.user, pk)
    if not request.user.has_perm("program.decide_proposalitem", item):
        raise PermissionDenied
    form = DecisionForm(request.POST, item=item)
    if form.is_valid():
        try:
            decide_item(item=item, actor=request.user, **form.service_data())
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Decision recorded."))
            return redirect("item_detail", pk=item.pk)
    return render(
        request,
        "program/item_detail.html",
        item_page_context(request, item, form),
        status=422,
    )


def _proposal_action(request, pk, action, done: str):
    proposal = get_proposal_for(request.user, pk)
    if not request.user.has_perm("program.review_proposal", proposal):
        raise PermissionDenied
    try:
        result = action(proposal)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, done(result) if callable(done) else done)
    return redirect("proposal_detail", pk=proposal.pk)


@require_POST
def proposal_accept_all(request, pk):
    def done(rows):
        if not rows:
            return _("No item awaited review; nothing changed.")
        return _("Accepted %(count)s items.") % {"count": len(rows)}

    return _proposal_action(
        request,
        pk,
        lambda proposal: decide_all(
            proposal=proposal, decision=Decision.ACCEPTED, actor=request.user
        ),
        done,
    )


@require_POST
def proposal_close(request, pk):
    return _proposal_action(
        request,
        pk,
        lambda proposal: close_review(proposal=proposal, actor=request.user),
        _("Review closed."),
    )


@require_POST
def proposal_reopen(request, pk):
    return _proposal_action(
        request,
        pk,
        lambda proposal: reopen_review(proposal=proposal, actor=request.user),
        _("Review reopened."),
    )


ITEM_ERROR = re.compile(r"^items\.(\d+)\.(\w+)$")


def _revision_errors(form, formset, error: ValidationError) -> None:
    """Put the service's errors on the form or on the item form they name (by number)."""
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    by_number = {}
    for item_form in formset.forms:
        number = item_form.cleaned_data.get("number") if item_form.is_valid() else None
        if number:
            by_number[number] = item_form
    for name, messages_ in error.message_dict.items():
        match = ITEM_ERROR.match(name)
        target = by_number.get(int(match.group(1))) if match else None
        if match is not None and target is not None and match.group(2) in target.fields:
            target.add_error(match.group(2), messages_)
        elif name in form.fields:
            form.add_error(name, messages_)
        elif name == NON_FIELD_ERRORS:
            form.add_error(None, messages_)
        else:
            form.add_error(None, [f"{name}: {message}" for message in messages_])


def proposal_revise(request, pk):
    """Submit a revised version: the current version's fields and items, prefilled; items
    can be changed, removed and added."""
    proposal = get_proposal_for(request.user, pk)
    if not request.user.has_perm("program.revise_proposal", proposal):
        raise PermissionDenied
    program = proposal.program
    items = list(proposal_items(request.user, proposal).order_by("number"))
    header, rows = revision_initial(proposal, items)
    header["submitted_on"] = clock.today()
    form = RevisionForm(request.POST or None, initial=header)
    formset = RevisionItemFormSet(
        request.POST or None,
        initial=rows,
        prefix="items",
        form_kwargs={"program": program},
    )
    if request.method == "POST" and form.is_valid() and formset.is_valid():
        kept = [
            item_form.item_data()
            for item_form in formset.forms
            if item_form.has_changed() or item_form.initial
            if not item_form.cleaned_data.get("DELETE")
        ]
        try:
            new = revise_proposal(
                proposal=proposal, actor=request.user, items=kept, **form.cleaned_data
            )
        except ValidationError as error:
            _revision_errors(form, formset, error)
        else:
            messages.success(
                request, _("Version %(version)s submitted.") % {"version": new.version}
            )
            return redirect("proposal_changes", pk=new.pk)
    return render(
        request,
        "program/proposal_revise.html",
        {"proposal": proposal, "program": program, "form": form, "formset": formset},
    )


def proposal_changes_view(request, pk):
    proposal = get_proposal_for(request.user, pk)
    note_read(request, action="proposal.changes", obj=proposal)
    return render(
        request,
        "program/proposal_changes.html",
        {
            "proposal": proposal,
            "program": proposal.program,
            "changes": proposal_changes(request.user, proposal),
        },
    )
