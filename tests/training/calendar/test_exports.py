"""The calendar as CSV and XLSX."""

import datetime

from django.utils import translation

from nonprolif.training.calendar.exports import to_csv, to_xlsx
from nonprolif.training.models import Session


def test_csv_has_a_header_and_a_row_per_session(calendar):
    with translation.override("en"):
        text = to_csv(Session.objects.all())

    lines = text.strip().splitlines()
    assert lines[0].startswith("Item,Title,Cohort")
    assert len(lines) == 7


def test_xlsx_has_real_dates(calendar):
    import io

    from openpyxl import load_workbook

    book = load_workbook(io.BytesIO(to_xlsx(Session.objects.all(), title="prog-test")))
    rows = list(book.active.iter_rows(values_only=True))
    assert len(rows) == 7
    assert isinstance(rows[1][4], datetime.datetime)
