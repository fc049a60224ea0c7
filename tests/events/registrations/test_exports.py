"""A conference's registrations as CSV and XLSX: the rows the user sees, the list's filters,
real date cells, 404 for an outsider, queries that do not grow."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from nonprolif.events.registrations.domain import register_official
from tests.conftest import AUDITED_READ_QUERIES
from tests.exports import client_speaking, column, csv_rows, xlsx_sheet


def export(conference, kind):
    return reverse("registration_export", args=[conference.pk, kind])


def test_a_liaison_exports_his_agencys_registrations(
    as_user, liaison_a, registration_a, registration_b, quotas
):
    rows = csv_rows(client_speaking(as_user, liaison_a).get(export(quotas, "csv")))
    assert column(rows, "Official") == ["Ana Zapata"]
    assert column(rows, "Agency") == [registration_a.agency.code]


def test_the_coordinator_exports_every_registration_with_the_filters(
    as_user, coordinator, registration_a, registration_b, approve, quotas
):
    approve(registration_b)
    client = client_speaking(as_user, coordinator)
    every = csv_rows(client.get(export(quotas, "csv")))
    assert column(every, "Official") == ["Beto Barrera", "Ana Zapata"]
    approved = csv_rows(client.get(export(quotas, "csv"), {"status": "approved"}))
    assert column(approved, "Official") == ["Beto Barrera"]


def test_the_xlsx_registered_at_is_a_date_cell(as_user, coordinator, registration_a, quotas):
    sheet = xlsx_sheet(client_speaking(as_user, coordinator).get(export(quotas, "xlsx")))
    header = [cell.value for cell in sheet[1]]
    assert sheet.cell(row=2, column=header.index("Registered") + 1).is_date


@pytest.mark.parametrize("kind", ["csv", "xlsx"])
def test_an_outsider_gets_404(as_user, outsider, registration_a, quotas, kind):
    assert as_user(outsider).get(export(quotas, kind)).status_code == 404


def test_an_unknown_conference_gives_404(as_user, coordinator, quotas):
    url = reverse("registration_export", args=[999999, "csv"])
    assert as_user(coordinator).get(url).status_code == 404


@pytest.mark.parametrize("kind", ["csv", "xlsx"])
def test_the_query_count_does_not_grow(as_user, coordinator, quotas, officials_a, kind):
    client = as_user(coordinator)
    counts = []
    for official in (officials_a[0], officials_a[1]):
        register_official(actor=coordinator, conference=quotas, official=official)
        with CaptureQueriesContext(connection) as captured:
            client.get(export(quotas, kind)).getvalue()
        counts.append(len(captured.captured_queries))
    assert counts[0] == counts[1]
    assert counts[0] <= 8 + AUDITED_READ_QUERIES


def test_the_list_links_to_the_exports(as_user, coordinator, quotas):
    page = as_user(coordinator).get(reverse("registration_list", args=[quotas.pk]))
    assert export(quotas, "csv") in page.content.decode()
