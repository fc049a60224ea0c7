"""The program status report written as a reporting cable, from plain facts.

``compose_cable`` takes the facts ``reports.queries`` gathered (``reports.facts``) and
returns a :class:`~nonprolif.reports.compose.cable.Cable`: the header, the numbered
paragraphs with their tables and charts, the signature, and ``figures``, the numbers the
text was written from. Nothing in it is typed by hand and nothing here reads the database.
The fixed wording is ``reports.vocabulary``'s.
"""

import datetime

from django.core.exceptions import ValidationError
from django.utils import translation
from django.utils.translation import gettext as _

from nonprolif.reports import vocabulary as v
from nonprolif.reports.compose.cable import Cable, Paragraph
from nonprolif.reports.compose.figures import cable_figures
from nonprolif.reports.compose.header import cable_header
from nonprolif.reports.compose.sections import (
    conference_paragraph,
    matrix_paragraph,
    overdue_paragraph,
    proposal_paragraph,
    sessions_paragraph,
    training_paragraph,
)
from nonprolif.reports.compose.summary import comment_sentences, summary_sentences
from nonprolif.reports.facts import CableFacts


def check_options(*, language: str, marking: str) -> None:
    """ValidationError naming the field unless ``language`` is es or en and ``marking`` one
    of the markings (unclassified, sbu, confidential)."""
    if language not in v.LANGUAGES:
        raise ValidationError({"lang": _("Choose es or en.")})
    if marking not in v.MARKINGS:
        raise ValidationError(
            {"marking": _("Choose one of: %(values)s.") % {"values": ", ".join(v.MARKINGS)}}
        )


def compose_cable(
    facts: CableFacts,
    *,
    language: str,
    marking: str,
    reference: str,
    now: datetime.datetime,
) -> Cable:
    """The cable of ``facts`` in ``language`` ("es" or "en"), marked ``marking``, numbered
    ``reference`` ("" for a draft) and dated ``now``. ValidationError naming the field on a
    bad language or marking."""
    check_options(language=language, marking=marking)
    words = v.WORDS[language]
    as_of = facts.as_of
    with translation.override("en" if language == "en" else "es-mx"):
        paragraphs = [
            Paragraph(
                number=0, key="summary", heading="", text=summary_sentences(facts, words, language)
            ),
            training_paragraph(facts.training, language, words),
            proposal_paragraph(facts.proposals, language, words),
            sessions_paragraph(facts.sessions, language, words, as_of),
            conference_paragraph(facts.conferences, language, words),
            overdue_paragraph(facts.overdue, language, words, as_of),
            *(
                [matrix_paragraph(facts.matrix, language, words, as_of)]
                if facts.matrix is not None
                else []
            ),
            Paragraph(number=0, key="comment", heading="", text=comment_sentences(facts, words)),
        ]
        for number, paragraph in enumerate(paragraphs, start=1):
            paragraph.number = number
        header = cable_header(
            facts, language=language, words=words, marking=marking, reference=reference, now=now
        )
    _label, portion, _caveats = v.MARKINGS[marking][language]
    return Cable(
        language=language,
        program_code=facts.program.code,
        as_of=as_of,
        generated_at=now,
        marking=marking,
        portion=f"({portion})",
        header=header,
        paragraphs=paragraphs,
        signature=facts.signature.upper(),
        figures=cable_figures(facts),
    )
