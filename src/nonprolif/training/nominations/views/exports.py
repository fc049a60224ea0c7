"""Downloads of nominations as CSV or XLSX: an item's (the item page's list) and the
program's (the approval queue), with the list's filters; and the upload's template."""

from django.http import Http404
from django.utils.text import slugify
from django.views.decorators.http import require_GET

from nonprolif.core import clock
from nonprolif.core.audit_reads import note_read
from nonprolif.core.spreadsheets import FORMATS, spreadsheet_response
from nonprolif.program.queries import get_program_for
from nonprolif.training.nominations import exports, imports
from nonprolif.training.nominations.forms import QueueFilterForm
from nonprolif.training.nominations.queries import (
    get_item_for,
    program_nominations,
    visible_items,
)


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
    kind = _kind(kind)
    program = get_program_for(request.user, code)
    item = get_item_for(request.user, program, item_key)
    criteria = _criteria(request)
    note_read(
        request,
        action="nomination.export",
        obj=program,
        changes={"format": kind, "item": str(item.key), "search": criteria},
    )
    rows = program_nominations(
        request.user,
        program,
        item_key=item.key,
        status=criteria.get("status"),
        agency=criteria.get("agency"),
        query=criteria.get("q"),
    )
    stem = f"{slugify(program.code)}-{item.number}-nominations"
    return spreadsheet_response(
        kind, stem, exports.headers(), exports.rows(rows, [item]), title=stem
    )


@require_GET
def program_nominations_export(request, code, kind):
    """The program's nominations the user sees, with the queue's filters (awaiting approval
    when none is given, as the queue)."""
    kind = _kind(kind)
    program = get_program_for(request.user, code)
    criteria = _criteria(request)
    status = criteria.get("status") if request.GET else "submitted"
    items = visible_items(request.user, program)
    note_read(
        request,
        action="nomination.export",
        obj=program,
        changes={"format": kind, "search": {**criteria, "status": status or ""}},
    )
    rows = program_nominations(
        request.user,
        program,
        status=status or None,
        agency=criteria.get("agency"),
        query=criteria.get("q"),
    ).filter(item_key__in=[item.key for item in items])
    stem = f"{slugify(program.code)}-nominations"
    table = exports.rows(rows, items)
    return spreadsheet_response(kind, stem, exports.headers(), table, title=stem)


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
