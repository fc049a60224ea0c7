"""Proposal item pages: detail, create, edit."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from nonprolif.core.audit_reads import note_read
from nonprolif.core.web.submit import submit
from nonprolif.program.domain import create_item, update_item
from nonprolif.program.forms import ItemForm
from nonprolif.program.queries import get_item_for, get_proposal_for

from .review import item_page_context


def item_detail(request, pk):
    item = get_item_for(request.user, pk)
    note_read(request, action="item.view", obj=item)
    return render(request, "program/item_detail.html", item_page_context(request, item))


def item_create(request, pk):
    proposal = get_proposal_for(request.user, pk)
    if not request.user.has_perm("program.add_proposalitem", proposal):
        raise PermissionDenied
    form = ItemForm(request.POST or None, program=proposal.program, creating=True)
    item = submit(request, form, create_item, proposal=proposal)
    if item is not None:
        messages.success(request, _("Item added."))
        return redirect("item_detail", pk=item.pk)
    return render(
        request,
        "program/item_form.html",
        {"form": form, "proposal": proposal, "program": proposal.program, "item": None},
    )


def item_edit(request, pk):
    item = get_item_for(request.user, pk)
    if not request.user.has_perm("program.change_proposalitem", item):
        raise PermissionDenied
    form = ItemForm(
        request.POST or None, instance=item, program=item.proposal.program, creating=False
    )
    updated = submit(request, form, update_item, item=item)
    if updated is not None:
        messages.success(request, _("Item saved."))
        return redirect("item_detail", pk=updated.pk)
    return render(
        request,
        "program/item_form.html",
        {"form": form, "proposal": item.proposal, "program": item.proposal.program, "item": item},
    )
