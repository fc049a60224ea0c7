"""The stakeholder pages: the registry (filters, pages, exports), one stakeholder (its facts,
contacts, visits and a link to its tips), registering and editing one, its contacts."""

from typing import NoReturn

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from nonprolif.core.audit_reads import note_read
from nonprolif.core.domain.audit import refuse
from nonprolif.core.rules import has_perm
from nonprolif.core.web.pagination import paginate
from nonprolif.core.web.submit import submit
from nonprolif.outreach.stakeholders.domain import (
    add_contact,
    create_stakeholder,
    remove_contact,
    update_contact,
    update_stakeholder,
)
from nonprolif.outreach.stakeholders.forms import (
    ContactForm,
    StakeholderFilterForm,
    StakeholderForm,
)
from nonprolif.outreach.stakeholders.queries import (
    get_contact_for,
    get_stakeholder_for,
    stakeholder_contacts,
    stakeholders_for,
)
from nonprolif.outreach.visits.queries import visits_for


def _refused_post(request, action: str, obj) -> NoReturn:
    """A write the user may not make: audited as denied (as the service would), then 403."""
    refuse(actor=request.user, action=action, why=_("You are not allowed to do this."), obj=obj)


RECENT_VISITS = 10


def _require_reader(user) -> None:
    if not has_perm("outreach.view_outreach", user):
        raise Http404


@require_GET
def stakeholder_list(request):
    """The stakeholders the user reads, by name, filtered; a page at a time."""
    _require_reader(request.user)
    form = StakeholderFilterForm(request.GET or None, user=request.user)
    filters = form.filters() if request.GET else {}
    page = paginate(request, stakeholders_for(request.user, **filters))
    note_read(
        request,
        action="outreach.stakeholder.list",
        changes={k: str(v) for k, v in filters.items() if v} or None,
    )
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "outreach/stakeholders/stakeholder_list.html",
        {
            "form": form,
            "page": page,
            "query": query.urlencode(),
            "can_add": has_perm("outreach.add_stakeholder", request.user),
        },
    )


@require_GET
def stakeholder_detail(request, pk):
    stakeholder = get_stakeholder_for(request.user, pk)
    note_read(request, action="outreach.stakeholder.view", obj=stakeholder)
    visits = list(visits_for(request.user, stakeholder=stakeholder)[: RECENT_VISITS + 1])
    return render(
        request,
        "outreach/stakeholders/stakeholder_detail.html",
        {
            "stakeholder": stakeholder,
            "categories": list(stakeholder.cbrn_categories.order_by("code")),
            "contacts": list(stakeholder_contacts(request.user, stakeholder)),
            "visits": visits[:RECENT_VISITS],
            "more_visits": len(visits) > RECENT_VISITS,
            "can_change": has_perm("outreach.change_stakeholder", request.user, stakeholder),
            "can_visit": has_perm("outreach.add_visit", request.user, stakeholder),
        },
    )


def stakeholder_create(request):
    """GET: the form; POST registers (the service refuses, and audits, anybody who may not)."""
    _require_reader(request.user)
    if not has_perm("outreach.add_stakeholder", request.user):
        if request.method == "POST":
            _refused_post(request, "outreach.stakeholder.create", None)
        raise PermissionDenied
    form = StakeholderForm(request.POST or None, user=request.user)
    program = form.cleaned_data.get("program") if form.is_bound and form.is_valid() else None
    stakeholder = submit(request, form, create_stakeholder, program=program)
    if stakeholder is not None:
        messages.success(request, _("Stakeholder registered."))
        return redirect("outreach_stakeholder_detail", pk=stakeholder.pk)
    return render(
        request,
        "outreach/stakeholders/stakeholder_form.html",
        {"form": form, "stakeholder": None},
        status=400 if request.method == "POST" else 200,
    )


def stakeholder_edit(request, pk):
    stakeholder = get_stakeholder_for(request.user, pk)
    allowed = has_perm("outreach.change_stakeholder", request.user, stakeholder)
    if not allowed:
        if request.method == "POST":
            _refused_post(request, "outreach.stakeholder.update", stakeholder)
        raise PermissionDenied
    form = StakeholderForm(request.POST or None, instance=stakeholder, user=request.user)
    updated = submit(request, form, update_stakeholder, stakeholder=stakeholder)
    if updated is not None:
        messages.success(request, _("Stakeholder saved."))
        return redirect("outreach_stakeholder_detail", pk=updated.pk)
    return render(
        request,
        "outreach/stakeholders/stakeholder_form.html",
        {"form": form, "stakeholder": get_stakeholder_for(request.user, pk)},
        status=400 if request.method == "POST" else 200,
    )


def contact_create(request, pk):
    stakeholder = get_stakeholder_for(request.user, pk)
    allowed = has_perm("outreach.change_stakeholder", request.user, stakeholder)
    if not allowed:
        if request.method == "POST":
            _refused_post(request, "outreach.contact.create", stakeholder)
        raise PermissionDenied
    form = ContactForm(request.POST or None)
    contact = submit(request, form, add_contact, stakeholder=stakeholder)
    if contact is not None:
        messages.success(request, _("Contact added."))
        return redirect("outreach_stakeholder_detail", pk=stakeholder.pk)
    return render(
        request,
        "outreach/stakeholders/contact_form.html",
        {"form": form, "stakeholder": stakeholder, "contact": None},
        status=400 if request.method == "POST" else 200,
    )


def contact_edit(request, pk):
    contact = get_contact_for(request.user, pk)
    stakeholder = contact.stakeholder
    allowed = has_perm("outreach.change_stakeholder", request.user, stakeholder)
    if not allowed:
        if request.method == "POST":
            _refused_post(request, "outreach.contact.update", contact)
        raise PermissionDenied
    form = ContactForm(request.POST or None, instance=contact)
    updated = submit(request, form, update_contact, contact=contact)
    if updated is not None:
        messages.success(request, _("Contact saved."))
        return redirect("outreach_stakeholder_detail", pk=stakeholder.pk)
    return render(
        request,
        "outreach/stakeholders/contact_form.html",
        {"form": form, "stakeholder": stakeholder, "contact": contact},
        status=400 if request.method == "POST" else 200,
    )


@require_POST
def contact_remove(request, pk):
    """Remove a contact (the service refuses, and audits, anybody who may not)."""
    contact = get_contact_for(request.user, pk)
    stakeholder = contact.stakeholder
    remove_contact(actor=request.user, contact=contact)
    messages.success(request, _("Contact removed."))
    return redirect("outreach_stakeholder_detail", pk=stakeholder.pk)
