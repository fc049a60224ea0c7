"""The visit list as CSV or XLSX: the visits the user reads under the list's filters (the
list's own selector), read a chunk at a time (the number of queries does not grow with the
rows)."""

from collections.abc import Iterator
from typing import Any

from django.db.models import QuerySet
from django.http import Http404
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from nonprolif.core.audit_reads import note_read
from nonprolif.core.rules import has_perm
from nonprolif.core.spreadsheets import CHUNK, FORMATS, spreadsheet_response
from nonprolif.outreach.models import Visit
from nonprolif.outreach.visits.forms import VisitFilterForm
from nonprolif.outreach.visits.queries import visits_for


def headers() -> list[str]:
    return [
        _("Visit"),
        _("Date"),
        _("Stakeholder"),
        _("Visiting agency"),
        _("Attendees"),
        _("Topics"),
        _("Follow-ups"),
    ]


def rows(visits: QuerySet[Visit]) -> Iterator[list[Any]]:
    for visit in visits.iterator(chunk_size=CHUNK):
        yield [
            str(visit),
            visit.date,
            visit.stakeholder.name,
            visit.agency.code,
            "; ".join(line.strip() for line in visit.attendees.splitlines() if line.strip()),
            visit.topics,
            getattr(visit, "follow_up_count", 0),
        ]


def visits_answer(request, user, kind: str, filters: dict[str, Any]):
    """The visits ``user`` reads under ``filters``, as a ``kind`` file; read-audited. A user
    who reads no outreach gets 404."""
    if kind not in FORMATS or not has_perm("outreach.view_outreach", user):
        raise Http404
    selected = visits_for(user, **filters)
    note_read(
        request,
        action="outreach.visit.export",
        changes={"format": kind, **{k: str(v) for k, v in filters.items() if v}},
    )
    return spreadsheet_response(kind, "visits", headers(), rows(selected), title="visits")


@require_GET
def visit_export(request, kind):
    """The visit list, under the page's filters, as a file."""
    form = VisitFilterForm(request.GET or None)
    filters = form.filters() if request.GET else {}
    return visits_answer(request, request.user, kind, filters)
