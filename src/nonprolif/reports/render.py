"""A Cable as Markdown, HTML (a whole document, charts inline) or PDF (Typst, charts as SVG
files beside the template)."""

import re

from django.template.loader import render_to_string
from django.utils.safestring import mark_safe

from nonprolif.core.documents import ARCHIVAL
from nonprolif.core.documents import render_pdf as typst_pdf
from nonprolif.reports.compose.cable import Cable, Paragraph, Table

CONTENT_TYPES = {
    "md": "text/markdown; charset=utf-8",
    "html": "text/html; charset=utf-8",
    "pdf": "application/pdf",
    "json": "application/json",
}
NBSP = "\u00a0"
EXTENSIONS = {"md": "md", "html": "html", "pdf": "pdf", "json": "json"}


# What Markdown (CommonMark, and GitHub's tables and strikethrough) reads as markup inline: a
# backslash before each makes it text. Escaping "<", ">" and "&" leaves no raw HTML, no
# autolink and no entity; escaping "[" and "]" leaves no link (so no ``javascript:`` one).
_MD_INLINE = re.compile(r"([\\`*_{}\[\]<>#!|~&])")
# What Markdown reads as a block at the start of a line: a heading, a quote, a list item, a
# thematic break or a setext underline.
_MD_LINE_START = re.compile(r"^(\s*)([-+=])|^(\s*\d{1,9})([.)])(?=\s|$)")


def escape_markdown(value: object) -> str:
    """``value`` as Markdown text that renders as itself: every character Markdown could read
    as markup (inline HTML and links included) escaped, on one line."""
    text = " ".join(str(value).split("\n"))
    text = _MD_INLINE.sub(r"\\\1", text)
    return _MD_LINE_START.sub(
        lambda match: "{}\\{}".format(*[part for part in match.groups() if part is not None]),
        text,
        count=1,
    )


def _code_fence(lines: list[str]) -> str:
    """A fence no run of backticks in ``lines`` closes (CommonMark: a longer one)."""
    longest = max((len(run) for line in lines for run in re.findall(r"`+", line)), default=0)
    return "`" * max(3, longest + 1)


def _md_cell(value: str) -> str:
    return escape_markdown(value)


def _md_table(table: Table) -> list[str]:
    lines = []
    if table.caption:
        lines += [f"*{_md_cell(table.caption)}*", ""]
    numeric = table.numeric or [False] * len(table.columns)
    lines.append("| " + " | ".join(_md_cell(c) for c in table.columns) + " |")
    lines.append("|" + "|".join("---:" if n else "---" for n in numeric) + "|")
    for row in table.rows:
        lines.append("| " + " | ".join(_md_cell(c) for c in row) + " |")
    if table.total:
        lines.append("| " + " | ".join(f"**{_md_cell(c)}**" for c in table.total) + " |")
    return [*lines, ""]


def _paragraph_text(cable: Cable, paragraph: Paragraph) -> str:
    return escape_markdown(f"{paragraph.mark} {cable.portion} " + " ".join(paragraph.text))


def render_markdown(cable: Cable) -> str:
    """The cable as Markdown: the header in a fixed-width block, as cables are read; then
    the numbered paragraphs with their section headings and tables; the signature. Every text
    that comes from data (names, titles, places…) is escaped (``escape_markdown``), so that
    the file holds no markup, raw HTML or link but ours; the header's fence is longer than
    any run of backticks in it."""
    header = cable.header.lines()
    fence = _code_fence(header)
    lines = [f"{fence}text", *header, fence, ""]
    for paragraph in cable.paragraphs:
        if paragraph.heading:
            lines += [f"**{escape_markdown(paragraph.heading.upper())}**", ""]
        lines += [_paragraph_text(cable, paragraph), ""]
        for table in paragraph.tables:
            lines += _md_table(table)
        for chart in paragraph.charts:
            lines += [f"*{escape_markdown(f'[{chart.title}: {chart.name}]')}*", ""]
    lines += [escape_markdown(cable.signature), ""]
    return "\n".join(lines)


def _context(cable: Cable) -> dict:
    return {
        "cable": cable,
        "header": cable.header,
        "paragraphs": [
            {
                "paragraph": paragraph,
                "charts": [
                    {"title": chart.title, "svg": mark_safe(chart.svg)}  # noqa: S308 - our own SVG
                    for chart in paragraph.charts
                ],
            }
            for paragraph in cable.paragraphs
        ],
        "lang": cable.language,
    }


def render_html_fragment(cable: Cable) -> str:
    """The cable as an HTML fragment (for a page of the application)."""
    return render_to_string("reports/_cable.html", _context(cable))


def render_html(cable: Cable) -> str:
    """The cable as a whole HTML document with its own styles and inline SVG charts (no
    external asset: it can be mailed or archived as one file)."""
    return render_to_string("reports/cable.html", _context(cable))


def _keep_spacing(line: str) -> str:
    """Typst collapses runs of spaces: keep the cable's indents and double spaces with
    no-break spaces (single spaces stay, so long lines still wrap)."""
    return re.sub(r"(^ +| {2,})", lambda match: NBSP * len(match.group(0)), line)


def cable_pdf_data(cable: Cable) -> dict:
    """The JSON the Typst template reads."""
    return {
        "title": cable.header.title(),
        "lang": cable.language,
        "header": {
            "routing": [_keep_spacing(line) for line in cable.header.routing_lines()],
            "slug": [_keep_spacing(line) for line in cable.header.slug_lines()],
        },
        "portion": cable.portion,
        "paragraphs": [
            {
                "mark": paragraph.mark,
                "heading": paragraph.heading.upper(),
                "text": " ".join(paragraph.text),
                "tables": [
                    {
                        "caption": table.caption,
                        "columns": table.columns,
                        "rows": table.rows,
                        "numeric": table.numeric or [False] * len(table.columns),
                        "total": table.total,
                    }
                    for table in paragraph.tables
                ],
                "charts": [
                    {"file": chart.name, "title": chart.title} for chart in paragraph.charts
                ],
            }
            for paragraph in cable.paragraphs
        ],
        "signature": cable.signature,
        "classification": cable.header.classification.replace(" ", NBSP),
    }


def render_pdf(cable: Cable) -> bytes:
    """The cable as PDF (Typst), each chart an SVG file beside the template."""
    files = {chart.name: chart.svg.encode() for chart in cable.charts}
    return typst_pdf("cable.typ", cable_pdf_data(cable), files=files, standard=ARCHIVAL)
