"""The visit pages: the list (filters, pages, exports), recording a visit from a
stakeholder's page, one visit (attendees, topics, materials handed over, its follow-ups and
the form to add one), editing one."""

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
from nonprolif.outreach.stakeholders.queries import get_stakeholder_for
from nonprolif.outreach.visits.domain import add_follow_up, record_visit, update_visit
from nonprolif.outreach.visits.forms import FollowUpForm, VisitFilterForm, VisitForm
from nonprolif.outreach.visits.queries import (
    get_visit_for,
    visit_follow_ups,
    visit_materials,
    visits_for,
)


def _refused_post(request, action: str, obj) -> NoReturn:
    """A write the user may not make: audited as denied (as the service would), then 403."""
    refuse(actor=request.user, action=action, why=_("You are not allowed to do this."), obj=obj)


@require_GET
def visit_list(request):
    """The visits the user reads, newest first, filtered; a page at a time."""
    if not has_perm("outreach.view_outreach", request.user):
        raise Http404
    form = VisitFilterForm(request.GET or None)
    filters = form.filters() if request.GET else {}
    stakeholder = None
    if filters.get("stakeholder"):
        stakeholder = get_stakeholder_for(request.user, filters["stakeholder"])
    page = paginate(request, visits_for(request.user, **filters))
    note_read(
        request,
        action="outreach.visit.list",
        changes={k: str(v) for k, v in filters.items() if v} or None,
    )
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "outreach/visits/visit_list.html",
        {"form": form, "page": page, "query": query.urlencode(), "stakeholder": stakeholder},
    )


def _detail(request, visit, *, follow_up_form=None, status=200):
    user = request.user
    return render(
        request,
        "outreach/visits/visit_detail.html",
        {
            "visit": visit,
            "stakeholder": visit.stakeholder,
            "attendees": [line.strip() for line in visit.attendees.splitlines() if line.strip()],
            "materials": list(visit_materials(user, visit)),
            "follow_ups": list(visit_follow_ups(user, visit)),
            "can_change": has_perm("outreach.change_visit", user, visit),
            "follow_up_form": follow_up_form or FollowUpForm(),
        },
        status=status,
    )


@require_GET
def visit_detail(request, pk):
    visit = get_visit_for(request.user, pk)
    note_read(request, action="outreach.visit.view", obj=visit)
    return _detail(request, visit)


def visit_create(request, pk):
    """GET: the form; POST records the visit (the service refuses, and audits, anybody who
    may not)."""
    stakeholder = get_stakeholder_for(request.user, pk)
    allowed = has_perm("outreach.add_visit", request.user, stakeholder)
    if not allowed:
        if request.method == "POST":
            _refused_post(request, "outreach.visit.create", stakeholder)
        raise PermissionDenied
    form = VisitForm(request.POST or None, user=request.user)
    visit = submit(request, form, record_visit, stakeholder=stakeholder)
    if visit is not None:
        messages.success(request, _("Visit recorded."))
        return redirect("outreach_visit_detail", pk=visit.pk)
    return render(
        request,
        "outreach/visits/visit_form.html",
        {"form": form, "stakeholder": stakeholder, "visit": None},
        status=400 if request.method == "POST" else 200,
    )


def visit_edit(request, pk):
    visit = get_visit_for(request.user, pk)
    allowed = has_perm("outreach.change_visit", request.user, visit)
    if not allowed:
        if request.method == "POST":
            _refused_post(request, "outreach.visit.update", visit)
        raise PermissionDenied
    form = VisitForm(request.POST or None, instance=visit, user=request.user)
    updated = submit(request, form, update_visit, visit=visit)
    if updated is not None:
        messages.success(request, _("Visit saved."))
        return redirect("outreach_visit_detail", pk=updated.pk)
    return render(
        request,
        "outreach/visits/visit_form.html",
        {"form": form, "stakeholder": visit.stakeholder, "visit": visit},
        status=400 if request.method == "POST" else 200,
    )


@require_POST
def follow_up_create(request, pk):
    """A follow-up (the service refuses, and audits, anybody who may not)."""
    visit = get_visit_for(request.user, pk)
    if not has_perm("outreach.change_visit", request.user, visit):
        _refused_post(request, "outreach.visit.follow_up", visit)
    form = FollowUpForm(request.POST)
    item = submit(request, form, add_follow_up, visit=visit)
    if item is None:
        note_read(request, action="outreach.visit.view", obj=visit)
        return _detail(request, visit, follow_up_form=form, status=400)
    messages.success(request, _("Follow-up added: %(title)s.") % {"title": item.title})
    return redirect("outreach_visit_detail", pk=visit.pk)
