import datetime
import re

import pytest

from nonprolif.reports.compose import compose_cable
from nonprolif.reports.domain import issue_cable
from nonprolif.reports.facts import (
    AgencyRegistrations,
    Author,
    CableFacts,
    ConferenceFacts,
    OverdueItem,
    ProgramFacts,
    ProposalFacts,
    ProposalItemFacts,
    SessionFacts,
    TrainingFacts,
    TrainingRow,
    UpcomingSession,
)
from nonprolif.reports.queries import build_cable
from nonprolif.reports.render import render_markdown
from tests.reports.conftest import AS_OF

LABELS = {
    "en": {
        "from": "FM ",
        "to": "TO ",
        "info": "INFO ",
        "tags": "TAGS: PREL, PARM, KNNP, MX",
        "subject": "SUBJECT: ",
        "classified": "Classified By: ",
        "reason": "Reason: 1.4 (b),(d).",
        "summary": ("Summary.", "End Summary."),
        "comment": ("Comment.", "End Comment."),
        "marking": "S E N S I T I V E  B U T  U N C L A S S I F I E D",
        "months": "JAN|FEB|MAR|APR|MAY|JUN|JUL|AUG|SEP|OCT|NOV|DEC",
    },
    "es": {
        "from": "DE ",
        "to": "PARA ",
        "info": "INFO ",
        "tags": "TEMAS: PREL, PARM, KNNP, MX",
        "subject": "ASUNTO: ",
        "classified": "Clasificado por: ",
        "reason": "Motivo: 1.4 (b),(d).",
        "summary": ("Resumen.", "Fin del resumen."),
        "comment": ("Comentario.", "Fin del comentario."),
        "marking": "S E N S I B L E  N O  C L A S I F I C A D O",
        "months": "ENE|FEB|MAR|ABR|MAY|JUN|JUL|AGO|SEP|OCT|NOV|DIC",
    },
}


@pytest.mark.parametrize("language", ["es", "en"])
def test_report_has_every_part_of_a_cable(coordinator, program, report_data, language):
    words = LABELS[language]
    cable = issue_cable(actor=coordinator, program=program, language=language, as_of=AS_OF)
    lines = cable.header.lines()
    assert re.fullmatch(rf"R \d{{6}}Z ({words['months']}) \d{{2}}", lines[0])
    assert lines[1] == f"{words['from']}AAA"
    assert f"{words['to']}PTR" in lines
    info = lines.index(f"{words['info']}BBB")
    assert lines[info + 1].strip() == ""  # one addressee per line, then the slug
    assert any(line.startswith(words["marking"]) for line in lines)
    assert any(re.fullmatch(r"E\.O\. 12958: DECL: \d{2}/\d{2}/\d{4}", line) for line in lines)
    assert words["tags"] in lines
    subject = next(line for line in lines if line.startswith(words["subject"]))
    assert subject == subject.upper()
    classified = next(line for line in lines if line.startswith(words["classified"]))
    assert classified.endswith(words["reason"])
    numbers = [paragraph.number for paragraph in cable.paragraphs]
    assert numbers == list(range(1, 8))
    summary, comment = cable.paragraphs[0], cable.paragraphs[-1]
    assert (summary.text[0], summary.text[-1]) == words["summary"]
    assert (comment.text[0], comment.text[-1]) == words["comment"]
    assert [p.key for p in cable.paragraphs[1:-1]] == [
        "training",
        "proposal",
        "sessions",
        "conference",
        "overdue",
    ]
    assert all(p.tables for p in cable.paragraphs[1:-1])
    assert cable.signature == "COORDINATOR"
    markdown = render_markdown(cable)
    for mark in ("¶1.", "¶4.", "¶7.", words["summary"][1], words["comment"][1]):
        assert mark in markdown
    assert markdown.rstrip().endswith("COORDINATOR")


