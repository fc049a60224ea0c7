"""Export cells that a spreadsheet would run as formulas become plain text (OWASP)."""

import datetime

import pytest

from nonprolif.core.spreadsheets import safe_cell


@pytest.mark.parametrize("text", ["=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\rx"])
def test_a_text_that_starts_like_a_formula_gets_an_apostrophe(text):
    assert safe_cell(text) == "'" + text


@pytest.mark.parametrize("value", ["Cancún", "", "1=1", -5, 3.5, None, datetime.date(2009, 10, 23)])
def test_other_values_stay_as_they_are(value):
    assert safe_cell(value) == value


def test_every_module_that_writes_csv_or_xlsx_passes_its_cells_through_safe_cell():
    """Each export has its own test that a formula comes out as text (the calendar's:
    tests/training/calendar/test_exports.py); this one finds an export that has none yet."""
    from pathlib import Path

    import nonprolif

    writers = []
    for path in Path(nonprolif.__file__).parent.rglob("*.py"):
        if "fixtures" in path.parts:  # generators of the shipped sample files, not exports
            continue
        text = path.read_text()
        if any(call in text for call in ("csv.writer(", "csv.DictWriter(", "Workbook(")):
            writers.append(path.name)
            assert "safe_cell" in text, path
    assert writers


# The downloads: CSV with BOM, streamed; XLSX with real date cells ------------------------

EVIL = '=HYPERLINK("http://evil.example")'


def _rows():
    from django.utils import timezone

    return [
        [
            "Cancún",
            datetime.date(2009, 10, 23),
            timezone.make_aware(datetime.datetime(2009, 11, 16, 15, 30)),
            True,
            None,
            EVIL,
            3,
        ]
    ]


def test_a_csv_download_starts_with_the_bom_and_writes_dates_as_excel_reads_them():
    from django.utils import translation

    from nonprolif.core.spreadsheets import csv_response

    with translation.override("en"):
        response = csv_response("x.csv", ["Título", "Día"], _rows())
    content = response.getvalue()
    assert content.startswith(b"\xef\xbb\xbf")
    lines = content.decode("utf-8")[1:].splitlines()
    assert lines[0] == "Título,Día"
    assert (
        lines[1]
        == f'Cancún,2009-10-23,2009-11-16 15:30,yes,,"\'{EVIL.replace(chr(34), 2 * chr(34))}",3'
    )
    assert response["Content-Disposition"] == 'attachment; filename="x.csv"'


def test_a_csv_keeps_the_language_of_the_request_while_it_streams():
    from django.utils import translation

    from nonprolif.core.spreadsheets import csv_response

    with translation.override("es-mx"):
        response = csv_response("x.csv", ["a"], ([value] for value in (True, False)))
    with translation.override("en"):
        lines = response.getvalue().decode("utf-8")[1:].splitlines()
    assert lines[1:] == ["sí", "no"]


def test_an_xlsx_download_has_real_date_cells_and_no_formula():
    import io

    from openpyxl import load_workbook

    from nonprolif.core.spreadsheets import XLSX_TYPE, xlsx_response

    response = xlsx_response("x.xlsx", ["=Title", "Day", "When"], _rows(), title="t")
    assert response["Content-Type"] == XLSX_TYPE
    sheet = load_workbook(io.BytesIO(response.getvalue())).active
    header, row = list(sheet.iter_rows(max_row=2))
    assert header[0].value == "'=Title"
    assert header[0].font.bold
    assert row[1].is_date
    assert row[1].value == datetime.datetime(2009, 10, 23)
    assert row[1].number_format == "yyyy-mm-dd"
    # in the active time zone (America/Mexico_City), without an offset
    assert row[2].is_date
    assert row[2].value == datetime.datetime(2009, 11, 16, 15, 30)
    assert row[5].data_type == "s"
    assert row[5].value == "'" + EVIL
    assert row[6].value == 3
    assert sheet.freeze_panes == "A2"
