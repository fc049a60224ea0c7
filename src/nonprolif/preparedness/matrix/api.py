"""The matrix endpoints, on the same selectors and services as the pages: the programs, a
program's matrix, a row's update, its evidence and action plan items, the export, the
progress figures.

Invisible or missing (a partner, an outsider, an unknown program or row): 404; visible but
not writable (an auditor, a liaison of another agency): 403, the refusal audited; bad
input: 422 naming each field.
"""

from typing import Literal

from django.http import FileResponse
from ninja import File, Form, Router, Status
from ninja.files import UploadedFile
from ninja.pagination import LimitOffsetPagination, paginate

from nonprolif.api.errors import WRITE_ERRORS, ErrorOut, service_errors
from nonprolif.core.audit_reads import note_read
from nonprolif.core.spreadsheets import XLSX_TYPE
from nonprolif.intel.reports.attachments import file_openapi
from nonprolif.preparedness.matrix.domain import (
    add_evidence,
    add_plan_item,
    remove_evidence,
    update_entry,
)
from nonprolif.preparedness.matrix.exports import PDF_TYPE, language_code, matrix_response
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
from nonprolif.preparedness.matrix.schemas import (
    PreparednessMatrixEntryIn,
    PreparednessMatrixEvidenceOut,
    PreparednessMatrixOut,
    PreparednessMatrixPlanItemIn,
    PreparednessMatrixPlanItemOut,
    PreparednessMatrixProgramOut,
    PreparednessMatrixProgressOut,
    PreparednessMatrixRowOut,
)

router = Router(tags=["preparedness"])
BASE = "/preparedness/matrix"


def _row_out(cell) -> dict:
    row, entry = cell.row, cell.entry
    return {
        "code": row.code,
        "paragraph": row.paragraph,
        "measure": row.measure,
        "weapon": row.weapon,
        "section": row.section,
        "text": row.text,
        "status": entry.status if entry else "",
        "legal_reference": entry.legal_reference if entry else "",
        "citation": entry.citation if entry else "",
        "agency": entry.agency.code if entry and entry.agency_id else None,
        "evidence_count": getattr(entry, "evidence_count", 0) if entry else 0,
        "plan_item_count": getattr(entry, "plan_count", 0) if entry else 0,
        "updated_at": entry.updated_at if entry and entry.pk else None,
    }


def _one_row(user, program, row) -> dict:
    for block in matrix_layout(user, program):
        for line in block.lines:
            for cell in line.cells:
                if cell.row.pk == row.pk:
                    return _row_out(cell)
    raise AssertionError(row.code)  # every row is in the layout


@router.get(BASE, response={200: list[PreparednessMatrixProgramOut]})
@paginate(LimitOffsetPagination)
def list_preparedness_matrix_programs(request):
    """The programs whose matrix the caller reads, by code."""
    return matrix_programs(request.auth).select_related("lead_agency")


@router.get(BASE + "/{code}", response={200: PreparednessMatrixOut, 404: ErrorOut})
def get_preparedness_matrix(request, code: str):
    """A program's matrix: every row (84: 28 measures by NW, CW, BW) with its entry."""
    program = get_matrix_program_for(request.auth, code)
    note_read(request, action="matrix.view", obj=program)
    rows = [
        _row_out(cell)
        for block in matrix_layout(request.auth, program)
        for line in block.lines
        for cell in line.cells
    ]
    return {"program": program, "rows": rows}


@router.get(
    BASE + "/{code}/rows/{row_code}", response={200: PreparednessMatrixRowOut, 404: ErrorOut}
)
def get_preparedness_matrix_row(request, code: str, row_code: str):
    """One row of a program's matrix with its entry."""
    program = get_matrix_program_for(request.auth, code)
    row = get_row_for(row_code)
    note_read(request, action="matrix.entry.view", obj=program, changes={"row": row.code})
    return _one_row(request.auth, program, row)


@router.put(
    BASE + "/{code}/rows/{row_code}", response={200: PreparednessMatrixRowOut, **WRITE_ERRORS}
)
@service_errors
def put_preparedness_matrix_row(
    request, code: str, row_code: str, payload: PreparednessMatrixEntryIn
):
    """Set a row's status (X, ?, NA or blank), legal reference, citation and responsible
    agency (coordinators; a liaison of the row's agency, but not its agency)."""
    program = get_matrix_program_for(request.auth, code)
    row = get_row_for(row_code)
    update_entry(actor=request.auth, program=program, row=row, **payload.dict())
    return _one_row(request.auth, program, row)


@router.get(
    BASE + "/{code}/rows/{row_code}/evidence",
    response={200: list[PreparednessMatrixEvidenceOut], 404: ErrorOut},
)
@paginate(LimitOffsetPagination)
def list_preparedness_matrix_evidence(request, code: str, row_code: str):
    """A row's evidence documents, oldest first."""
    program = get_matrix_program_for(request.auth, code)
    entry = get_entry_for(request.auth, program, get_row_for(row_code))
    return evidence_for(request.auth, entry).select_related("entry__row")


