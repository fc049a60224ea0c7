"""The status report page and its downloads: /programs/<code>/report/."""

from urllib.parse import urlencode

from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import render
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from nonprolif.core.audit_reads import note_read
from nonprolif.program.queries import get_program_for
from nonprolif.reports.domain import issue_cable
from nonprolif.reports.forms import ReportForm
from nonprolif.reports.render import (
    CONTENT_TYPES,
    render_html,
    render_html_fragment,
    render_markdown,
    render_pdf,
)


def report_filename(cable, extension: str) -> str:
    return f"{cable.program_code}-status-{cable.as_of.isoformat()}-{cable.language}.{extension}"


def cable_response(cable, output: str) -> HttpResponse:
    """A downloadable cable in ``output`` (pdf, md, html)."""
    body = {"pdf": render_pdf, "md": render_markdown, "html": render_html}[output](cable)
    response = HttpResponse(body, content_type=CONTENT_TYPES[output])
    response["Content-Disposition"] = f'attachment; filename="{report_filename(cable, output)}"'
    return response


def program_report(request, code):
    """Without options: the form. With ``lang`` (and ``as_of``, ``marking``): the report,
    as a page (``format=html``, the default) or a download (``format=pdf`` or ``md``;
    ``format=html&download=1`` for the standalone HTML document)."""
    program = get_program_for(request.user, code)
    note_read(request, action="report.view", obj=program)
    if not request.user.has_perm("reports.view_program_report", program):
        raise PermissionDenied
    form = ReportForm(request.GET if "lang" in request.GET else None)
    context = {"program": program, "form": form}
    if form.is_bound and form.is_valid():
        cable = issue_cable(actor=request.user, program=program, **form.options())
        output = form.cleaned_data.get("format") or "html"
        if output != "html" or request.GET.get("download"):
            return cable_response(cable, output)
        query = {k: v for k, v in request.GET.items() if k not in {"format", "download"}}
        context.update(
            cable=cable,
            cable_html=mark_safe(render_html_fragment(cable)),  # noqa: S308 - escaped template
            query=urlencode(query),
            downloads=[
                ("pdf", "PDF"),
                ("md", "Markdown"),
                ("html&download=1", _("HTML document")),
            ],
        )
    status = 422 if form.is_bound and not form.is_valid() else 200
    return render(request, "reports/cable_page.html", context, status=status)
