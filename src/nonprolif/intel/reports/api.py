"""The intelligence reports endpoints, on the same selectors as the pages.

Lists take ``limit``/``offset`` and answer ``{"items": [...], "count": N}`` where N counts the
reports the caller may read. Missing or invisible: 404 alike; visible but not writable: 403;
bad input: 422 naming each field.
"""

from django.http import FileResponse
from ninja import File, Query, Router, Status
from ninja.files import UploadedFile
from ninja.pagination import LimitOffsetPagination, paginate

from nonprolif.api.errors import WRITE_ERRORS, ErrorOut, ValidationErrorOut, service_errors
from nonprolif.core.audit_reads import note_read
from nonprolif.intel.reports.attachments import file_openapi
from nonprolif.intel.reports.domain import (
    add_attachment,
    compare_versions,
    create_report,
    publish_report,
    remove_attachment,
    update_report,
    withdraw_report,
)
from nonprolif.intel.reports.queries import (
    attachments_for,
    filtered_reports,
    get_attachment_for,
    get_report_for,
    get_version_for,
    versions_for,
)
from nonprolif.intel.reports.schemas import (
    IntelAttachmentOut,
    IntelReportFilters,
    IntelReportIn,
    IntelReportOut,
    IntelReportPatch,
    IntelReportVersionOut,
    IntelReportWithdrawIn,
    IntelVersionComparisonOut,
)

router = Router(tags=["intel"])


@router.get("/intel/reports", response=list[IntelReportOut])
@paginate(LimitOffsetPagination)
def list_intel_reports(request, filters: Query[IntelReportFilters]):
    """The reports the caller may read, newest first; ``type``, ``status`` and
    ``originator`` (an agency code) narrow them (a value that names nothing gives none)."""
    return filtered_reports(
        request.auth,
        report_type=filters.type,
        status=filters.status,
        originator=filters.originator or None,
    )


@router.get("/intel/reports/{report_id}", response={200: IntelReportOut, 404: ErrorOut})
def get_intel_report(request, report_id: int):
    return get_report_for(request.auth, report_id)


@router.post("/intel/reports", response={201: IntelReportOut, **WRITE_ERRORS})
@service_errors
def post_intel_report(request, payload: IntelReportIn):
    """Write a draft report of the caller's agency (analysts with a clearance)."""
    data = payload.dict()
    data["itdb_group"] = data.get("itdb_group") or ""
    report = create_report(actor=request.auth, **data)
    return Status(201, get_report_for(request.auth, report.pk))


@router.patch("/intel/reports/{report_id}", response={200: IntelReportOut, **WRITE_ERRORS})
@service_errors
def patch_intel_report(request, report_id: int, payload: IntelReportPatch):
    """Change some fields: a new version when anything changed. Only the originator lowers
    the classification."""
    report = get_report_for(request.auth, report_id)
    data = payload.dict(exclude_unset=True)
    note = data.pop("note", "")
    update_report(actor=request.auth, report=report, note=note, **data)
    return get_report_for(request.auth, report_id)


@router.post("/intel/reports/{report_id}/publish", response={200: IntelReportOut, **WRITE_ERRORS})
@service_errors
def post_intel_report_publish(request, report_id: int):
    report = get_report_for(request.auth, report_id)
    publish_report(actor=request.auth, report=report)
    return get_report_for(request.auth, report_id)


@router.post("/intel/reports/{report_id}/withdraw", response={200: IntelReportOut, **WRITE_ERRORS})
@service_errors
def post_intel_report_withdraw(request, report_id: int, payload: IntelReportWithdrawIn):
    report = get_report_for(request.auth, report_id)
    withdraw_report(actor=request.auth, report=report, reason=payload.reason)
    return get_report_for(request.auth, report_id)


@router.get(
    "/intel/reports/{report_id}/versions",
    response={200: list[IntelReportVersionOut], 404: ErrorOut},
)
@paginate(LimitOffsetPagination)
def list_intel_report_versions(request, report_id: int):
    """The versions whose classification the caller's clearance reaches, oldest first."""
    report = get_report_for(request.auth, report_id)
    note_read(request, action="intel.report.versions", obj=report)
    return versions_for(request.auth, report)


@router.get(
    "/intel/reports/{report_id}/compare",
    response={200: IntelVersionComparisonOut, 404: ErrorOut, 422: ValidationErrorOut},
)
def get_intel_report_compare(request, report_id: int, a: int, b: int):
    """Versions ``a`` and ``b``, field by field."""
    report = get_report_for(request.auth, report_id)
    older = get_version_for(request.auth, report, a)
    newer = get_version_for(request.auth, report, b)
    note_read(
        request,
        action="intel.report.compare",
        obj=report,
        changes={"versions": [older.number, newer.number]},
    )
    return {
        "older": older.number,
        "newer": newer.number,
        "fields": [
            {"field": r.field, "before": r.before, "after": r.after, "changed": r.changed}
            for r in compare_versions(older, newer)
        ],
    }


@router.get(
    "/intel/reports/{report_id}/attachments",
    response={200: list[IntelAttachmentOut], 404: ErrorOut},
)
@paginate(LimitOffsetPagination)
def list_intel_attachments(request, report_id: int):
    """The report's attachments whose classification the caller's clearance reaches."""
    report = get_report_for(request.auth, report_id)
    return attachments_for(request.auth, report)


@router.post(
    "/intel/reports/{report_id}/attachments",
    response={201: IntelAttachmentOut, **WRITE_ERRORS},
)
@service_errors
def post_intel_attachment(
    request,
    report_id: int,
    file: UploadedFile = File(...),  # noqa: B008 (ninja's declaration)
):
    """Attach a file (PDF, PNG, JPEG, text, CSV, XLSX or DOCX; its content and its name must
    agree; size capped)."""
    report = get_report_for(request.auth, report_id)
    return Status(201, add_attachment(actor=request.auth, report=report, file=file))


@router.delete(
    "/intel/attachments/{attachment_id}",
    response={204: None, **WRITE_ERRORS},
)
@service_errors
def delete_intel_attachment(request, attachment_id: int):
    """Remove a file from its report (the report's writers, cleared for the file's
    classification)."""
    attachment = get_attachment_for(request.auth, attachment_id)
    remove_attachment(actor=request.auth, attachment=attachment)
    return Status(204, None)


@router.get(
    "/intel/attachments/{attachment_id}/download",
    response={200: None, 404: ErrorOut},
    openapi_extra=file_openapi("The attached file (PDF, PNG, JPEG, text, CSV, XLSX or DOCX)"),
)
def get_intel_attachment_download(request, attachment_id: int):
    """The attached file itself (``Content-Disposition: attachment``)."""
    attachment = get_attachment_for(request.auth, attachment_id)
    note_read(request, action="intel.attachment.download", obj=attachment)
    response = FileResponse(
        attachment.file.open("rb"),
        as_attachment=True,
        filename=attachment.name,
        content_type=attachment.content_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response
