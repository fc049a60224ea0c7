"""The matrix pages: the programs, one program's matrix (the committee's layout, progress
charts, exports), one row's entry (status, legal reference, citation, agency, evidence, the
action plan items) and the downloads. Writes are POST only and go through the services,
which refuse (and audit) whoever may not write."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse
from django.shortcuts import redirect, render
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from nonprolif.core.audit_reads import note_read
from nonprolif.core.rules import has_perm
from nonprolif.core.web.submit import add_service_errors, submit
from nonprolif.events.models.coordination import program_today
from nonprolif.preparedness.matrix.domain import (
    add_evidence,
    add_plan_item,
    remove_evidence,
    update_entry,
)
from nonprolif.preparedness.matrix.exports import charts, language_code, matrix_response
from nonprolif.preparedness.matrix.forms import EntryForm, EvidenceForm, PlanItemForm
from nonprolif.preparedness.matrix.queries import (
    evidence_for,
    get_entry_for,
    get_evidence_for,
    get_matrix_program_for,
    get_row_for,
    matrix_layout,
    matrix_programs,
    plan_items_for,
    progress,
)


def _require_section(request) -> None:
    if not has_perm("preparedness.view_matrix", request.user):
        raise PermissionDenied


@require_GET
def matrix_index(request):
    """The programs whose matrix the user reads; straight to the only one."""
    _require_section(request)
    programs = list(matrix_programs(request.user).select_related("lead_agency")[:100])
    if len(programs) == 1:
        return redirect("preparedness_matrix_program", code=programs[0].code)
    note_read(request, action="matrix.program.list", objects=programs)
    return render(request, "preparedness/matrix/index.html", {"programs": programs})


@require_GET
def matrix_program(request, code):
    """A program's matrix: per operative paragraph and section, one line per measure with its
    NW, CW and BW statuses; the progress per paragraph and per agency (table and charts)."""
    _require_section(request)
    program = get_matrix_program_for(request.user, code)
    figures = progress(request.user, program)
    note_read(request, action="matrix.view", obj=program)
    return render(
        request,
        "preparedness/matrix/program.html",
        {
            "program": program,
            "blocks": matrix_layout(request.user, program),
            "progress": figures,
            "charts": [
                mark_safe(svg.decode())  # noqa: S308 - our own SVG (core.charts)
                for svg in charts(figures).values()
            ],
        },
    )


def _entry_page(
    request, program, row, entry, *, entry_form=None, evidence_form=None, plan_form=None, status=200
):
    user = request.user
    today = program_today(program.time_zone)
    items = list(plan_items_for(user, entry))
    for item in items:
        item.overdue_now = item.is_overdue_on(today)
    can_change = has_perm("preparedness.change_matrix_entry", user, entry)
    can_assign = has_perm("preparedness.assign_matrix_entry", user, entry)
    return render(
        request,
        "preparedness/matrix/entry.html",
        {
            "program": program,
            "row": row,
            "entry": entry,
            "evidence": list(evidence_for(user, entry)),
            "items": items,
            "can_change": can_change,
            "can_add_item": has_perm("preparedness.add_matrix_plan_item", user, entry),
            "entry_form": entry_form
            or EntryForm(program=program, entry=entry, can_assign=can_assign),
            "evidence_form": evidence_form or EvidenceForm(),
            "plan_form": plan_form or PlanItemForm(program=program),
        },
        status=status,
    )


def _entry(request, code, row_code):
    _require_section(request)
    program = get_matrix_program_for(request.user, code)
    row = get_row_for(row_code)
    return program, row, get_entry_for(request.user, program, row)


@require_http_methods(["GET", "POST"])
def matrix_entry(request, code, row_code):
    """GET: one row's entry; POST: its status, legal reference, citation and agency."""
    program, row, entry = _entry(request, code, row_code)
    note_read(request, action="matrix.entry.view", obj=entry if entry.pk else program)
    if request.method != "POST":
        return _entry_page(request, program, row, entry)
    can_assign = has_perm("preparedness.assign_matrix_entry", request.user, entry)
    form = EntryForm(request.POST, program=program, entry=entry, can_assign=can_assign)
    if not form.is_valid() and not has_perm(
        "preparedness.change_matrix_entry", request.user, entry
    ):
        raise PermissionDenied
    saved = submit(request, form, update_entry, program=program, row=row)
    if saved is None:
        return _entry_page(request, program, row, entry, entry_form=form, status=400)
    messages.success(request, _("Row %(row)s saved.") % {"row": row.code})
    return redirect("preparedness_matrix_entry", code=program.code, row_code=row.code)


@require_POST
def matrix_evidence_add(request, code, row_code):
    """Upload an evidence document to a row's entry."""
    program, row, entry = _entry(request, code, row_code)
    form = EvidenceForm(request.POST, request.FILES)
    form.is_valid()
    try:  # the service checks the permission (audited) before it reads anything
        added = add_evidence(
            actor=request.user,
            entry=entry,
            title=request.POST.get("title", ""),
            file=request.FILES.get("file"),
        )
    except ValidationError as error:
        add_service_errors(form, error)
        added = None
    if added is None:
        note_read(request, action="matrix.entry.view", obj=entry if entry.pk else program)
        return _entry_page(request, program, row, entry, evidence_form=form, status=400)
    messages.success(request, _("Evidence %(title)s added.") % {"title": added.title})
    return redirect("preparedness_matrix_entry", code=program.code, row_code=row.code)


@require_GET
def matrix_evidence_download(request, pk):
    """An evidence document, as an attachment (the read audited)."""
    _require_section(request)
    evidence = get_evidence_for(request.user, pk)
    note_read(request, action="matrix.evidence.download", obj=evidence)
    response = FileResponse(
        evidence.file.open("rb"),
        as_attachment=True,
        filename=evidence.file_name,
        content_type=evidence.content_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


@require_POST
def matrix_evidence_remove(request, pk):
    """Remove an evidence document (the service refuses, and audits, who may not)."""
    _require_section(request)
    evidence = get_evidence_for(request.user, pk)
    entry = evidence.entry
    remove_evidence(actor=request.user, evidence=evidence)
    messages.success(request, _("Evidence %(title)s removed.") % {"title": evidence.title})
    return redirect("preparedness_matrix_entry", code=entry.program.code, row_code=entry.row.code)


@require_POST
def matrix_plan_item_add(request, code, row_code):
    """Add a national action plan item (a coordination action item) to a row's entry."""
    program, row, entry = _entry(request, code, row_code)
    form = PlanItemForm(request.POST, program=program)
    if not form.is_valid() and not has_perm(
        "preparedness.add_matrix_plan_item", request.user, entry
    ):
        raise PermissionDenied
    item = submit(request, form, add_plan_item, entry=entry)
    if item is None:
        note_read(request, action="matrix.entry.view", obj=entry if entry.pk else program)
        return _entry_page(request, program, row, entry, plan_form=form, status=400)
    messages.success(request, _("Action plan item %(title)s added.") % {"title": item.title})
    return redirect("preparedness_matrix_entry", code=program.code, row_code=row.code)


def _export(request, code, kind):
    _require_section(request)
    program = get_matrix_program_for(request.user, code)
    note_read(request, action="matrix.export", obj=program, changes={"format": kind})
    return matrix_response(request.user, program, kind=kind, language=language_code(get_language()))


@require_GET
def matrix_export_xlsx(request, code):
    return _export(request, code, "xlsx")


@require_GET
def matrix_export_pdf(request, code):
    return _export(request, code, "pdf")
