"""The matrix's exports (XLSX in the committee's layout, landscape PDF) and the command that
writes them: every row and status, in both languages, as the reader sees the matrix."""

import datetime
import io

import pytest
from django.core.management import CommandError, call_command
from openpyxl import load_workbook
from pypdf import PdfReader

from nonprolif.core.models import AuditEntry
from nonprolif.preparedness.matrix.exports import matrix_file, pdf_data
from nonprolif.preparedness.matrix.queries import matrix_layout, progress
from nonprolif.preparedness.models import MatrixEntry, MatrixRow
from tests.preparedness.matrix.conftest import row

SHEETS = {
    "en": ["Operative paragraph 1", "Operative paragraph 2", "Operative paragraph 3"],
}


def workbook(content: bytes):
    return load_workbook(io.BytesIO(content))


def measure_rows(book, sheets):
    """measure → (NW, CW, BW) of the workbook's paragraph sheets."""
    found = {}
    for name in sheets:
        for values in book[name].iter_rows(min_row=3, values_only=True):
            found[values[0]] = tuple(v or "" for v in values[3:6])
    return found


def pdf_text(content: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)


@pytest.mark.parametrize("language", ["es", "en"])
def test_the_workbook_has_every_row_and_status(coordinator, program, filled, language):
    book = workbook(matrix_file(coordinator, program, kind="xlsx", language=language))
    sheets = book.sheetnames[:3]
    assert len(book.sheetnames) == 4  # the three paragraphs, then the progress
    rows = measure_rows(book, sheets)
    measures = list(MatrixRow.objects.order_by("position").values_list("measure", flat=True))
    assert list(rows) == list(dict.fromkeys(measures))  # every measure, in order
    assert len(rows) * 3 == 84
    assert rows["1.1"] == ("X", "", "")
    assert rows["2.3"] == ("", "?", "")
    assert rows["3.4"] == ("", "", "NA")
    line = next(v for v in book[sheets[0]].iter_rows(min_row=3, values_only=True) if v[0] == "1.1")
    assert "NW: Ley de Seguridad Nacional, art. 5" in line[6]
    assert line[8] == "AAA"


def test_the_workbook_speaks_the_language_asked(coordinator, program, filled):
    english = workbook(matrix_file(coordinator, program, kind="xlsx", language="en"))
    spanish = workbook(matrix_file(coordinator, program, kind="xlsx", language="es"))
    assert english.sheetnames[:3] == SHEETS["en"]
    first = english[english.sheetnames[0]]
    assert next(first.iter_rows(min_row=3, values_only=True))[2].startswith("National policy")
    first_es = spanish[spanish.sheetnames[0]]
    assert next(first_es.iter_rows(min_row=3, values_only=True))[2].startswith("Política")


def test_a_formula_typed_as_a_reference_stays_text(coordinator, program):
    MatrixEntry.objects.create(
        program=program, row=row("2.1.NW"), status="X", legal_reference="=HYPERLINK(1)"
    )
    book = workbook(matrix_file(coordinator, program, kind="xlsx", language="en"))
    line = next(
        v for v in book[book.sheetnames[1]].iter_rows(min_row=3, values_only=True) if v[0] == "2.1"
    )
    assert line[6] == "NW: =HYPERLINK(1)"  # not at the start of the cell: no formula


@pytest.mark.parametrize(
    ("language", "words"),
    [
        ("es", ["Párrafo dispositivo 1", "Prohibición de poseer"]),
        ("en", ["Prohibition to possess"]),
    ],
)
def test_the_pdf_has_every_measure_and_status(coordinator, program, filled, language, words):
    content = matrix_file(coordinator, program, kind="pdf", language=language)
    assert content.startswith(b"%PDF")
    reader = PdfReader(io.BytesIO(content))
    box = reader.pages[0].mediabox
    assert box.width > box.height  # landscape
    text = pdf_text(content)
    for word in words:
        assert word in text
    assert "Programa prog-test" in text if language == "es" else "Program prog-test" in text
    data = pdf_data(coordinator, program, language=language, today=datetime.date(2010, 1, 1))
    lines = [line for p in data["paragraphs"] for s in p["sections"] for line in s["lines"]]
    assert len(lines) == 28
    statuses = {line[0]: tuple(line[3:6]) for line in lines}
    assert statuses["1.1"] == ("X", "", "")
    assert statuses["2.3"] == ("", "?", "")
    assert statuses["3.4"] == ("", "", "NA")
    for measure in ("1.1", "2.12", "3.14"):
        assert measure in text


