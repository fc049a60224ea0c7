"""The after-action report endpoint: the AAR/IP of an exercise as PDF or HTML.

Invisible or missing exercise: 404; bad options: 422 naming each field.
"""

from django.http import HttpResponse
from ninja import Query, Router

from nonprolif.api.errors import ErrorOut, ValidationErrorOut
from nonprolif.core.audit_reads import note_read
from nonprolif.preparedness.aar.facts import aar_facts
from nonprolif.preparedness.aar.render import CONTENT_TYPES, filename, render
from nonprolif.preparedness.aar.schemas import PreparednessAarQuery
from nonprolif.preparedness.exercises.queries import get_exercise_for

router = Router(tags=["preparedness"])

# The answer's media type follows ``?format=``: a PDF or an HTML document.
DOCUMENT = {
    "responses": {
        200: {
            "content": {
                CONTENT_TYPES[name].split(";")[0]: {
                    "schema": {"type": "string", "format": "binary"}
                }
                for name in ("pdf", "html")
            }
        }
    }
}


@router.get(
    "/preparedness/exercises/{exercise_id}/aar",
    response={200: None, 404: ErrorOut, 422: ValidationErrorOut},
    openapi_extra=DOCUMENT,
)
def get_preparedness_aar(request, exercise_id: int, options: Query[PreparednessAarQuery]):
    """The exercise's After-Action Report / Improvement Plan in ``lang`` (es or en) as
    ``format`` pdf (PDF/A) or html (a whole document), with its classification marking;
    every figure read from the database as the caller sees it."""
    exercise = get_exercise_for(request.auth, exercise_id)
    note_read(
        request,
        action="exercise.aar.view",
        obj=exercise,
        changes={"lang": options.lang, "format": options.format},
    )
    facts = aar_facts(exercise=exercise, user=request.auth, language=options.lang)
    response = HttpResponse(
        render(facts, options.format), content_type=CONTENT_TYPES[options.format]
    )
    response["Content-Disposition"] = f'inline; filename="{filename(facts, options.format)}"'
    return response