@router.post(
    BASE + "/{code}/rows/{row_code}/evidence",
    response={201: PreparednessMatrixEvidenceOut, **WRITE_ERRORS},
)
@service_errors
def post_preparedness_matrix_evidence(
    request,
    code: str,
    row_code: str,
    title: Form[str] = "",
    file: UploadedFile = File(None),  # noqa: B008 (ninja's declaration)
):
    """Attach an evidence document (PDF, PNG, JPEG, text, CSV, XLSX or DOCX; its content
    and its name must agree; size capped) to a row."""
    program = get_matrix_program_for(request.auth, code)
    entry = get_entry_for(request.auth, program, get_row_for(row_code))
    return Status(201, add_evidence(actor=request.auth, entry=entry, title=title, file=file))


@router.delete("/preparedness/matrix-evidence/{evidence_id}", response={204: None, **WRITE_ERRORS})
@service_errors
def delete_preparedness_matrix_evidence(request, evidence_id: int):
    """Remove an evidence document."""
    remove_evidence(actor=request.auth, evidence=get_evidence_for(request.auth, evidence_id))
    return Status(204, None)


@router.get(
    "/preparedness/matrix-evidence/{evidence_id}/download",
    response={200: None, 404: ErrorOut},
    openapi_extra=file_openapi("The evidence document"),
)
def download_preparedness_matrix_evidence(request, evidence_id: int):
    """An evidence document's file (the read audited)."""
    evidence = get_evidence_for(request.auth, evidence_id)
    note_read(request, action="matrix.evidence.download", obj=evidence)
    response = FileResponse(
        evidence.file.open("rb"),
        as_attachment=True,
        filename=evidence.file_name,
        content_type=evidence.content_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response


@router.get(
    BASE + "/{code}/rows/{row_code}/plan-items",
    response={200: list[PreparednessMatrixPlanItemOut], 404: ErrorOut},
)
@paginate(LimitOffsetPagination)
def list_preparedness_matrix_plan_items(request, code: str, row_code: str):
    """A row's national action plan items (coordination action items), by due date."""
    program = get_matrix_program_for(request.auth, code)
    entry = get_entry_for(request.auth, program, get_row_for(row_code))
    return plan_items_for(request.auth, entry)


@router.post(
    BASE + "/{code}/rows/{row_code}/plan-items",
    response={201: PreparednessMatrixPlanItemOut, **WRITE_ERRORS},
)
@service_errors
def post_preparedness_matrix_plan_item(
    request, code: str, row_code: str, payload: PreparednessMatrixPlanItemIn
):
    """Add a national action plan item to a row (coordinators): an action item of the
    program's action-plan meeting, with its history and reminders."""
    program = get_matrix_program_for(request.auth, code)
    entry = get_entry_for(request.auth, program, get_row_for(row_code))
    item = add_plan_item(actor=request.auth, entry=entry, **payload.dict())
    return Status(201, item)


@router.get(
    BASE + "/{code}/export",
    response={200: None, 404: ErrorOut},
    openapi_extra={
        "responses": {
            200: {
                "description": "The matrix in the committee's layout: XLSX or PDF, by ``format``",
                "content": {
                    XLSX_TYPE: {"schema": {"type": "string", "format": "binary"}},
                    PDF_TYPE: {"schema": {"type": "string", "format": "binary"}},
                },
            }
        }
    },
)
def export_preparedness_matrix(
    request,
    code: str,
    format: Literal["xlsx", "pdf"] = "xlsx",
    lang: Literal["es", "en"] | None = None,
):
    """A program's matrix as XLSX (one sheet per operative paragraph, then the progress) or
    PDF, in ``lang`` (default: the caller's language)."""
    program = get_matrix_program_for(request.auth, code)
    note_read(request, action="matrix.export", obj=program, changes={"format": format})
    language = lang or language_code(getattr(request.auth, "language", "es"))
    return matrix_response(request.auth, program, kind=format, language=language)


@router.get(BASE + "/{code}/progress", response={200: PreparednessMatrixProgressOut, 404: ErrorOut})
def get_preparedness_matrix_progress(request, code: str):
    """Per operative paragraph and per responsible agency: the rows marked X, ?, NA and
    blank, and the share in place (X over the rows that apply)."""
    program = get_matrix_program_for(request.auth, code)
    note_read(request, action="matrix.progress", obj=program)
    figures = progress(request.auth, program)

    def out(t):
        return {
            "key": t.key,
            "label": t.label,
            "rows": t.rows,
            "x": t.x,
            "unclear": t.unclear,
            "na": t.na,
            "blank": t.blank,
            "share": t.share,
        }

    return {
        "paragraphs": [out(t) for t in figures.paragraphs],
        "agencies": [out(t) for t in figures.agencies],
        "total": out(figures.total),
    }