def test_progress_per_paragraph_and_agency(coordinator, program, filled):
    figures = progress(coordinator, program)
    op1, op2, op3 = figures.paragraphs
    assert (op1.rows, op1.x, op1.unclear, op1.na, op1.blank) == (6, 1, 0, 0, 5)
    assert op1.share == pytest.approx(1 / 6)
    assert (op2.rows, op2.unclear, op2.blank) == (36, 1, 35)
    assert (op3.rows, op3.na, op3.blank) == (42, 1, 41)
    assert op3.share == 0
    assert figures.total.rows == 84
    agencies = {t.key: t for t in figures.agencies}
    assert (agencies["AAA"].rows, agencies["AAA"].x, agencies["AAA"].share) == (1, 1, 1.0)
    assert (agencies["BBB"].rows, agencies["BBB"].unclear) == (1, 1)
    assert (agencies[""].rows, agencies[""].na) == (82, 1)


def test_all_not_applicable_has_no_share(coordinator, program):
    MatrixEntry.objects.bulk_create(
        MatrixEntry(program=program, row=r, status="NA")
        for r in MatrixRow.objects.filter(paragraph=1)
    )
    assert progress(coordinator, program).paragraphs[0].share is None


def test_the_layout_groups_measures_by_paragraph_and_section(coordinator, program):
    blocks = matrix_layout(coordinator, program)
    assert [b.paragraph for b in blocks] == [1, 2, 3]
    assert [len(b.lines) for b in blocks] == [2, 12, 14]
    assert len(blocks[2].sections) == 4  # 3(a) … 3(d)
    assert all(
        [c.row.weapon for c in line.cells] == ["NW", "CW", "BW"] for b in blocks for line in b.lines
    )


@pytest.mark.parametrize("kind", ["xlsx", "pdf"])
def test_the_command_writes_both_formats(coordinator, program, filled, tmp_path, kind):
    out = tmp_path / f"matrix.{kind}"
    call_command(
        "matrix",
        "export",
        "--program",
        "prog-test",
        "--format",
        kind,
        "--output",
        str(out),
        "--lang",
        "en",
    )
    content = out.read_bytes()
    if kind == "xlsx":
        assert measure_rows(workbook(content), SHEETS["en"])["2.3"] == ("", "?", "")
    else:
        assert content.startswith(b"%PDF")
    assert AuditEntry.objects.filter(action="matrix.export", actor=coordinator).count() == 1


def test_the_command_refuses_an_unknown_program_cleanly(coordinator, program, tmp_path):
    with pytest.raises(CommandError, match="no program 'nope'"):
        call_command(
            "matrix",
            "export",
            "--program",
            "nope",
            "--format",
            "xlsx",
            "--output",
            str(tmp_path / "x"),
        )
    with pytest.raises(CommandError, match="no program"):
        call_command(
            "matrix",
            "export",
            "--program",
            "nope",
            "--format",
            "pdf",
            "--as",
            "coordinator",
            "--output",
            str(tmp_path / "x"),
        )


def test_the_command_reads_as_the_user_named(partner, program, filled, tmp_path):
    with pytest.raises(CommandError, match="no program"):
        call_command(
            "matrix",
            "export",
            "--program",
            "prog-test",
            "--format",
            "xlsx",
            "--as",
            "partner",
            "--output",
            str(tmp_path / "x"),
        )
    with pytest.raises(CommandError, match="no active user"):
        call_command(
            "matrix", "export", "--program", "prog-test", "--format", "xlsx", "--as", "nobody"
        )
