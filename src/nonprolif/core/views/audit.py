from django.shortcuts import render
from rules import has_perm

from nonprolif.core import queries
from nonprolif.core.audit_reads import note_read
from nonprolif.core.forms import AuditFilterForm
from nonprolif.core.web.pagination import paginate


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
    else: his own actions), newest first, 25 a page, filterable by object type."""
    form = AuditFilterForm(request.GET, user=request.user)
    object_type = form.cleaned_data.get("object_type", "") if form.is_valid() else ""
    page = paginate(request, queries.audit_entries(request.user, object_type=object_type))
    note_read(request, action="audit.list")
    for entry in page:
        entry.change_rows = _change_rows(entry.changes)
    return render(
        request,
        "core/audit_log.html",
        {"form": form, "page": page, "reads_all": has_perm("core.view_audit", request.user)},
    )
