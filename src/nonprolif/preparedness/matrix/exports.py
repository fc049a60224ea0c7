"""The 1540 matrix of a program as the committee lays it out, in the active language: an XLSX
workbook (one sheet per operative paragraph: measure | obligation | NW | CW | BW | legal
references | citations | agencies | plan items; then the progress figures) and a landscape
PDF (Typst, ``templates/typst/matrix.typ``) with the program, the date, the same layout,
the progress figures and charts. Both read what ``user`` reads (``queries``): a fixed number
of queries whatever the matrix holds. The progress charts are server-side SVG."""

import datetime
import tempfile
from typing import Any

from django.http import FileResponse, HttpResponse
from django.utils import translation
from django.utils.translation import gettext as _

from nonprolif.core.charts import bar_chart_svg
from nonprolif.core.documents import render_pdf
from nonprolif.core.models import Actor
from nonprolif.core.spreadsheets import XLSX_TYPE, safe_cell
from nonprolif.events.models.coordination import program_today
from nonprolif.preparedness.matrix.queries import (
    Line,
    Progress,
    matrix_layout,
    plan_items_of_program,
    progress,
)
from nonprolif.preparedness.models import MatrixStatus
from nonprolif.program.models import Program

FORMATS = ("xlsx", "pdf")
PDF_TYPE = "application/pdf"


def language_code(language: str | None) -> str:
    """ "en" or "es" (the two languages of the documents), from a language code."""
    return "en" if (language or "").lower().startswith("en") else "es"


def _override(language: str):
    return translation.override("en" if language == "en" else "es-mx")


def stem(program: Program) -> str:
    return f"matrix-1540-{program.code}"


def headers() -> list[str]:
    return [
        _("Measure"),
        _("Section"),
        _("Obligation"),
        _("NW"),
        _("CW"),
        _("BW"),
        _("Legal references"),
        _("Citations"),
        _("Responsible agencies"),
        _("Plan items"),
    ]


def _line_cells(line: Line, section: str, plans: dict[int, int]) -> list[Any]:
    citations = [
        f"{c.row.weapon}: {c.entry.citation}"
        for c in line.cells
        if c.entry is not None and c.entry.citation
    ]
    items = sum(plans.get(c.entry.pk, 0) for c in line.cells if c.entry is not None)
    return [
        line.measure,
        section,
        line.text,
        *[cell.status for cell in line.cells],
        "; ".join(line.legal_references),
        "; ".join(citations),
        ", ".join(line.agencies),
        items,
    ]


def _plan_counts(user: Actor, program: Program) -> dict[int, int]:
    """Entry id → its plan items that ``user`` reads (one query)."""
    from nonprolif.preparedness.models import MatrixEntry

    counts: dict[int, int] = {}
    visible = plan_items_of_program(user, program).values("pk")
    for entry_id in MatrixEntry.action_items.through.objects.filter(
        actionitem_id__in=visible, matrixentry__program=program
    ).values_list("matrixentry_id", flat=True):
        counts[entry_id] = counts.get(entry_id, 0) + 1
    return counts


def progress_headers() -> list[str]:
    return [_("Group"), _("Rows"), "X", "?", "NA", _("Not assessed"), _("In place (%)")]


def progress_rows(figures: Progress) -> list[list[Any]]:
    return [
        [t.label, t.rows, t.x, t.unclear, t.na, t.blank, "" if t.percent is None else t.percent]
        for t in [*figures.paragraphs, figures.total, *figures.agencies]
    ]


