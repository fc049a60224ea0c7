"""Downloads of nominations as CSV or XLSX: an item's (the item page's list) and the
program's (the approval queue), with the list's filters; and the upload's template. The API
answers the same files (:func:`..exports.nominations_answer`)."""

from django.http import Http404
from django.utils.text import slugify
from django.views.decorators.http import require_GET

from nonprolif.core import clock
from nonprolif.core.audit_reads import note_read
from nonprolif.core.spreadsheets import FORMATS, spreadsheet_response
from nonprolif.program.queries import get_program_for
from nonprolif.training.nominations import imports
from nonprolif.training.nominations.exports import nominations_answer
from nonprolif.training.nominations.forms import QueueFilterForm
from nonprolif.training.nominations.queries import get_item_for


def _kind(kind: str) -> str:
    if kind not in FORMATS:
        raise Http404
    return kind


def _criteria(request) -> dict:
    filters = QueueFilterForm(request.GET or None)
    filters.is_valid()
    return {k: v for k, v in (getattr(filters, "cleaned_data", {}) or {}).items() if v}


@require_GET
def item_nominations_export(request, code, item_key, kind):
    """The item's nominations the user sees, with the item page's filters."""
    criteria = _criteria(request)
    return nominations_answer(
        request,
        request.user,
        _kind(kind),
        code,
        item_key=item_key,
        status=criteria.get("status"),
        agency=criteria.get("agency"),
        q=criteria.get("q"),
    )


@require_GET
def program_nominations_export(request, code, kind):
    """The program's nominations the user sees, with the queue's filters (awaiting approval
    when none is given, as the queue)."""
    criteria = _criteria(request)
    return nominations_answer(
        request,
        request.user,
        _kind(kind),
        code,
        status=criteria.get("status") if request.GET else "submitted",
        agency=criteria.get("agency"),
        q=criteria.get("q"),
    )


@require_GET
def nominations_upload_template(request, code, item_key, kind):
    """The upload's template: its columns in the user's language and an example row."""
    kind = _kind(kind)
    program = get_program_for(request.user, code)
    item = get_item_for(request.user, program, item_key)
    note_read(request, action="nomination.template", obj=program, changes={"format": kind})
    stem = f"{slugify(program.code)}-{item.number}-nominations-template"
    return spreadsheet_response(
        kind,
        stem,
        imports.template_headers(),
        [imports.template_example(clock.today())],
        title=stem,
    )
