"""Entity pages: the list (search by name or alias, kind), one entity (aliases, the timeline
of the readable reports that name it, the link chart), registering and editing one; naming
an entity in a report and removing that link; the entity picker's search.

Reads are noted for the audit by number (``objects=``), never by an entity's name.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from nonprolif.core.audit_reads import note_read
from nonprolif.core.rules import has_perm
from nonprolif.core.views.pickers import picker_query, results_page
from nonprolif.core.web.confirm import confirm_page
from nonprolif.core.web.pagination import paginate
from nonprolif.core.web.submit import submit
from nonprolif.intel.entities.chart import graph_svg
from nonprolif.intel.entities.domain import create_entity, link_entity, unlink_entity, update_entity
from nonprolif.intel.entities.forms import EntityFilterForm, EntityForm, LinkForm, entity_label
from nonprolif.intel.entities.queries import (
    entity_graph,
    entity_timeline,
    get_entity_for,
    get_link_for,
    search_entities,
)
from nonprolif.intel.models import EntityKind, LinkRole, ReportType
from nonprolif.intel.reports.queries import get_report_for


def entity_list(request):
    form = EntityFilterForm(request.GET or None)
    q = kind = ""
    if form.is_valid():
        q, kind = form.cleaned_data["q"], form.cleaned_data["kind"]
    page = paginate(request, search_entities(request.user, q=q, kind=kind))
    note_read(
        request,
        action="intel.entity.list",
        objects=page,
        changes={"search": {"q": q, "kind": kind}},
    )
    return render(
        request,
        "intel/entities/entity_list.html",
        {
            "form": form,
            "page": page,
            "can_add": has_perm("intel.add_entity", request.user),
        },
    )


def _describe(node_type: str, kind: str) -> str:
    if node_type == "report":
        return str(ReportType(kind).label) if kind in ReportType.values else _("Report")
    return str(EntityKind(kind).label) if kind in EntityKind.values else kind


def _url_of(node_type: str, pk: int) -> str:
    name = "intel_report_detail" if node_type == "report" else "intel_entity_detail"
    return reverse(name, args=[pk])


def entity_detail(request, pk):
    entity = get_entity_for(request.user, pk)
    timeline = paginate(request, entity_timeline(request.user, entity))
    graph = entity_graph(request.user, entity)
    chart = graph_svg(
        graph,
        title=_("Link chart of %(name)s: its reports and the entities they name")
        % {"name": entity.name},
        url_of=_url_of,
        describe=_describe,
    )
    nodes = {node.key: node for node in graph.nodes}
    note_read(
        request,
        action="intel.entity.view",
        objects=[entity],
        changes={
            "reports": [report.pk for report in timeline.object_list],
            "chart_reports": [n.pk for n in graph.nodes if n.type == "report"],
        },
    )
    return render(
        request,
        "intel/entities/entity_detail.html",
        {
            "entity": entity,
            "aliases": list(entity.aliases.all()),
            "timeline": timeline,
            "graph": graph,
            "chart": chart,
            "edges": [(nodes[edge.source], nodes[edge.target], edge.roles) for edge in graph.edges],
            "role_labels": dict(LinkRole.choices),
            "can_change": has_perm("intel.change_entity", request.user, entity),
        },
    )


def entity_create(request):
    if not has_perm("intel.add_entity", request.user):
        raise PermissionDenied
    form = EntityForm(request.POST or None)
    entity = submit(request, form, create_entity)
    if entity is not None:
        messages.success(request, _("Entity registered."))
        return redirect("intel_entity_detail", pk=entity.pk)
    return render(
        request,
        "intel/entities/entity_form.html",
        {"form": form, "entity": None},
        status=400 if request.method == "POST" else 200,
    )


def entity_edit(request, pk):
    entity = get_entity_for(request.user, pk)
    if not has_perm("intel.change_entity", request.user, entity):
        raise PermissionDenied
    form = EntityForm(request.POST or None, instance=entity)
    if request.method != "POST":
        note_read(request, action="intel.entity.view", objects=[entity])
    updated = submit(request, form, update_entity, entity=entity)
    if updated is not None:
        messages.success(request, _("Entity saved."))
        return redirect("intel_entity_detail", pk=entity.pk)
    return render(
        request,
        "intel/entities/entity_form.html",
        {"form": form, "entity": entity},
        status=400 if request.method == "POST" else 200,
    )


@require_GET
def entity_search(request):
    """The entity picker's answer: a page of the visible entities matching ``?q=``."""
    q = picker_query(request)
    return results_page(
        request,
        search_entities(request.user, q=q),
        q=q,
        action="intel.entity.search",
        label=entity_label,
        template="intel/entities/_picker_results.html",
    )


def report_entity_add(request, pk):
    """Name an entity in report ``pk`` (its writers): GET shows the form, POST links."""
    report = get_report_for(request.user, pk)
    if not has_perm("intel.link_entity", request.user, report):
        raise PermissionDenied
    form = LinkForm(
        request.POST or None,
        entities=search_entities(request.user),
        search_url=reverse("intel_entity_search"),
    )
    if request.method != "POST":
        note_read(request, action="intel.report.view", obj=report)
    link = submit(request, form, link_entity, report=report)
    if link is not None:
        messages.success(request, _("Entity named in the report."))
        return redirect("intel_report_detail", pk=report.pk)
    return render(
        request,
        "intel/entities/link_form.html",
        {"form": form, "report": report},
        status=400 if request.method == "POST" else 200,
    )


def link_remove(request, pk):
    """GET (or a POST without ``confirm``) asks for confirmation; POST removes the link."""
    link = get_link_for(request.user, pk)
    report = link.report
    if not has_perm("intel.link_entity", request.user, report):
        raise PermissionDenied
    if request.method != "POST" or request.POST.get("confirm") != "1":
        return confirm_page(
            request,
            question=_("Remove the entity from the report"),
            details=[
                _("%(report)s will no longer name %(entity)s as %(role)s.")
                % {
                    "report": report.reference,
                    "entity": link.entity.name,
                    "role": link.get_role_display(),
                }
            ],
            confirm_label=_("Remove"),
            cancel_url=reverse("intel_report_detail", args=[report.pk]),
            cancel_label=_("Back to the report (nothing removed)"),
            obj=link,
            action="intel.entity_link.view",
            trail=[
                (reverse("intel_report_list"), _("Intelligence")),
                (reverse("intel_report_detail", args=[report.pk]), report.reference),
            ],
        )
    unlink_entity(actor=request.user, link=link)
    messages.success(request, _("Entity removed from the report."))
    return redirect("intel_report_detail", pk=report.pk)
