from django.http import HttpResponseBase
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from rules import has_perm

from nonprolif.core import queries
from nonprolif.core.audit_reads import note_read
from nonprolif.core.audit_words import describe, type_name
from nonprolif.core.forms import AuditFilterForm
from nonprolif.core.spreadsheets import csv_response
from nonprolif.core.web.pagination import paginate

CSV_LIMIT = 100_000


def _change_rows(changes) -> list[tuple[str, object, object]]:
    """(field, old, new) rows for display; services record {field: [old, new]}, and any
    other value is shown as the new one."""
    if not isinstance(changes, dict):
        return [("", None, changes)] if changes else []
    rows = []
    for field, values in changes.items():
        if isinstance(values, list | tuple) and len(values) == 2:
            rows.append((field, values[0], values[1]))
        else:
            rows.append((field, None, values))
    return rows


def audit_log(request):
    """The audit trail the user may read (auditors and coordinators: all of it; anybody
    else: his own actions), newest first, 25 a page, as sentences in the reader's language
    with times in the active time zone; filters by who, agency, action, object type,
    outcome and dates; ``?format=csv`` downloads the filtered entries."""
    form = AuditFilterForm(request.GET, user=request.user)
    entries = queries.audit_entries(request.user, **form.filters())
    if request.GET.get("format") == "csv":
        return _csv(request, entries)
    page = paginate(request, entries)
    note_read(request, action="audit.list")
    for entry in page:
        entry.sentence = describe(entry)
        entry.change_rows = _change_rows(entry.changes)
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "core/audit_log.html",
        {
            "form": form,
            "page": page,
            "reads_all": has_perm("core.view_audit", request.user),
            "time_zone": timezone.get_current_timezone_name(),
            "csv_query": query.urlencode(),
        },
    )


def _csv(request, entries) -> HttpResponseBase:
    """The filtered entries as CSV (UTF-8 with BOM, newest first, at most CSV_LIMIT rows);
    cells that a spreadsheet would run as formulas are written as text."""
    rows = list(entries[:CSV_LIMIT])
    note_read(request, action="audit.export", objects=rows, changes={"format": "csv"})
    zone = timezone.get_current_timezone()
    headers = [
        "seq",
        _("When"),
        _("Who"),
        _("Roles"),
        _("Agency"),
        _("Action"),
        _("What happened"),
        _("Object type"),
        _("Object id"),
        _("Object ids"),
        _("Outcome"),
        _("Request id"),
        _("Client address"),
        _("Hash"),
    ]
    lines = (
        (
            entry.seq,
            # to the second, with its offset: the trail's own record of the instant
            entry.at.astimezone(zone).isoformat(timespec="seconds"),
            entry.actor_name,
            entry.role,
            entry.agency,
            entry.action,
            describe(entry),
            type_name(entry.object_type),
            entry.object_id,
            " ".join(str(pk) for pk in entry.object_ids),
            entry.get_outcome_display(),
            entry.request_id,
            entry.client_address,
            entry.entry_hash,
        )
        for entry in rows
    )
    return csv_response("audit.csv", headers, lines)
