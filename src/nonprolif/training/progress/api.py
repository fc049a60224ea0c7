"""The progress API: a program's progress per agency against the targets, from the rows the
caller may see."""

import uuid

from django.utils.translation import gettext as _
from ninja import Router, Status

from nonprolif.api.errors import ErrorOut
from nonprolif.core.models import Agency
from nonprolif.program.queries import get_program_for
from nonprolif.training.progress.queries import STAGES, program_progress, progress_agencies
from nonprolif.training.progress.schemas import ProgressOut

# Tagged "attendance" like the attendance endpoints, as the API has always documented them.
router = Router(tags=["attendance"])


@router.get("/programs/{code}/progress", response={200: ProgressOut, 404: ErrorOut})
def get_progress(request, code: str, agency: str | None = None, item: uuid.UUID | None = None):
    """The program's progress per agency (distinct officials per stage) against the
    targets, from the rows the caller may see; optionally for one agency (its code) or one
    item (its key)."""
    program = get_program_for(request.auth, code)
    chosen: Agency | None = None
    if agency:
        chosen = progress_agencies(request.auth, program).filter(code=agency).first()
        if chosen is None:
            return Status(404, {"detail": _("No such agency.")})
    progress = program_progress(request.auth, program, agency=chosen, item_key=item)
    return {
        "program": program.code,
        "target": progress.target,
        "item": progress.item.key if progress.item else None,
        "agencies": [
            {"agency": row.agency.code, "seats": row.seats, **row.counts} for row in progress.rows
        ],
        "totals": {
            "agency": "",
            "seats": progress.seats_total,
            **{stage: progress.totals[stage] for stage in STAGES},
        },
    }
