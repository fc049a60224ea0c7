"""A program's certificates as CSV and XLSX: the rows the user sees, real date cells, 404
for an outsider, queries that do not grow with the certificates."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from nonprolif.training.certificates.domain import issue_certificates
from nonprolif.training.models import Certificate
from tests.conftest import AUDITED_READ_QUERIES
from tests.exports import client_speaking, column, csv_rows, xlsx_sheet


def export(program, kind):
    return reverse("certificate_export", args=[program.code, kind])


@pytest.fixture
def certified(trained, coordinator, attend, official_b):
    attend(trained, official_b, 5)
    issue_certificates(actor=coordinator, session=trained)
    return trained


def test_the_coordinator_exports_every_certificate(as_user, coordinator, certified, program):
    rows = csv_rows(client_speaking(as_user, coordinator).get(export(program, "csv")))
    assert sorted(column(rows, "Official")) == ["Ana Alvarez", "Beto Barrera"]
    assert set(column(rows, "Verification code")) == set(
        Certificate.objects.values_list("code", flat=True)
    )
    assert set(column(rows, "Status")) == {"Valid"}


def test_a_liaison_exports_his_agencys_certificates(as_user, liaison_b, certified, program):
    rows = csv_rows(client_speaking(as_user, liaison_b).get(export(program, "csv")))
    assert column(rows, "Official") == ["Beto Barrera"]


def test_the_xlsx_dates_are_date_cells(as_user, coordinator, certified, program):
    sheet = xlsx_sheet(client_speaking(as_user, coordinator).get(export(program, "xlsx")))
    header = [cell.value for cell in sheet[1]]
    for name in ("Start", "End", "Issued"):
        assert sheet.cell(row=2, column=header.index(name) + 1).is_date, name


@pytest.mark.parametrize("kind", ["csv", "xlsx", "pdf"])
def test_an_outsider_gets_404(as_user, outsider, certified, program, kind):
    assert as_user(outsider).get(export(program, kind)).status_code == 404


@pytest.mark.parametrize("kind", ["csv", "xlsx"])
def test_the_query_count_does_not_grow(
    as_user, coordinator, trained, attend, official_b, program, kind
):
    client = as_user(coordinator)
    counts = []
    issue_certificates(actor=coordinator, session=trained)  # Ana only
    for _ in range(2):
        with CaptureQueriesContext(connection) as captured:
            client.get(export(program, kind)).getvalue()
        counts.append(len(captured.captured_queries))
        attend(trained, official_b, 5)
        issue_certificates(actor=coordinator, session=trained)
    assert Certificate.objects.count() == 2
    assert counts[0] == counts[1]
    assert counts[0] <= 8 + AUDITED_READ_QUERIES


def test_the_list_links_to_the_exports(as_user, coordinator, certified, program):
    page = as_user(coordinator).get(reverse("certificate_list", args=[program.code]))
    assert export(program, "csv") in page.content.decode()
