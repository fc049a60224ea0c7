"""The batches API: the same selectors and service as the pages; invisible or missing is 404,
not allowed 403, a bad file 422 naming each row."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from nonprolif.screening.models import Batch
from tests.screening.factories_batches import BatchFactory

from .conftest import DEMO, HEADER

pytestmark = pytest.mark.django_db

API = "/api/v1/screening/batches"


def test_the_list_gives_ones_agencys_batches_a_page_at_a_time(as_user, screened, liaison_b):
    BatchFactory(agency=liaison_b.agency, submitted_by=liaison_b)
    body = as_user(screened.submitted_by).get(API, {"limit": 10}).json()
    assert body["count"] == 1
    [item] = body["items"]
    assert (item["id"], item["label"], item["agency"]) == (screened.pk, f"SCR-{screened.pk}", "AAA")


def test_a_batch_gives_its_status_counts_and_progress(as_user, screened):
    screened.screened_count = 1
    screened.save()
    body = as_user(screened.submitted_by).get(f"{API}/{screened.pk}").json()
    assert (body["status"], body["party_count"], body["screened_count"]) == ("queued", 2, 1)
    assert body["progress"] == 0.5


def test_the_alerts_of_a_batch_come_best_first_and_filter_by_status(as_user, screened):
    client = as_user(screened.submitted_by)
    body = client.get(f"{API}/{screened.pk}/alerts").json()
    assert [a["subject"] for a in body["items"]] == ["Ivan Petrovich Sidorov", "=Korea Tangun"]
    first = body["items"][0]
    assert (first["watchlist"], first["entry_reference"], first["row"]) == ("un", "KPi.001", 2)
    assert first["explanation"] == [{"feature": "name", "contribution": 0.97, "detail": "exact"}]
    narrowed = client.get(f"{API}/{screened.pk}/alerts", {"status": "false_positive"}).json()
    assert [a["subject"] for a in narrowed["items"]] == ["=Korea Tangun"]


def test_an_outsider_or_another_agency_gets_404(as_user, screened, outsider, liaison_b):
    for user in (outsider, liaison_b):
        client = as_user(user)
        assert client.get(f"{API}/{screened.pk}").status_code == 404
        assert client.get(f"{API}/{screened.pk}/alerts").status_code == 404
        assert client.get(API).json()["count"] == 0


def test_posting_a_file_submits_the_batch(as_user, liaison_a):
    file = SimpleUploadedFile("customs.csv", DEMO.encode(), content_type="text/csv")
    response = as_user(liaison_a).post(API, {"kind": "declarations", "file": file})
    assert response.status_code == 201, response.content
    body = response.json()
    assert (body["status"], body["party_count"], body["line_count"]) == ("queued", 4, 2)
    assert Batch.objects.get().agency_id == liaison_a.agency_id


def test_a_bad_file_is_422_listing_each_row_and_writes_nothing(as_user, liaison_a):
    bad = HEADER + "09-1,party,buyer,A,,MEX,,,,,\n"
    file = SimpleUploadedFile("customs.csv", bad.encode(), content_type="text/csv")
    response = as_user(liaison_a).post(API, {"kind": "declarations", "file": file})
    assert response.status_code == 422
    assert [(e["row"], e["column"]) for e in response.json()["detail"]] == [
        (2, "role"),
        (2, "country"),
    ]
    assert not Batch.objects.exists()


def test_a_bad_threshold_is_422_naming_it(as_user, liaison_a):
    file = SimpleUploadedFile("customs.csv", DEMO.encode(), content_type="text/csv")
    response = as_user(liaison_a).post(
        API, {"kind": "declarations", "file": file, "threshold": "3"}
    )
    assert response.status_code == 422
    assert response.json()["detail"][0]["field"] == "threshold"
    assert not Batch.objects.exists()


def test_who_may_not_submit_gets_403_and_nothing_is_written(as_user, outsider, coordinator):
    for user in (outsider, coordinator):
        file = SimpleUploadedFile("customs.csv", DEMO.encode(), content_type="text/csv")
        response = as_user(user).post(API, {"kind": "declarations", "file": file})
        assert response.status_code == 403
    assert not Batch.objects.exists()
