"""A program's action items as CSV and XLSX: the rows the user sees, owners named only where
he may see them, real date cells, 404 for an outsider, queries that do not grow."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.conftest import AUDITED_READ_QUERIES
from tests.exports import client_speaking, column, csv_rows, xlsx_sheet


def export(program, kind):
    return reverse("action_item_export", args=[program.code, kind])


def test_the_csv_lists_the_items_with_their_owner(as_user, coordinator, item, program):
    rows = csv_rows(client_speaking(as_user, coordinator).get(export(program, "csv")))
    assert column(rows, "Title") == ["Send the list"]
    assert column(rows, "Owner official") == ["Ana Alvarez"]
    assert column(rows, "Due date") == ["2009-09-15"]
    assert column(rows, "Decision") == ["1"]


def test_the_partner_does_not_see_the_owner_of_another_agency(as_user, partner, item, program):
    rows = csv_rows(client_speaking(as_user, partner).get(export(program, "csv")))
    assert column(rows, "Title") == ["Send the list"]
    assert column(rows, "Owner official") == [""]


def test_an_agency_absent_from_the_meeting_gets_no_rows(as_user, liaison_b, item, program):
    rows = csv_rows(client_speaking(as_user, liaison_b).get(export(program, "csv")))
    assert rows[1:] == []


def test_the_filters_of_the_list_apply(as_user, coordinator, item, make_item, program):
    make_item(title_en="Book the rooms", status="done")
    client = client_speaking(as_user, coordinator)
    rows = csv_rows(client.get(export(program, "csv"), {"status": "done"}))
    assert column(rows, "Title") == ["Book the rooms"]


def test_the_xlsx_due_date_is_a_date_cell(as_user, coordinator, item, program):
    sheet = xlsx_sheet(client_speaking(as_user, coordinator).get(export(program, "xlsx")))
    header = [cell.value for cell in sheet[1]]
    due = sheet.cell(row=2, column=header.index("Due date") + 1)
    assert due.is_date
    assert due.value.date() == datetime.date(2009, 9, 15)
    created = sheet.cell(row=2, column=header.index("Created") + 1)
    assert created.is_date


@pytest.mark.parametrize("kind", ["csv", "xlsx", "txt"])
def test_an_outsider_gets_404(as_user, outsider, item, program, kind):
    assert as_user(outsider).get(export(program, kind)).status_code == 404


@pytest.mark.parametrize("kind", ["csv", "xlsx"])
def test_the_query_count_does_not_grow(as_user, coordinator, make_item, official_a, program, kind):
    client = as_user(coordinator)
    counts = []
    for added in (1, 2):  # one item, then three
        for _ in range(added):
            make_item(owner_official=official_a)
        with CaptureQueriesContext(connection) as captured:
            client.get(export(program, kind)).getvalue()
        counts.append(len(captured.captured_queries))
    assert counts[0] == counts[1]
    assert counts[0] <= 8 + AUDITED_READ_QUERIES


def test_the_list_links_to_the_exports(as_user, coordinator, item, program):
    page = as_user(coordinator).get(reverse("program_action_items", args=[program.code]))
    assert export(program, "xlsx") in page.content.decode()
