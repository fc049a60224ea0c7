"""The batches pages: list, upload, a batch with its progress and alerts, the exports; an
outsider or another agency gets 404 everywhere."""

import csv
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from nonprolif.core.models import AuditEntry
from nonprolif.screening.models import Alert, Batch, BatchStatus
from tests.conftest import AUDITED_READ_QUERIES
from tests.screening.factories_batches import (
    BatchFactory,
    GoodsLineFactory,
    ScreenedPartyFactory,
    controlled,
    listed,
)

from .conftest import DEMO, HEADER

pytestmark = pytest.mark.django_db


def upload(text: str, name: str = "customs.csv") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, text.encode(), content_type="text/csv")


def test_the_list_shows_the_batches_of_ones_agency_only(as_user, screened, liaison_b):
    other = BatchFactory(agency=liaison_b.agency, submitted_by=liaison_b)
    response = as_user(screened.submitted_by).get(reverse("screening_batch_list"))
    assert response.status_code == 200
    assert f"SCR-{screened.pk}" in response.text
    assert f"SCR-{other.pk}" not in response.text
    assert reverse("screening_batch_create") in response.text


def test_the_coordinator_and_the_auditor_see_every_batch(as_user, screened, coordinator, auditor):
    for user in (coordinator, auditor):
        response = as_user(user).get(reverse("screening_batch_list"))
        assert f"SCR-{screened.pk}" in response.text
        assert reverse("screening_batch_create") not in response.text
        detail = as_user(user).get(reverse("screening_batch_detail", args=[screened.pk]))
        assert detail.status_code == 200


def test_a_batch_page_shows_its_progress_and_its_alerts_best_first(as_user, screened):
    screened.status, screened.screened_count = BatchStatus.RUNNING, 1
    screened.save()
    response = as_user(screened.submitted_by).get(
        reverse("screening_batch_detail", args=[screened.pk])
    )
    text = response.text
    assert 'max="2" value="1"' in text
    assert 'hx-trigger="every 2s"' in text
    assert reverse("screening_batch_progress", args=[screened.pk]) in text
    assert text.index("Ivan Petrovich Sidorov") < text.index("=Korea Tangun")
    assert "KPi.001" in text
    assert "name +0.970" in text


def test_the_alerts_filter_by_status(as_user, screened):
    url = reverse("screening_batch_detail", args=[screened.pk])
    text = as_user(screened.submitted_by).get(url, {"status": "false_positive"}).text
    assert "=Korea Tangun" in text
    assert "Ivan Petrovich Sidorov" not in text


def test_the_progress_fragment_stops_polling_once_done(as_user, screened):
    client = as_user(screened.submitted_by)
    url = reverse("screening_batch_progress", args=[screened.pk])
    assert 'hx-trigger="every 2s"' in client.get(url).text
    screened.status, screened.screened_count = BatchStatus.DONE, 2
    screened.save()
    text = client.get(url).text
    assert "hx-trigger" not in text
    assert reverse("screening_batch_detail", args=[screened.pk]) in text


def test_an_outsider_or_another_agency_gets_404_on_every_page(
    as_user, screened, outsider, liaison_b, partner
):
    urls = [
        reverse("screening_batch_detail", args=[screened.pk]),
        reverse("screening_batch_progress", args=[screened.pk]),
        reverse("screening_batch_export", args=[screened.pk, "csv"]),
        reverse("screening_batch_export", args=[screened.pk, "xlsx"]),
    ]
    for user in (outsider, liaison_b, partner):
        client = as_user(user)
        for url in urls:
            assert client.get(url).status_code == 404, (user, url)
        listing = client.get(reverse("screening_batch_list"))
        assert f"SCR-{screened.pk}" not in listing.text


def test_submitting_a_file_creates_the_batch_and_shows_it(as_user, liaison_a):
    response = as_user(liaison_a).post(
        reverse("screening_batch_create"),
        {"kind": "declarations", "file": upload(DEMO), "threshold": "0.9"},
    )
    batch = Batch.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("screening_batch_detail", args=[batch.pk])
    assert (batch.agency_id, batch.threshold, batch.party_count) == (liaison_a.agency_id, 0.9, 4)


