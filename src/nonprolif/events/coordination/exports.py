"""A program's action items as CSV or XLSX: the rows of the action items list as the user
sees them (its selector and filters), read a chunk at a time with the owner official named
only where the user may see him (an EXISTS, not a query per item): the number of queries
does not grow with the rows."""

from collections.abc import Iterator
from typing import Any

from django.db.models import Exists, OuterRef
from django.http import Http404
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from nonprolif.core import clock
from nonprolif.core.audit_reads import note_read
from nonprolif.core.models import Official
from nonprolif.core.spreadsheets import CHUNK, FORMATS, spreadsheet_response
from nonprolif.events.coordination.forms import ActionItemFilterForm
from nonprolif.events.coordination.queries import program_action_items
from nonprolif.events.models.coordination import program_today
from nonprolif.program.queries import get_program_for, program_agencies


def headers() -> list[str]:
    return [
        _("Meeting"),
        _("Decision"),
        _("Title"),
        _("Description"),
        _("Owner agency"),
        _("Owner official"),
        _("Due date"),
        _("Status"),
        _("Overdue"),
        _("Days overdue"),
        _("Created"),
        _("Closed"),
    ]


def rows(user, program, items) -> Iterator[list[Any]]:
    """One row per action item of ``items`` (scoped); overdue as of the program's today."""
    today = program_today(program.time_zone, clock.now())
    seen = Official.objects.visible_to(user).filter(pk=OuterRef("owner_official_id"))
    query = (
        items.prefetch_related(None)
        .select_related("meeting", "decision", "owner_agency", "owner_official")
        .annotate(owner_seen=Exists(seen))
    )
    for item in query.iterator(chunk_size=CHUNK):
        overdue = item.is_overdue_on(today)
        owner = item.owner_official if item.owner_official_id and item.owner_seen else None
        yield [
            item.meeting.title,
            item.decision.number if item.decision_id else None,
            item.title,
            item.description,
            item.owner_agency.code if item.owner_agency_id else "",
            owner.full_name if owner else "",
            item.due_date,
            item.get_status_display(),
            overdue,
            (today - item.due_date).days if overdue else None,
            item.created_at,
            item.closed_at,
        ]


def action_items_answer(request, user, kind: str, code: str, data):
    """The program's action items ``user`` sees, filtered by ``data`` (the list's filter
    form: agency, status, overdue, meeting), as a ``kind`` file; read-audited."""
    program = get_program_for(user, code)
    agencies = list(program_agencies(program))
    form = ActionItemFilterForm(data or None, agencies=agencies)
    form.is_valid()
    criteria = getattr(form, "cleaned_data", {})
    note_read(
        request,
        action="action_item.export",
        obj=program,
        changes={"format": kind, "search": {k: str(v) for k, v in criteria.items() if v}},
    )
    items = program_action_items(
        user,
        program,
        agency={a.code: a for a in agencies}.get(criteria.get("agency") or ""),
        status=criteria.get("status") or "",
        overdue=form.overdue_value() if "overdue" in criteria else None,
        meeting=criteria.get("meeting"),
    ).queryset
    stem = f"{slugify(program.code)}-action-items"
    table = rows(user, program, items)
    return spreadsheet_response(kind, stem, headers(), table, title=stem)


@require_GET
def action_item_export(request, code, kind):
    """The program's action items the user sees, with the list's filters."""
    if kind not in FORMATS:
        raise Http404
    return action_items_answer(request, request.user, kind, code, request.GET)