def write_matrix_xlsx(
    out, user: Actor, program: Program, *, language: str, today: datetime.date
) -> None:
    """Write the workbook of ``program``'s matrix (``language``: "es" or "en") to ``out``."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    with _override(language):
        blocks = matrix_layout(user, program)
        plans = _plan_counts(user, program)
        figures = progress(user, program)
        book = Workbook(write_only=True)
        bold = Font(bold=True)

        def header_row(sheet, values):
            cells = []
            for value in values:
                cell = WriteOnlyCell(sheet, value=safe_cell(value))
                cell.font = bold
                cells.append(cell)
            return cells

        caption = _("UNSCR 1540 matrix · %(program)s · %(date)s") % {
            "program": program.name,
            "date": today.isoformat(),
        }
        for block in blocks:
            sheet = book.create_sheet(title=block.title[:31])
            sheet.freeze_panes = "A3"
            sheet.append([safe_cell(caption)])
            sheet.append(header_row(sheet, headers()))
            for section in block.sections:
                for line in section.lines:
                    sheet.append([safe_cell(v) for v in _line_cells(line, section.title, plans)])
        sheet = book.create_sheet(title=_("Progress")[:31])
        sheet.append([safe_cell(caption)])
        sheet.append(header_row(sheet, progress_headers()))
        for values in progress_rows(figures):
            sheet.append([safe_cell(v) for v in values])
        book.save(out)


def charts(figures: Progress) -> dict[str, bytes]:
    """The progress charts, as SVG: per operative paragraph and per responsible agency, the
    rows of each status."""
    labels = {
        "x": str(MatrixStatus.YES.label),
        "unclear": str(MatrixStatus.UNCLEAR.label),
        "na": str(MatrixStatus.NOT_APPLICABLE.label),
        "blank": str(MatrixStatus.BLANK.label),
    }

    def chart(tallies, title):
        return bar_chart_svg(
            [t.label for t in tallies],
            {label: [getattr(t, key) for t in tallies] for key, label in labels.items()},
            title=title,
        )

    result = {"paragraphs.svg": chart(figures.paragraphs, _("Rows per operative paragraph"))}
    if figures.agencies:
        result["agencies.svg"] = chart(figures.agencies, _("Rows per responsible agency"))
    return result


def pdf_data(user: Actor, program: Program, *, language: str, today: datetime.date) -> dict:
    """The JSON the Typst template reads (every word already in ``language``)."""
    with _override(language):
        blocks = matrix_layout(user, program)
        figures = progress(user, program)
        plans = _plan_counts(user, program)
        return {
            "lang": language,
            "title": _("UNSCR 1540 implementation matrix"),
            "program": program.name,
            "date": today.isoformat(),
            "labels": {
                "date": _("Date"),
                "program": _("Program"),
                "columns": headers(),
                "progress": _("Progress"),
                "progress_columns": progress_headers(),
                "legend": " · ".join(str(label) for value, label in MatrixStatus.choices if value)
                + " · "
                + _("blank: not assessed"),
            },
            "paragraphs": [
                {
                    "title": block.title,
                    "sections": [
                        {
                            "title": section.title,
                            "lines": [
                                [str(v) for v in _line_cells(line, section.title, plans)]
                                for line in section.lines
                            ],
                        }
                        for section in block.sections
                    ],
                }
                for block in blocks
            ],
            "progress": [[str(v) for v in row] for row in progress_rows(figures)],
            "charts": [
                {"file": name, "title": title}
                for name, title in (
                    ("paragraphs.svg", _("Rows per operative paragraph")),
                    ("agencies.svg", _("Rows per responsible agency")),
                )
                if name != "agencies.svg" or figures.agencies
            ],
        }


def matrix_pdf(user: Actor, program: Program, *, language: str, today: datetime.date) -> bytes:
    data = pdf_data(user, program, language=language, today=today)
    with _override(language):
        files = charts(progress(user, program))
    return render_pdf("matrix.typ", data, files=files)


def matrix_file(user: Actor, program: Program, *, kind: str, language: str) -> bytes:
    """The export of ``program``'s matrix as bytes (``kind``: "xlsx" or "pdf")."""
    today = program_today(program.time_zone)
    if kind == "pdf":
        return matrix_pdf(user, program, language=language, today=today)
    with tempfile.TemporaryFile() as out:
        write_matrix_xlsx(out, user, program, language=language, today=today)
        out.seek(0)
        return out.read()


def matrix_response(user: Actor, program: Program, *, kind: str, language: str):
    """The download ``matrix-1540-<code>.<kind>``."""
    today = program_today(program.time_zone)
    name = f"{stem(program)}.{kind}"
    if kind == "pdf":
        body = matrix_pdf(user, program, language=language, today=today)
        response = HttpResponse(body, content_type=PDF_TYPE)
        response["Content-Disposition"] = f'attachment; filename="{name}"'
        return response
    out = tempfile.TemporaryFile()  # noqa: SIM115 (FileResponse closes it once sent)
    write_matrix_xlsx(out, user, program, language=language, today=today)
    out.seek(0)
    return FileResponse(out, as_attachment=True, filename=name, content_type=XLSX_TYPE)
