import datetime
import re

import pytest
from django.core.management import call_command
from django.db.models import Count, Sum

from nonprolif.core.models import AuditEntry
from nonprolif.events.models import ActionItem, Registration, Speaker
from nonprolif.program.models import ItemDecision, ProposalItem
from nonprolif.reports.cable import build_cable, issue_cable
from nonprolif.reports.render import render_html, render_markdown, render_pdf
from nonprolif.training.models import (
    AgencySeats,
    Certificate,
    Nomination,
    Session,
    SessionParticipant,
)
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


def test_figures_match_the_database(coordinator, program, report_data, agency_a, agency_b):
    figures = build_cable(coordinator, program, language="en", as_of=AS_OF).figures
    training = figures["training"]["agencies"]
    for agency in (agency_a, agency_b):
        row = training[agency.code]
        assert (
            row["seats"]
            == AgencySeats.objects.filter(program=program, agency=agency).aggregate(n=Sum("seats"))[
                "n"
            ]
        )
        nominations = Nomination.objects.filter(program=program, official__agency=agency)
        assert row["nominated"] == nominations.count()
        assert row["approved"] == nominations.filter(status="approved").count()
        assert (
            row["assigned"]
            == SessionParticipant.objects.filter(
                session__program=program, official__agency=agency
            ).count()
        )
        assert (
            row["certified"]
            == Certificate.objects.filter(
                program=program, official__agency=agency, revoked_at__isnull=True
            ).count()
        )
    (proposal,) = figures["proposals"]
    items = ProposalItem.objects.filter(proposal_id=proposal["id"])
    decided = ItemDecision.objects.filter(item__in=items)
    assert proposal["total"] == items.count()
    assert proposal["accepted"] == decided.filter(decision__in=["accepted", "amended"]).count()
    assert proposal["rejected"] == decided.filter(decision="rejected").count()
    assert proposal["awaiting"] == items.filter(decisions__isnull=True).count()
    sessions = Session.objects.filter(program=program, start__gte=AS_OF).order_by("start")
    assert figures["sessions"]["upcoming"] == list(sessions.values_list("pk", flat=True))
    assert (
        figures["sessions"]["held_before"]
        == Session.objects.filter(program=program, end__lt=AS_OF).count()
    )
    (conference,) = figures["conferences"]
    speakers = Speaker.objects.filter(conference_id=conference["id"])
    assert conference["speakers"]["accepted"] == speakers.filter(status="accepted").count()
    assert (
        conference["speakers"]["confirmed"]
        == speakers.filter(status="accepted", response="accepted").count()
    )
    assert conference["speakers"]["proposed"] == speakers.filter(status="proposed").count()
    registrations = {
        (row["agency__code"], row["status"]): row["n"]
        for row in Registration.objects.filter(conference_id=conference["id"])
        .values("agency__code", "status")
        .annotate(n=Count("pk"))
    }
    for code, counts in conference["registrations"].items():
        for status, number in counts.items():
            assert number == registrations.get((code, status), 0)
    assert conference["registrations_total"] == Registration.objects.count()
    overdue = ActionItem.objects.filter(due_date__lt=AS_OF).exclude(
        status__in=["done", "cancelled"]
    )
    assert [item["id"] for item in figures["overdue"]] == list(overdue.values_list("pk", flat=True))
    assert figures["overdue"][0]["days"] == (AS_OF - datetime.date(2009, 10, 1)).days


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


def test_each_report_issued_gets_the_next_reference(coordinator, program, report_data):
    first = issue_cable(actor=coordinator, program=program, language="en")
    second = issue_cable(actor=coordinator, program=program, language="es")
    year = first.generated_at.year
    assert first.header.reference == f"PROG-TEST-{year}-0001"
    assert second.header.reference == f"PROG-TEST-{year}-0002"
    assert AuditEntry.objects.filter(action="program.report").count() == 2


def test_pdf_html_and_markdown_forms(coordinator, program, report_data):
    cable = build_cable(coordinator, program, language="es", as_of=AS_OF)
    assert render_pdf(cable).startswith(b"%PDF")
    html = render_html(cable)
    assert html.startswith("<!DOCTYPE html>")
    assert html.count("<svg") == 2  # training and registrations charts, inline
    assert "Fin del comentario." in html
    assert "| BBB |" in render_markdown(cable)


def test_hostile_typed_text_stays_text(coordinator, program, report_data):
    proposal = report_data["proposal"]
    proposal.title_en = '<script>alert(1)</script> #panic("x")'
    proposal.save()
    cable = build_cable(coordinator, program, language="en", as_of=AS_OF)
    assert "<script>alert" not in render_html(cable)
    assert render_pdf(cable).startswith(b"%PDF")


def test_report_command_writes_the_file(coordinator, program, report_data, tmp_path):
    for fmt in ("pdf", "md", "html", "json"):
        target = tmp_path / f"report.{fmt}"
        call_command(
            "report",
            "--program",
            "prog-test",
            "--lang",
            "es",
            "--format",
            fmt,
            "--output",
            str(target),
            "--as-of",
            "2009-11-01",
            "--as",
            "coordinator",
        )
        assert target.stat().st_size > 0
    assert (tmp_path / "report.pdf").read_bytes().startswith(b"%PDF")
    assert "Resumen." in (tmp_path / "report.md").read_text()


def test_report_command_refuses_a_liaison(liaison_a, program, tmp_path):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="may not"):
        call_command(
            "report",
            "--program",
            "prog-test",
            "--lang",
            "en",
            "--format",
            "md",
            "--output",
            str(tmp_path / "x.md"),
            "--as",
            "liaison_a",
        )
    assert not (tmp_path / "x.md").exists()
