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
