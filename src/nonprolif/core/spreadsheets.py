"""Cells of the CSV and XLSX exports that a spreadsheet will not run as formulas.

The OWASP rule for CSV injection: a text that starts with ``=``, ``+``, ``-``, ``@``, a tab or
a carriage return is read by Excel, LibreOffice and Google Sheets as a formula (a venue named
``=HYPERLINK(...)`` would become a live link in the file a liaison opens). Such a text is
written with a leading apostrophe, which makes it plain text. Numbers and dates are not text
and stay as they are.
"""

from typing import TypeVar

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")

T = TypeVar("T")


def safe_cell(value: T) -> T | str:
    """``value``, with a leading apostrophe if it is a text a spreadsheet would run."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value
