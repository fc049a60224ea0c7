"""The progress dashboard of a program's training."""

from django.shortcuts import render
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from nonprolif.core.audit_reads import note_read
from nonprolif.core.charts import bar_chart_svg
from nonprolif.program.queries import get_program_for
from nonprolif.training.progress.queries import program_progress, progress_agencies


def progress_dashboard(request, code):
    """Nominated → approved → assigned → attended → certified, per agency, against the
    targets, as a chart (inline SVG) and a table of the same numbers. Filters: ``agency``
    (a code) and ``item`` (an item key)."""
    program = get_program_for(request.user, code)
    note_read(request, action="progress.view", obj=program)
    agencies = list(progress_agencies(request.user, program))
    agency_code = request.GET.get("agency", "")
    agency = next((a for a in agencies if a.code == agency_code), None)
    progress = program_progress(
        request.user, program, agency=agency, item_key=request.GET.get("item") or None
    )
    labels = [label for _stage, label, _total in progress.stages]
    svg = bar_chart_svg(
        labels,
        {_("Officials"): progress.total_values},
        title=_("Training progress of %(program)s") % {"program": program.name},
        target=progress.target,
        target_label=_("Target") if progress.target is not None else "",
    )
    return render(
        request,
        "training/progress/dashboard.html",
        {
            "program": program,
            "progress": progress,
            "agencies": agencies,
            "chart": mark_safe(svg.decode()),  # noqa: S308  (matplotlib's SVG; text escaped)
        },
    )
