"""The AAR/IP as HTML (a fragment for the application's page, or a whole document with its
own styles) and as PDF (Typst: ``templates/typst/aar.typ`` reads the facts as JSON, never as
source). Every heading is translated into the report's language; the classification marking
stands at the top and bottom of the document (of every page in the PDF)."""

from dataclasses import asdict

from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _

from nonprolif.core.documents import ARCHIVAL
from nonprolif.core.documents import render_pdf as typst_pdf
from nonprolif.preparedness.aar.facts import AarFacts

CONTENT_TYPES = {"html": "text/html; charset=utf-8", "pdf": "application/pdf"}
FORMATS = tuple(CONTENT_TYPES)


def labels() -> dict[str, str]:
    """The report's headings and words in the active language."""
    return {
        "document": _("After-Action Report / Improvement Plan"),
        "overview": _("Exercise overview"),
        "exercise": _("Exercise"),
        "type": _("Type"),
        "program": _("Program"),
        "dates": _("Dates"),
        "venue": _("Venue"),
        "scenario": _("Scenario"),
        "cbrn": _("CBRN category"),
        "classification": _("Classification"),
        "agencies": _("Participating agencies"),
        "people": _("People by role"),
        "objectives": _("Objectives and capabilities"),
        "objective": _("Objective"),
        "capabilities": _("Core capabilities"),
        "rating": _("Rating"),
        "rationale": _("Rationale"),
        "not_rated": _("Not rated"),
        "strengths": _("Strengths"),
        "improvements": _("Areas for improvement"),
        "none_recorded": _("None recorded."),
        "time": _("Time"),
        "evaluator": _("Evaluator"),
        "inject": _("Inject"),
        "msel": _("MSEL summary"),
        "delivered": _("Injects delivered"),
        "of_planned": _("of %(planned)s planned"),
        "first_delivery": _("First delivery"),
        "last_delivery": _("Last delivery"),
        "player_actions": _("Player actions recorded"),
        "observations": _("Observations recorded"),
        "hotwash": _("Hot wash"),
        "no_hotwash": _("No hot wash notes were recorded."),
        "plan": _("Improvement plan"),
        "no_plan": _("No corrective actions yet."),
        "corrective_action": _("Corrective action"),
        "capability": _("Capability"),
        "owner": _("Owner agency"),
        "due": _("Due date"),
        "status": _("Status"),
        "overdue": _("overdue"),
        "training_need": _("Training need"),
        "yes": _("yes"),
        "no": _("no"),
        "proposal_item": _("Proposal item"),
        "ratings": _("Ratings summary"),
        "unrated": _("Not rated"),
        "count": _("Objectives"),
        "generated": _("Generated on"),
        "dash": "—",
    }


def _context(facts: AarFacts) -> dict:
    with translation.override(facts.language):
        words = labels()
        words["of_planned"] = words["of_planned"] % {"planned": facts.injects_planned}
    return {"aar": facts, "words": words, "lang": facts.language}


def render_html_fragment(facts: AarFacts) -> str:
    """The report as an HTML fragment (for a page of the application)."""
    with translation.override(facts.language):
        return render_to_string("preparedness/aar/_report.html", _context(facts))


def render_html(facts: AarFacts) -> str:
    """The report as a whole HTML document with its own styles (no external asset: it can
    be mailed or archived as one file)."""
    with translation.override(facts.language):
        return render_to_string("preparedness/aar/report.html", _context(facts))


def pdf_data(facts: AarFacts) -> dict:
    """The JSON the Typst template reads: the facts and the headings."""
    data = asdict(facts)
    data["people"] = [{"role": role, "count": count} for role, count in facts.people]
    data["words"] = _context(facts)["words"]
    data["title_line"] = f"{facts.code} · {facts.title}"
    return data


def render_pdf(facts: AarFacts) -> bytes:
    """The report as PDF/A (Typst)."""
    return typst_pdf("aar.typ", pdf_data(facts), standard=ARCHIVAL)


def render(facts: AarFacts, output: str) -> bytes:
    """The report in ``output`` (html or pdf) as bytes."""
    if output == "pdf":
        return render_pdf(facts)
    return render_html(facts).encode()


def filename(facts: AarFacts, output: str) -> str:
    return f"{facts.code}-aar-ip-{facts.language}.{output}"
