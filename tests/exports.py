"""Reading the CSV and XLSX downloads back in tests."""

import csv
import io

from openpyxl import load_workbook

from nonprolif.core.spreadsheets import BOM, CSV_TYPE, XLSX_TYPE


def csv_rows(response) -> list[list[str]]:
    """The rows of a CSV download (which must start with the BOM)."""
    assert response.status_code == 200, response.status_code
    assert response["Content-Type"] == CSV_TYPE
    text = response.getvalue().decode("utf-8")
    assert text.startswith(BOM)
    return list(csv.reader(io.StringIO(text[1:])))


def xlsx_sheet(response):
    """The first sheet of an XLSX download."""
    assert response.status_code == 200, response.status_code
    assert response["Content-Type"] == XLSX_TYPE
    return load_workbook(io.BytesIO(response.getvalue())).worksheets[0]


def xlsx_rows(response) -> list[tuple]:
    return list(xlsx_sheet(response).iter_rows(values_only=True))


def column(rows, header: str) -> list:
    """The values of the column named ``header`` under the header row."""
    index = list(rows[0]).index(header)
    return [row[index] for row in rows[1:]]


def client_speaking(as_user, user, language: str = "en"):
    """A client signed in as ``user``, whose preferred language is ``language``."""
    user.language = language
    user.save(update_fields=["language"])
    return as_user(user)
