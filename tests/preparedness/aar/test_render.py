"""The AAR/IP as HTML and PDF in both languages: every section, the figures of the
database, the classification marking at the top and bottom (of every page of the PDF)."""

import io
import re

import pytest
from django.utils import translation
from pypdf import PdfReader

from nonprolif.preparedness.aar.facts import aar_facts
from nonprolif.preparedness.aar.render import labels, render_html, render_pdf
from nonprolif.preparedness.models import ObservationKind
from tests.pdfs import info_title, pdfa_identification
from tests.preparedness.factories import ObservationFactory, level

pytestmark = pytest.mark.django_db

SECTIONS = (
    "overview",
    "objectives",
    "strengths",
    "improvements",
    "msel",
    "hotwash",
    "plan",
    "ratings",
)


def facts(built, lang):
    return aar_facts(exercise=built.exercise, user=built.coordinator, language=lang)


def headings(lang):
    with translation.override(lang):
        words = labels()
    return [words[name] for name in SECTIONS]


def pages_text(pdf: bytes) -> list[str]:
    return [" ".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(pdf)).pages]


@pytest.mark.parametrize("lang", ["es", "en"])
def test_the_html_has_every_section_and_the_marking_at_top_and_bottom(evaluated, lang):
    exercise = evaluated.exercise
    html = render_html(facts(evaluated, lang))
    assert f'<html lang="{lang}">' in html
    for heading in headings(lang):
        assert heading in html
    marking = getattr(exercise.classification, f"name_{lang}").upper()
    assert re.findall(r'<p class="marking"[^>]*>([^<]*)</p>', html) == [marking, marking]
    assert html.index('class="marking"') < html.index("<header>")
    assert html.rindex('class="marking"') > html.index('id="aar-ratings"')
    for text in (
        getattr(exercise, f"title_{lang}"),
        getattr(exercise, f"scenario_{lang}"),
        getattr(exercise, f"hotwash_{lang}"),
        getattr(evaluated.objectives[0], f"rating_notes_{lang}"),
        evaluated.strength.text,
        evaluated.weakness.text,
        getattr(evaluated.corrective.action_item, f"title_{lang}"),
    ):
        assert text in html, text
    assert "Nota sin clasificar" not in html  # a note is neither a strength nor an area


def test_the_two_languages_differ_in_content(evaluated):
    spanish, english = render_html(facts(evaluated, "es")), render_html(facts(evaluated, "en"))
    assert evaluated.exercise.hotwash_es in spanish
    assert evaluated.exercise.hotwash_es not in english
    assert evaluated.exercise.hotwash_en in english
    assert evaluated.exercise.hotwash_en not in spanish


def test_data_typed_by_people_is_escaped_in_the_html(evaluated):
    evaluated.exercise.hotwash_en = "<script>alert(1)</script>"
    evaluated.exercise.save()
    html = render_html(facts(evaluated, "en"))
    assert "<script>" not in html
    assert "&lt;script&gt;" in html


@pytest.mark.parametrize("lang", ["es", "en"])
def test_the_pdf_has_every_section_and_the_marking_on_every_page(evaluated, lang):
    exercise = evaluated.exercise
    exercise.classification = level("SBU")
    exercise.save()
    for n in range(40):  # enough findings for several pages
        ObservationFactory(
            exercise=exercise,
            objective=evaluated.objectives[1],
            kind=ObservationKind.STRENGTH,
            text=f"Fortaleza observada número {n} durante la conducción del ejercicio.",
            evaluator=evaluated.evaluator,
        )
    pdf = render_pdf(facts(evaluated, lang))
    assert pdf.startswith(b"%PDF")
    assert pdfa_identification(pdf) == ("2", "B")
    assert getattr(exercise, f"title_{lang}") in (info_title(pdf) or "")
    pages = pages_text(pdf)
    assert len(pages) >= 2
    marking = level("SBU").__dict__[f"name_{lang}"].upper()
    for page in pages:
        assert page.count(marking) >= 2, page[:200]
        assert page.startswith(marking)
    text = " ".join(pages)
    for heading in headings(lang):
        assert heading in text, heading
    assert "Fortaleza observada número 39" in text
    assert " ".join(getattr(exercise, f"hotwash_{lang}").split()) in text


def test_the_pdf_figures_follow_the_database(evaluated):
    objective = evaluated.objectives[1]
    before = " ".join(pages_text(render_pdf(facts(evaluated, "en"))))
    objective.rating = "M"
    objective.save()
    after = " ".join(pages_text(render_pdf(facts(evaluated, "en"))))
    assert "M · " in after
    with translation.override("en"):
        ratings = labels()["ratings"]
    assert "M · " not in before.split(ratings)[0]
