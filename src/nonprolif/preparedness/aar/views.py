"""The after-action report pages: the AAR/IP in the exercise's tabs (``?lang=es|en``; with
``download=1`` the standalone HTML document) and its PDF. Reading either is an audited read
of the exercise ("exercise.aar.view")."""

from django.http import HttpResponse
from django.shortcuts import render
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET

from nonprolif.core.audit_reads import note_read
from nonprolif.core.i18n import content_language
from nonprolif.preparedness.aar.facts import LANGUAGES, aar_facts
from nonprolif.preparedness.aar.render import (
    CONTENT_TYPES,
    filename,
    render_html,
    render_html_fragment,
    render_pdf,
)
from nonprolif.preparedness.exercises.queries import get_exercise_for

LANGUAGE_NAMES = {"es": _("Spanish"), "en": _("English")}


def _language(request) -> str:
    """``?lang=`` when it is es or en, else the interface's language."""
    lang = request.GET.get("lang", "")
    return lang if lang in LANGUAGES else content_language()


def _download(body: bytes | str, facts, output: str) -> HttpResponse:
    response = HttpResponse(body, content_type=CONTENT_TYPES[output])
    response["Content-Disposition"] = f'attachment; filename="{filename(facts, output)}"'
    return response


@require_GET
def aar_page(request, pk):
    """The AAR/IP as a page of the exercise, links to its PDF and HTML in both languages."""
    exercise = get_exercise_for(request.user, pk)
    lang = _language(request)
    note_read(request, action="exercise.aar.view", obj=exercise, changes={"lang": lang})
    facts = aar_facts(exercise=exercise, user=request.user, language=lang)
    if request.GET.get("download"):
        return _download(render_html(facts), facts, "html")
    return render(
        request,
        "preparedness/aar/aar.html",
        {
            "exercise": exercise,
            "lang": lang,
            "languages": list(LANGUAGE_NAMES.items()),
            "report_html": mark_safe(render_html_fragment(facts)),  # noqa: S308 - escaped template
        },
    )


@require_GET
def aar_pdf(request, pk):
    """The AAR/IP as PDF (``?lang=es|en``)."""
    exercise = get_exercise_for(request.user, pk)
    lang = _language(request)
    note_read(
        request, action="exercise.aar.view", obj=exercise, changes={"lang": lang, "format": "pdf"}
    )
    facts = aar_facts(exercise=exercise, user=request.user, language=lang)
    return _download(render_pdf(facts), facts, "pdf")
