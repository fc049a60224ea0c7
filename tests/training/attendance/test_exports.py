"""Attendance as CSV and XLSX: a session's sheet and a program's participants, as the user
may see them; 404 for an outsider; real date cells; queries that do not grow with rows."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from nonprolif.training.certificates.domain import issue_certificates
from nonprolif.training.models import Certificate
from tests.conftest import AUDITED_READ_QUERIES
from tests.exports import client_speaking, column, csv_rows, xlsx_rows, xlsx_sheet
from tests.factories import OfficialFactory
from tests.training.conftest import DAYS


def session_export(session, kind):
    return reverse("session_attendance_export", args=[session.pk, kind])


def program_export(program, kind):
    return reverse("program_attendance_export", args=[program.code, kind])


def test_the_session_csv_has_a_column_per_day(as_user, coordinator, trained):
    rows = csv_rows(client_speaking(as_user, coordinator).get(session_export(trained, "csv")))

    assert rows[0][4 : 4 + len(DAYS)] == [day.isoformat() for day in DAYS]
    assert column(rows, "Official") == ["Ana Alvarez", "Beto Barrera"]
    assert column(rows, "Days present") == ["5", "3"]
    assert column(rows, "Completed") == ["yes", "no"]
    beto = rows[2]
    assert beto[4:9] == ["Present", "Present", "Present", "Absent", "Absent"]


def test_the_program_export_counts_days_and_names_the_certificate(
    as_user, coordinator, trained, program
):
    issue_certificates(actor=coordinator, session=trained)
    code = Certificate.objects.get().code

    rows = xlsx_rows(client_speaking(as_user, coordinator).get(program_export(program, "xlsx")))

    assert column(rows, "Official") == ["Ana Alvarez", "Beto Barrera"]
    assert column(rows, "Days present") == [5, 3]
    assert column(rows, "Attendance (%)") == [100, 60]
    assert column(rows, "Certificate") == [code, None]


def test_the_program_xlsx_has_real_date_cells(as_user, coordinator, trained, program):
    sheet = xlsx_sheet(client_speaking(as_user, coordinator).get(program_export(program, "xlsx")))
    header = [cell.value for cell in sheet[1]]
    start = sheet.cell(row=2, column=header.index("Start") + 1)
    assert start.is_date
    assert start.value.date() == trained.start


def test_a_liaison_exports_only_his_agencys_participants(as_user, liaison_a, trained, program):
    client = client_speaking(as_user, liaison_a)
    for response in (
        client.get(session_export(trained, "csv")),
        client.get(program_export(program, "csv")),
    ):
        rows = csv_rows(response)
        assert column(rows, "Official") == ["Ana Alvarez"]


@pytest.mark.parametrize("kind", ["csv", "xlsx"])
def test_an_outsider_gets_404(as_user, outsider, trained, program, kind):
    client = as_user(outsider)
    assert client.get(session_export(trained, kind)).status_code == 404
    assert client.get(program_export(program, kind)).status_code == 404


def test_an_unknown_session_or_format_gives_404(as_user, coordinator, trained):
    client = as_user(coordinator)
    assert client.get(reverse("session_attendance_export", args=[999999, "csv"])).status_code == 404
    assert client.get(session_export(trained, "ods")).status_code == 404


@pytest.mark.parametrize("kind", ["csv", "xlsx"])
def test_the_program_export_query_count_does_not_grow(
    as_user, coordinator, first_cohort, enrolled, attend, agency_a, program, kind
):
    client = as_user(coordinator)
    people = [OfficialFactory(agency=agency_a) for _ in range(3)]
    counts = []
    for n in (1, 3):
        for official in people[:n]:
            if not first_cohort.participants.filter(official=official).exists():
                enrolled(first_cohort, official)
                attend(first_cohort, official, 4)
        with CaptureQueriesContext(connection) as captured:
            client.get(program_export(program, kind)).getvalue()
        counts.append(len(captured.captured_queries))
    assert counts[0] == counts[1]
    assert counts[0] <= 10 + AUDITED_READ_QUERIES


def test_the_pages_link_to_the_exports(as_user, coordinator, trained, program):
    client = as_user(coordinator)
    sheet = client.get(reverse("session_attendance", args=[trained.pk])).content.decode()
    assert session_export(trained, "xlsx") in sheet
    progress = client.get(reverse("training_progress", args=[program.code])).content.decode()
    assert program_export(program, "csv") in progress
