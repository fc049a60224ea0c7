"""The stakeholder list as CSV or XLSX: the rows the user reads under the list's filters (the
list's own selector), read a chunk at a time (the number of queries does not grow with the
rows)."""

from collections.abc import Iterator
from typing import Any

from django.db.models import Prefetch, QuerySet
from django.http import Http404
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from nonprolif.core.audit_reads import note_read
from nonprolif.core.rules import has_perm
from nonprolif.core.spreadsheets import CHUNK, FORMATS, spreadsheet_response
from nonprolif.intel.models import CbrnCategory
from nonprolif.outreach.models import Stakeholder
from nonprolif.outreach.stakeholders.forms import StakeholderFilterForm
from nonprolif.outreach.stakeholders.queries import stakeholders_for


def headers() -> list[str]:
    return [
        _("Reference"),
        _("Name"),
        _("Kind"),
        _("Sector"),
        _("State"),
        _("City"),
        _("Materials of concern"),
        _("CBRN categories"),
        _("Responsible agency"),
        _("Program"),
    ]


def rows(stakeholders: QuerySet[Stakeholder]) -> Iterator[list[Any]]:
    categories = Prefetch("cbrn_categories", queryset=CbrnCategory.objects.order_by("code"))
    for row in stakeholders.prefetch_related(categories).iterator(chunk_size=CHUNK):
        yield [
            f"STK-{row.pk}",
            row.name,
            row.get_kind_display(),
            row.get_sector_display(),
            row.state,
            row.city,
            row.materials,
            ", ".join(c.code for c in row.cbrn_categories.all()),
            row.responsible_agency.code,
            row.program.code,
        ]


def stakeholders_answer(request, user, kind: str, filters: dict[str, Any]):
    """The stakeholders ``user`` reads under ``filters``, as a ``kind`` file; read-audited.
    A user who reads no outreach gets 404."""
    if kind not in FORMATS or not has_perm("outreach.view_outreach", user):
        raise Http404
    selected = stakeholders_for(user, **filters)
    note_read(
        request,
        action="outreach.stakeholder.export",
        changes={"format": kind, **{k: str(v) for k, v in filters.items() if v}},
    )
    stem = "stakeholders"
    return spreadsheet_response(kind, stem, headers(), rows(selected), title=stem)


@require_GET
def stakeholder_export(request, kind):
    """The stakeholder list, under the page's filters, as a file."""
    form = StakeholderFilterForm(request.GET or None, user=request.user)
    filters = form.filters() if request.GET else {}
    return stakeholders_answer(request, request.user, kind, filters)
