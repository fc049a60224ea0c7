"""The report API: the program status report as a reporting cable.

Invisible or missing: 404; visible but not allowed: 403; bad input: 422 naming each field.
"""

from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.utils.translation import gettext as _
from ninja import Query, Router

from nonprolif.api.errors import ErrorOut, ValidationErrorOut, service_errors
from nonprolif.program.queries import get_program_for
from nonprolif.reports.domain import issue_cable
from nonprolif.reports.render import CONTENT_TYPES, render_html, render_markdown, render_pdf
from nonprolif.reports.schemas import ReportQuery

# Tagged "coordination", as the API has always documented the report.
router = Router(tags=["coordination"])

# The answer's media type follows ``?format=``: JSON (the default) or a rendered document.
RENDERED = {
    "responses": {
        200: {
            "content": {
                CONTENT_TYPES[name].split(";")[0]: {
                    "schema": {"type": "string", "format": "binary"}
                }
                for name in ("html", "md", "pdf")
            }
        }
    }
}


@router.get(
    "/programs/{code}/report",
    response={200: dict, 403: ErrorOut, 404: ErrorOut, 422: ValidationErrorOut},
    openapi_extra=RENDERED,
)
@service_errors
def get_program_report(request, code: str, options: Query[ReportQuery]):
    """The program's status report as a reporting cable (coordinators and auditors):
    ``format`` json (the structured cable, with the figures it was written from), html,
    md or pdf. Each call issues a report with the next reference number."""
    program = get_program_for(request.auth, code)
    if options.format not in CONTENT_TYPES:
        raise ValidationError({"format": _("Choose json, html, md or pdf.")})
    cable = issue_cable(
        actor=request.auth,
        program=program,
        language=options.lang,
        as_of=options.as_of,
        marking=options.marking,
    )
    if options.format == "json":
        return cable.as_dict()
    render = {"html": render_html, "md": render_markdown, "pdf": render_pdf}[options.format]
    return HttpResponse(render(cable), content_type=CONTENT_TYPES[options.format])
