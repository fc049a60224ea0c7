"""Releasability pages: a report's list of agencies (set it, apply a distribution list), the
decision on a pending partner release, the queue of releases awaiting my approval, and my
agency's distribution lists."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from nonprolif.core.audit_reads import note_read
from nonprolif.core.rules import has_perm
from nonprolif.core.web.confirm import confirm_page
from nonprolif.core.web.pagination import paginate
from nonprolif.core.web.submit import submit
from nonprolif.intel.releases.domain import (
    apply_distribution_list,
    approve_release,
    create_distribution_list,
    delete_distribution_list,
    refuse_release,
    set_releasability,
    update_distribution_list,
)
from nonprolif.intel.releases.forms import (
    ApplyListForm,
    DistributionListForm,
    ReleasabilityForm,
    ReleaseDecisionForm,
)
from nonprolif.intel.releases.queries import (
    distribution_lists_for,
    get_distribution_list_for,
    get_release_for,
    releases_awaiting,
    report_releases,
)
from nonprolif.intel.reports.queries import get_report_for


def _releasability_page(request, report, *, form=None, list_form=None, status=200):
    releases = list(report_releases(request.user, report))
    lists = distribution_lists_for(request.user)
    return render(
        request,
        "intel/releases/releasability.html",
        {
            "report": report,
            "releases": releases,
            "form": form or ReleasabilityForm(report=report, releases=releases),
            "list_form": list_form or ApplyListForm(lists=lists),
            "has_lists": lists.exists(),
        },
        status=status,
    )


def releasability(request, pk):
    """GET shows the report's list as a form; POST sets it (the originator's writers)."""
    report = get_report_for(request.user, pk)
    if request.method != "POST" and not has_perm("intel.release_report", request.user, report):
        raise PermissionDenied
    form = ReleasabilityForm(request.POST or None, report=report)
    result = submit(request, form, set_releasability, report=report)
    if result is not None:
        messages.success(request, _("Releasability saved."))
        return redirect("intel_report_detail", pk=report.pk)
    if not has_perm("intel.release_report", request.user, report):
        raise PermissionDenied  # a refused POST with bad input: still refused
    note_read(request, action="intel.release.list", obj=report)
    return _releasability_page(
        request,
        report,
        form=form if form.is_bound else None,
        status=400 if request.method == "POST" else 200,
    )


@require_POST
def apply_list(request, pk):
    """POST: add a distribution list's agencies to the report's list."""
    report = get_report_for(request.user, pk)
    list_form = ApplyListForm(request.POST, lists=distribution_lists_for(request.user))
    result = submit(request, list_form, apply_distribution_list, report=report)
    if result is not None:
        messages.success(request, _("Distribution list applied."))
        return redirect("intel_report_detail", pk=report.pk)
    if not has_perm("intel.release_report", request.user, report):
        raise PermissionDenied  # a refused POST with bad input: still refused
    return _releasability_page(request, report, list_form=list_form, status=400)


def release_decide(request, pk):
    """GET shows the pending release and the decision form; POST approves or refuses."""
    release = get_release_for(request.user, pk)
    may_decide = has_perm("intel.decide_release", request.user, release)
    if request.method != "POST" and not may_decide:
        raise PermissionDenied
    form = ReleaseDecisionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        service = approve_release if form.cleaned_data["decision"] == "approve" else refuse_release
        result = submit(request, form, service, release=release)
        if result is not None:
            messages.success(request, _("Decision recorded."))
            return redirect("intel_report_detail", pk=release.report_id)
    if not may_decide:
        raise PermissionDenied  # a refused POST with bad input: still refused
    note_read(request, action="intel.release.view", obj=release.report)
    return render(
        request,
        "intel/releases/release_decide.html",
        {"release": release, "report": release.report, "form": form},
        status=400 if request.method == "POST" else 200,
    )


def release_queue(request):
    """The partner releases awaiting my approval."""
    page = paginate(request, releases_awaiting(request.user))
    note_read(request, action="intel.release.queue", objects=[r.report for r in page])
    return render(request, "intel/releases/release_queue.html", {"page": page})


# --- distribution lists -------------------------------------------------------------------------


def distlist_list(request):
    page = paginate(request, distribution_lists_for(request.user))
    note_read(request, action="intel.distlist.list")
    return render(
        request,
        "intel/releases/distlist_list.html",
        {
            "page": page,
            "can_add": has_perm("intel.manage_distribution_list", request.user, None),
        },
    )


def distlist_create(request):
    if not has_perm("intel.manage_distribution_list", request.user, None):
        raise PermissionDenied
    form = DistributionListForm(request.POST or None, owner_id=request.user.agency_id)
    result = submit(request, form, create_distribution_list)
    if result is not None:
        messages.success(request, _("Distribution list saved."))
        return redirect("intel_distlist_list")
    note_read(request, action="intel.distlist.new")
    return render(
        request,
        "intel/releases/distlist_form.html",
        {"form": form, "distribution_list": None},
        status=400 if request.method == "POST" else 200,
    )


def distlist_edit(request, pk):
    distribution_list = get_distribution_list_for(request.user, pk)
    if not has_perm("intel.manage_distribution_list", request.user, distribution_list):
        raise PermissionDenied
    form = DistributionListForm(
        request.POST or None,
        owner_id=distribution_list.owner_id,
        distribution_list=distribution_list,
    )
    result = submit(request, form, update_distribution_list, distribution_list=distribution_list)
    if result is not None:
        messages.success(request, _("Distribution list saved."))
        return redirect("intel_distlist_list")
    note_read(request, action="intel.distlist.view", obj=distribution_list)
    return render(
        request,
        "intel/releases/distlist_form.html",
        {"form": form, "distribution_list": distribution_list},
        status=400 if request.method == "POST" else 200,
    )


def distlist_delete(request, pk):
    """GET (or a POST without ``confirm``) asks for confirmation; POST deletes."""
    distribution_list = get_distribution_list_for(request.user, pk)
    if not has_perm("intel.manage_distribution_list", request.user, distribution_list):
        raise PermissionDenied
    if request.method != "POST" or request.POST.get("confirm") != "1":
        return confirm_page(
            request,
            question=_("Delete the distribution list %(name)s") % {"name": distribution_list.name},
            details=[
                _(
                    "Reports it was applied to keep their releasability lists; it cannot be "
                    "applied again."
                )
            ],
            confirm_label=_("Delete the list"),
            cancel_url=reverse("intel_distlist_list"),
            cancel_label=_("Back to the lists (nothing deleted)"),
            obj=distribution_list,
            action="intel.distlist.view",
            trail=[(reverse("intel_distlist_list"), _("Distribution lists"))],
        )
    delete_distribution_list(actor=request.user, distribution_list=distribution_list)
    messages.success(request, _("Distribution list deleted."))
    return redirect("intel_distlist_list")
