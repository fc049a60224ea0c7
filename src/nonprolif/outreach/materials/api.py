"""The materials endpoints, on the same selectors and services as the pages: the library,
one material, its versions, publishing a material and uploading a version (multipart), a
version's file.

Invisible or missing: 404; not allowed to publish: 403, the refusal audited before the file
is read; bad input: 422 naming each field (a missing or empty file on ``file``).
"""

from django.http import FileResponse
from ninja import File, Form, Query, Router, Status
from ninja.files import UploadedFile
from ninja.pagination import LimitOffsetPagination, paginate

from nonprolif.api.errors import WRITE_ERRORS, ErrorOut, service_errors
from nonprolif.core.audit_reads import note_read
from nonprolif.intel.reports.attachments import file_openapi
from nonprolif.outreach.materials.domain import add_material, add_version
from nonprolif.outreach.materials.queries import (
    get_material_for,
    get_version_for,
    materials_for,
    versions_for,
)
from nonprolif.outreach.materials.schemas import (
    OutreachMaterialFilters,
    OutreachMaterialOut,
    OutreachMaterialVersionOut,
)

router = Router(tags=["outreach"])

FILE_RESPONSE = file_openapi("The version's file (PDF, PNG, JPEG, text, CSV, XLSX or DOCX)")


@router.get("/outreach/materials", response={200: list[OutreachMaterialOut]})
@paginate(LimitOffsetPagination)
def list_outreach_materials(request, filters: Query[OutreachMaterialFilters]):
    """The materials the caller may read (coordinators, auditors, national agencies' users),
    by Spanish title; ``audience`` and ``q`` (title words) narrow them."""
    return materials_for(
        request.auth, audience=filters.audience.value if filters.audience else None, q=filters.q
    )


@router.post("/outreach/materials", response={201: OutreachMaterialOut, **WRITE_ERRORS})
@service_errors
def post_outreach_material(
    request,
    title_es: str = Form(""),
    title_en: str = Form(""),
    audience: str = Form(""),
    language: str = Form("es"),
    description_es: str = Form(""),
    description_en: str = Form(""),
    file: UploadedFile | None = File(None),  # noqa: B008 (ninja's declaration)
):
    """Publish a material of the caller's agency with its file as version 1 (coordinators,
    liaisons of national agencies); ``audience``: industry, academia, healthcare, logistics
    or general. The file's content and name must agree on an allowed
    type; its size is capped."""
    material = add_material(
        actor=request.auth,
        title_es=title_es,
        title_en=title_en,
        audience=audience,
        language=language,
        description_es=description_es,
        description_en=description_en,
        file=file,
    )
    return Status(201, get_material_for(request.auth, material.pk))


@router.get("/outreach/materials/{material_id}", response={200: OutreachMaterialOut, 404: ErrorOut})
def get_outreach_material(request, material_id: int):
    return get_material_for(request.auth, material_id)


@router.get(
    "/outreach/materials/{material_id}/versions",
    response={200: list[OutreachMaterialVersionOut], 404: ErrorOut},
)
@paginate(LimitOffsetPagination)
def list_outreach_material_versions(request, material_id: int):
    """The material's versions, newest first."""
    return versions_for(request.auth, get_material_for(request.auth, material_id))


@router.post(
    "/outreach/materials/{material_id}/versions",
    response={201: OutreachMaterialVersionOut, **WRITE_ERRORS},
)
@service_errors
def post_outreach_material_version(
    request,
    material_id: int,
    language: str = Form("es"),
    notes: str = Form(""),
    file: UploadedFile | None = File(None),  # noqa: B008 (ninja's declaration)
):
    """Upload the material's next version (coordinators, liaisons of the publishing agency)."""
    material = get_material_for(request.auth, material_id)
    version = add_version(
        actor=request.auth, material=material, file=file, language=language, notes=notes
    )
    return Status(201, version)


@router.get(
    "/outreach/materials/{material_id}/versions/{number}/file",
    response={200: None, 404: ErrorOut},
    openapi_extra=FILE_RESPONSE,
)
def get_outreach_material_file(request, material_id: int, number: int):
    """The version's file itself (``Content-Disposition: attachment``)."""
    version = get_version_for(request.auth, material_id, number)
    note_read(
        request,
        action="outreach.material.download",
        obj=version.material,
        changes={"version": version.number, "sha256": version.sha256},
    )
    response = FileResponse(
        version.file.open("rb"),
        as_attachment=True,
        filename=version.file_name,
        content_type=version.content_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response