def test_a_bad_file_is_refused_naming_each_row_and_writes_nothing(as_user, liaison_a):
    liaison_a.language = "en"
    liaison_a.save()
    bad = HEADER + "09-1,party,buyer,A,,MEX,,,,,\n"
    response = as_user(liaison_a).post(
        reverse("screening_batch_create"), {"kind": "declarations", "file": upload(bad)}
    )
    assert response.status_code == 200
    assert "row 2, role" in response.text
    assert "row 2, country" in response.text
    assert not Batch.objects.exists()


def test_the_upload_form_is_refused_to_who_may_not_submit(as_user, outsider, coordinator):
    for user in (outsider, coordinator):
        client = as_user(user)
        assert client.get(reverse("screening_batch_create")).status_code == 403
        response = client.post(
            reverse("screening_batch_create"), {"kind": "declarations", "file": upload(DEMO)}
        )
        assert response.status_code == 403
    assert not Batch.objects.exists()


def test_the_csv_export_lists_each_alert_with_its_explanation(as_user, screened, english):
    response = as_user(screened.submitted_by).get(
        reverse("screening_batch_export", args=[screened.pk, "csv"]), HTTP_ACCEPT_LANGUAGE="en"
    )
    assert response.status_code == 200
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[1][1:7] == ["2", "Ivan Petrovich Sidorov", "un", "KPi.001", rows[1][5], "0.97"]
    assert rows[1][7] == "name +0.970 (exact)"
    assert rows[2][2] == "'=Korea Tangun"  # never run as a formula
    assert len(rows) == 3
    assert AuditEntry.objects.filter(action="screening.batch.export").count() == 1


def test_the_xlsx_export_has_the_same_rows(as_user, screened):
    response = as_user(screened.submitted_by).get(
        reverse("screening_batch_export", args=[screened.pk, "xlsx"])
    )
    book = load_workbook(io.BytesIO(b"".join(response.streaming_content)), read_only=True)
    rows = list(book.worksheets[0].iter_rows(values_only=True))
    assert len(rows) == 3
    assert rows[1][2] == "Ivan Petrovich Sidorov"
    assert rows[1][6] == 0.97


def test_an_unknown_export_format_is_404(as_user, screened):
    url = reverse("screening_batch_export", args=[screened.pk, "pdf"])
    assert as_user(screened.submitted_by).get(url).status_code == 404


def test_the_batch_page_reads_a_fixed_number_of_queries(as_user, screened, count_queries):
    client = as_user(screened.submitted_by)
    url = reverse("screening_batch_detail", args=[screened.pk])
    client.get(url)
    few, _ = count_queries(lambda: client.get(url))
    entry = listed("KPi.050", "Otro Nombre")
    for row in range(10, 16):
        party = ScreenedPartyFactory(batch=screened, row=row)
        Alert.objects.create(
            batch=screened,
            agency=screened.agency,
            party=party,
            entry=entry,
            entry_version=entry.version,
            score=0.9,
            query_name=party.name,
            entry_name=entry.name,
        )
    control = GoodsLineFactory(batch=screened, row=30)
    Alert.objects.create(
        batch=screened,
        agency=screened.agency,
        line=control,
        control_entry=controlled("1C350.1"),
        score=0.95,
    )
    many, response = count_queries(lambda: client.get(url))
    assert response.text.count("ALR-") == 9
    assert many == few
    assert few <= 12 + AUDITED_READ_QUERIES


def test_the_list_reads_a_fixed_number_of_queries(as_user, liaison_a, count_queries):
    client = as_user(liaison_a)
    url = reverse("screening_batch_list")
    BatchFactory(agency=liaison_a.agency, submitted_by=liaison_a)
    client.get(url)
    few, _ = count_queries(lambda: client.get(url))
    for _n in range(3):
        BatchFactory(agency=liaison_a.agency, submitted_by=liaison_a)
    many, _ = count_queries(lambda: client.get(url))
    assert many == few
