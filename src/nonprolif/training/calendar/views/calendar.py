"""The program's calendar: month view, timeline, regeneration, CSV and XLSX exports."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import render
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from nonprolif.core.audit_reads import note_read
from nonprolif.core.spreadsheets import spreadsheet_response
from nonprolif.program.queries import get_program_for
from nonprolif.training.calendar import exports
from nonprolif.training.calendar.domain import regenerate_sessions
from nonprolif.training.calendar.forms import RegenerateForm
from nonprolif.training.calendar.queries import (
    default_month,
    month_view,
    parse_month,
    pending_sessions,
    program_sessions,
    timeline,
)


@require_GET
def calendar_month(request, code):
    """One month of the program's calendar (``?month=YYYY-MM``)."""
    program = get_program_for(request.user, code)
    note_read(request, action="calendar.view", obj=program)
    error = None
    try:
        month = parse_month(request.GET.get("month"))
    except ValueError:
        month = None
        error = _("month: “%(value)s” is not a month in the form YYYY-MM.") % {
            "value": request.GET.get("month")
        }
    if month is None:
        month = default_month(request.user, program)
    view = month_view(request.user, program, month)
    return render(
        request,
        "training/calendar_month.html",
        {"program": program, "view": view, "error": error},
        status=400 if error else 200,
    )


@require_GET
def calendar_timeline(request, code):
    """The whole program on one time line, one row per session."""
    program = get_program_for(request.user, code)
    note_read(request, action="calendar.timeline", obj=program)
    return render(
        request,
        "training/calendar_timeline.html",
        {"program": program, "timeline": timeline(request.user, program)},
    )


def calendar_regenerate(request, code):
    """Regenerate the sessions from the accepted items; list the held-back changes."""
    program = get_program_for(request.user, code)
    if not request.user.has_perm("training.regenerate_calendar", program):
        raise PermissionDenied
    form = RegenerateForm(request.POST or None)
    report = None
    if request.method == "POST" and form.is_valid():
        report = regenerate_sessions(
            program=program, actor=request.user, confirm=form.cleaned_data["confirm"]
        )
        messages.success(request, _("Calendar regenerated."))
        form = RegenerateForm()
    return render(
        request,
        "training/calendar_regenerate.html",
        {
            "program": program,
            "form": form,
            "report": report,
            "pending": list(pending_sessions(request.user, program)),
        },
    )


def _calendar_export(request, code, kind: str):
    program = get_program_for(request.user, code)
    note_read(request, action="calendar.export", obj=program, changes={"format": kind})
    headers, rows = exports.session_rows(program_sessions(request.user, program))
    stem = f"{slugify(program.code)}-calendar"
    return spreadsheet_response(kind, stem, headers, rows, title=program.code)


@require_GET
def calendar_csv(request, code):
    return _calendar_export(request, code, "csv")


@require_GET
def calendar_xlsx(request, code):
    return _calendar_export(request, code, "xlsx")
