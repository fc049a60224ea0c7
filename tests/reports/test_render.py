from nonprolif.events.models import Conference
from nonprolif.reports.queries import build_cable
from nonprolif.reports.render import render_html, render_markdown, render_pdf
from tests import pdfs
from tests.reports.conftest import AS_OF


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


HOSTILE = {
    "script": "<script>alert(1)</script>",
    "image": '<img src=x onerror="alert(2)">',
    "link": "[click](javascript:alert(3))",
    "autolink": "<javascript:alert(4)>",
    "emphasis": "**loud** _and_ `code` ~~gone~~",
    "table": "a | b",
}


def _rendered(markdown: str) -> str:
    """The Markdown as a CommonMark renderer with raw HTML allowed (the most permissive one a
    reader may use) and GitHub's tables turns it into HTML."""
    from markdown_it import MarkdownIt

    return (
        MarkdownIt("commonmark", {"html": True}).enable(["table", "strikethrough"]).render(markdown)
    )


def test_markdown_escapes_markdown_and_html_from_data(coordinator, program, report_data, settings):
    proposal = report_data["proposal"]
    proposal.title_en = " ".join(HOSTILE.values())
    proposal.save()
    conference = Conference.objects.get()
    conference.title_en = "[x](javascript:alert(5)) <b>bold</b>"
    conference.save()
    settings.REPORT_SIGNATURE = "- <i>Pérez</i>"
    cable = build_cable(coordinator, program, language="en", as_of=AS_OF)
    markdown = render_markdown(cable)
    html = _rendered(markdown)
    for tag in (
        "<script",
        "<img",
        "<a ",
        "<b>",
        "<i>",
        "<strong>loud",
        "<em>and",
        "<code>",
        "<del",
    ):
        assert tag not in html, tag
    assert "href" not in html  # no link at all: javascript: stays text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html  # shown as typed
    assert "[click](javascript:alert(3))" in html
    assert "<p>- &lt;I&gt;PÉREZ&lt;/I&gt;</p>" in html  # the signature, upper-cased, as text
    assert "<ul>" not in html


def test_the_header_fence_outlasts_backticks_in_data():
    """A header line of data that starts with backticks cannot close the header's block."""
    from nonprolif.reports.render import _code_fence

    assert _code_fence(["SUBJECT: X", "````<script>alert(6)</script>"]) == "`````"
    assert _code_fence(["no backticks"]) == "```"


def test_the_pdf_is_titled_with_the_subject_has_headings_and_is_pdfa(
    coordinator, program, report_data
):
    cable = build_cable(coordinator, program, language="en", as_of=AS_OF)
    pdf = render_pdf(cable)
    title = pdfs.info_title(pdf)
    assert title == f"{cable.header.subject} ({cable.header.reference})"
    assert "PROGRAM STATUS AS OF" in title
    assert "S E N S I T I V E" not in title
    headings = [paragraph.heading.upper() for paragraph in cable.paragraphs if paragraph.heading]
    assert headings
    assert [t for _role, t in pdfs.structure_headings(pdf)] == headings
    assert [mark.title for mark in pdfs.bookmarks(pdf)] == headings
    assert pdfs.pdfa_identification(pdf) == ("2", "B")
