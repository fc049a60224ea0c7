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
        text = path.read_text()
        if any(call in text for call in ("csv.writer(", "csv.DictWriter(", "Workbook(")):
            writers.append(path.name)
            assert "safe_cell" in text, path
    assert writers
