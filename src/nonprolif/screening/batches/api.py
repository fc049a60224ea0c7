"""The screening batches endpoints, on the same selectors as the pages.

Invisible or missing: 404; not allowed: 403; a bad file: 422 listing each row's errors as
``{"row", "column", "message"}``.
"""

from django.http import JsonResponse
from django.utils.translation import gettext as _
from ninja import File, Form, Query, Router, Status
from ninja.files import UploadedFile
from ninja.pagination import LimitOffsetPagination, paginate

from nonprolif.api.errors import ErrorOut, ValidationErrorOut, service_errors
from nonprolif.core.tables import RowError, size_error
from nonprolif.screening.batches.domain import BatchFileError, require_submit, submit_batch
from nonprolif.screening.batches.queries import batch_alerts, batches_for, get_batch_for
from nonprolif.screening.batches.schemas import (
    ScreeningAlertFilters,
    ScreeningBatchAlertOut,
    ScreeningBatchErrorsOut,
    ScreeningBatchOut,
)
from nonprolif.screening.models import BatchKind

router = Router(tags=["screening"])


def _file_errors(errors: list[RowError]) -> JsonResponse:
    detail = [{"row": e.row, "column": e.column, "message": e.message} for e in errors]
    return JsonResponse({"detail": detail}, status=422)


@router.get("/screening/batches", response={200: list[ScreeningBatchOut]})
@paginate(LimitOffsetPagination)
def list_screening_batches(request):
    """The batches the caller may see, newest first (coordinators and auditors: all; the
    others: their agency's)."""
    return batches_for(request.auth)


@router.post(
    "/screening/batches",
    response={
        201: ScreeningBatchOut,
        403: ErrorOut,
        422: ScreeningBatchErrorsOut | ValidationErrorOut,
    },
)
@service_errors
def post_screening_batch(
    request,
    kind: BatchKind = Form(...),  # noqa: B008 (ninja's declaration)
    file: UploadedFile | None = File(None),  # noqa: B008 (ninja's declaration)
    threshold: float = Form(None, ge=0.0, le=1.0),
):
    """Submit a batch file (CSV or XLSX) of the caller's agency for screening (liaisons and
    analysts with an agency). Every row is checked first: with any error nothing is
    submitted and the answer is 422 listing them all. A missing or empty file is a 422 on
    ``file`` (a multipart client may drop an empty file's part)."""
    require_submit(request.auth)
    if file is None:
        return _file_errors([RowError(0, "", _("Choose a file."))])
    too_large = size_error(file.size)
    if too_large:
        return _file_errors([RowError(0, "", too_large)])
    try:
        batch = submit_batch(
            actor=request.auth,
            kind=kind,
            file_name=file.name or "",
            data=file.read(),
            threshold=threshold,
        )
    except BatchFileError as error:
        return _file_errors(error.errors)
    return Status(201, get_batch_for(request.auth, batch.pk))


@router.get("/screening/batches/{batch_id}", response={200: ScreeningBatchOut, 404: ErrorOut})
def get_screening_batch(request, batch_id: int):
    """One batch: status, counts and progress."""
    return get_batch_for(request.auth, batch_id)


@router.get(
    "/screening/batches/{batch_id}/alerts",
    response={200: list[ScreeningBatchAlertOut], 404: ErrorOut},
)
@paginate(LimitOffsetPagination)
def list_screening_batch_alerts(request, batch_id: int, filters: Query[ScreeningAlertFilters]):
    """The batch's alerts, best score first; ``status`` narrows them."""
    batch = get_batch_for(request.auth, batch_id)
    return batch_alerts(request.auth, batch, status=filters.status or "")