def test_the_text_quotes_the_figures(coordinator, program, report_data):
    cable = build_cable(coordinator, program, language="en", as_of=AS_OF)
    summary = " ".join(cable.paragraphs[0].text)
    assert "1 of the 10 officials targeted have completed their training (10%)" in summary
    assert "1 of 3 items accepted, 1 rejected, 1 awaiting a decision" in summary
    assert "2 confirmed speakers and 4 registrations" in summary
    assert "1 action items are overdue" in summary
    comment = " ".join(cable.paragraphs[-1].text)
    assert "BBB" in comment  # fewer nominations than seats, and behind
    assert "1 proposal items still await" in comment
    assert "Late" in comment


def test_markings_are_chosen_on_generation(coordinator, program, report_data):
    cable = build_cable(coordinator, program, language="en", as_of=AS_OF, marking="confidential")
    assert cable.header.classification == "C O N F I D E N T I A L"
    assert cable.portion == "(C)"
    cable = build_cable(coordinator, program, language="es", as_of=AS_OF, marking="unclassified")
    assert cable.header.classification == "S I N  C L A S I F I C A R"


NOW = datetime.datetime(2009, 11, 2, 15, 0, tzinfo=datetime.UTC)


def _facts(**changes) -> CableFacts:
    facts = {
        "as_of": datetime.date(2009, 11, 1),
        "program": ProgramFacts(
            code="p09",
            name="Programa 2009",
            country="mx",
            sender="AAA",
            to=["USG"],
            info=["BBB", "PTR"],
        ),
        "author": Author(
            name="Ana Pérez", surname="Pérez", position="", is_official=False, is_coordinator=True
        ),
        "signature": "Pérez",
        "training": TrainingFacts(
            rows=[
                TrainingRow(
                    code="AAA",
                    agency="AAA",
                    counts={
                        "nominated": 3,
                        "approved": 2,
                        "assigned": 2,
                        "attended": 2,
                        "certified": 1,
                    },
                    seats=4,
                )
            ],
            totals={"nominated": 3, "approved": 2, "assigned": 2, "attended": 2, "certified": 1},
            target=4,
            seats_total=4,
        ),
        "proposals": [
            ProposalFacts(
                id=7,
                title="Training",
                version=2,
                status="under_review",
                agency="PTR",
                submitted_on=datetime.date(2009, 3, 2),
                items=[
                    ProposalItemFacts(1, "Course", "accepted", datetime.date(2009, 4, 1)),
                    ProposalItemFacts(2, "Visit", "awaiting_review", None),
                ],
                accepted=1,
                amended=0,
                rejected=0,
                awaiting=1,
            )
        ],
        "sessions": SessionFacts(
            held_before=1,
            scheduled_after=1,
            upcoming=[
                UpcomingSession(
                    id=3,
                    start=datetime.date(2010, 1, 22),
                    end=datetime.date(2010, 1, 24),
                    item_number=1,
                    title="Course",
                    audience="Cohort 2",
                    venue=None,
                    participants=12,
                    capacity=30,
                )
            ],
        ),
        "conferences": [
            ConferenceFacts(
                id=5,
                title="WMD conference",
                city="Cancún",
                start_date=datetime.date(2009, 11, 18),
                end_date=datetime.date(2009, 11, 20),
                host="AAA",
                speakers={
                    "proposed": 1,
                    "accepted": 2,
                    "confirmed": 1,
                    "declined": 0,
                    "awaiting_answer": 1,
                },
                registrations=[
                    AgencyRegistrations(
                        code="AAA",
                        agency="AAA",
                        counts={"submitted": 2, "approved": 3, "declined": 0, "cancelled": 1},
                    )
                ],
                release=None,
            )
        ],
        "overdue": [
            OverdueItem(
                id=9,
                title="Send the list",
                owner_code="BBB",
                owner="BBB",
                owner_official="Juan López",
                due_date=datetime.date(2009, 10, 1),
                days=31,
                status="open",
            )
        ],
    }
    return CableFacts(**{**facts, **changes})


