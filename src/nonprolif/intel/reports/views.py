"""Intelligence report pages: the list of the reports the user may read, and one report."""

from django.shortcuts import render

from nonprolif.core.audit_reads import note_read
from nonprolif.core.web.pagination import paginate
from nonprolif.intel.reports.queries import get_report_for, reports_for


def report_list(request):
    page = paginate(request, reports_for(request.user))
    note_read(request, action="intel.report.list")
    return render(request, "intel/reports/report_list.html", {"page": page})


def report_detail(request, pk):
    report = get_report_for(request.user, pk)
    note_read(request, action="intel.report.view", obj=report)
    return render(request, "intel/reports/report_detail.html", {"report": report})
