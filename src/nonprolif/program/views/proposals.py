"""Proposal pages: detail, create, edit."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from nonprolif.core.audit_reads import note_read
from nonprolif.core.rules import is_coordinator
from nonprolif.core.web.submit import submit
from nonprolif.program.domain import create_proposal, update_proposal
from nonprolif.program.forms import ProposalForm
from nonprolif.program.queries import (
    get_program_for,
    get_proposal_for,
    proposal_items,
    proposal_versions,
)


def proposal_detail(request, pk):
    proposal = get_proposal_for(request.user, pk)
    note_read(request, action="proposal.view", obj=proposal)
    return render(
        request,
        "program/proposal_detail.html",
        {
            "proposal": proposal,
            "program": proposal.program,
            "items": list(proposal_items(request.user, proposal)),
            "versions": list(proposal_versions(request.user, proposal)),
        },
    )


def proposal_create(request, code):
    program = get_program_for(request.user, code)
    if not request.user.has_perm("program.add_proposal", program):
        raise PermissionDenied
    form = ProposalForm(
        request.POST or None,
        program=program,
        choose_agency=is_coordinator(request.user),
        creating=True,
    )
    proposal = submit(request, form, create_proposal, program=program)
    if proposal is not None:
        messages.success(request, _("Proposal recorded."))
        return redirect("proposal_detail", pk=proposal.pk)
    return render(
        request,
        "program/proposal_form.html",
        {"form": form, "program": program, "proposal": None},
    )


def proposal_edit(request, pk):
    proposal = get_proposal_for(request.user, pk)
    if not request.user.has_perm("program.change_proposal", proposal):
        raise PermissionDenied
    form = ProposalForm(
        request.POST or None,
        instance=proposal,
        program=proposal.program,
        choose_agency=False,
        creating=False,
    )
    updated = submit(request, form, update_proposal, proposal=proposal)
    if updated is not None:
        messages.success(request, _("Proposal saved."))
        return redirect("proposal_detail", pk=updated.pk)
    return render(
        request,
        "program/proposal_form.html",
        {"form": form, "program": proposal.program, "proposal": proposal},
    )