def test_a_cable_is_written_from_plain_facts_alone():
    """No database here (the test has no db fixture: a query would fail it)."""
    cable = compose_cable(
        _facts(), language="en", marking="sbu", reference="P09-2009-0003", now=NOW
    )
    lines = cable.header.lines()
    assert lines[:3] == ["R 021500Z NOV 09", "FM AAA", "TO USG"]
    assert "S E N S I T I V E  B U T  U N C L A S S I F I E D   P09-2009-0003" in lines
    assert "TAGS: PREL, PARM, KNNP, MX" in lines
    assert "Classified By: Ana Pérez, National coordinator. Reason: 1.4 (b),(d)." in lines
    assert cable.signature == "PÉREZ"
    summary = " ".join(cable.paragraphs[0].text)
    assert "1 of the 4 officials targeted have completed their training (25%)" in summary
    assert "1 of 2 items accepted, 0 rejected, 1 awaiting a decision" in summary
    assert "1 confirmed speakers and 6 registrations" in summary
    training, proposal, sessions, conference, overdue = cable.paragraphs[1:-1]
    assert training.tables[0].total == ["Total", "4", "3", "2", "2", "2", "1", "25%"]
    assert [chart.name for chart in cable.charts] == ["training.svg", "registrations-5.svg"]
    assert proposal.tables[0].rows == [
        ["1", "Course", "accepted", "2009-04-01"],
        ["2", "Visit", "awaiting review", ""],
    ]
    assert sessions.tables[0].rows == [
        ["2010-01-22 \u2013 2010-01-24", "1. Course · Cohort 2", "to be set", "12 / 30"]
    ]
    assert conference.tables[0].total == ["Total", "2", "3", "0", "1"]
    assert overdue.tables[0].rows == [
        ["Send the list", "BBB · Juan López", "2009-10-01", "31", "open"]
    ]
    comment = " ".join(cable.paragraphs[-1].text)
    assert "Send the list" in comment
    assert cable.figures["overdue"] == [{"id": 9, "days": 31, "owner": "BBB"}]
    assert cable.figures["conferences"][0]["registrations_total"] == 6
    assert render_markdown(cable).rstrip().endswith("PÉREZ")


def test_a_draft_reads_draft_and_an_auditor_signs_as_auditor():
    author = Author(
        name="Eva Ruiz", surname="Ruiz", position="", is_official=False, is_coordinator=False
    )
    cable = compose_cable(
        _facts(author=author), language="es", marking="confidential", reference="", now=NOW
    )
    lines = cable.header.lines()
    assert "C O N F I D E N C I A L   P09-2009-DRAFT" in lines
    assert any(line.startswith("Clasificado por: Eva Ruiz, Auditor") for line in lines)
    assert cable.portion == "(C)"


@pytest.mark.parametrize(
    ("options", "field"), [({"language": "fr"}, "lang"), ({"marking": "secret"}, "marking")]
)
def test_bad_options_name_the_field(options, field):
    from django.core.exceptions import ValidationError

    arguments = {"language": "en", "marking": "sbu", **options}
    with pytest.raises(ValidationError) as error:
        compose_cable(_facts(), reference="", now=NOW, **arguments)
    assert field in error.value.message_dict


def test_the_classified_by_line_is_in_the_language_of_the_cable():
    """The official's position is recorded in Spanish: the Spanish cable gives it, the
    English one the title of his role."""
    author = Author(
        name="Ana Pérez",
        surname="Pérez",
        position="Coordinadora de Seguridad Nacional",
        is_official=True,
        is_coordinator=True,
    )
    english = compose_cable(
        _facts(author=author), language="en", marking="sbu", reference="", now=NOW
    )
    spanish = compose_cable(
        _facts(author=author), language="es", marking="sbu", reference="", now=NOW
    )
    assert english.header.classified_by == (
        "Classified By: Ana Pérez, National coordinator. Reason: 1.4 (b),(d)."
    )
    assert spanish.header.classified_by.startswith(
        "Clasificado por: Ana Pérez, Coordinadora de Seguridad Nacional."
    )
