"""GET /api/v1/audit: the trail for auditors (and coordinators); others read their own."""

import datetime

import pytest
from django.test import Client

from nonprolif.core.domain.audit import record
from nonprolif.core.domain.tokens import issue_token
from nonprolif.core.models import AuditEntry

pytestmark = pytest.mark.django_db


def api(user) -> Client:
    _token, raw = issue_token(user=user, name="tests")
    return Client(headers={"Authorization": f"Bearer {raw}"})


def test_an_auditor_reads_the_trail_with_its_chain(auditor, liaison_a, official_a):
    record(actor=liaison_a, action="official.update", obj=official_a, changes={"x": [1, 2]})
    response = api(auditor).get("/api/v1/audit", {"action": "official.update"})
    assert response.status_code == 200
    [item] = response.json()["items"]
    entry = AuditEntry.objects.get(action="official.update")
    assert item["seq"] == entry.seq
    assert (item["actor"], item["role"], item["agency"]) == ("liaison_a", "liaison", "AAA")
    assert item["entry_hash"] == entry.entry_hash == entry.compute_hash()
    assert item["changes"] == {"x": [1, 2]}


def test_a_liaison_reads_only_his_own_entries(liaison_a, liaison_b, official_a, official_b):
    record(actor=liaison_b, action="official.update", obj=official_b)
    record(actor=liaison_a, action="official.update", obj=official_a)
    items = api(liaison_a).get("/api/v1/audit").json()["items"]
    assert {item["actor"] for item in items} == {"liaison_a"}


def test_filters_and_a_bad_outcome_is_a_422_naming_it(auditor, liaison_a, official_a):
    record(actor=liaison_a, action="official.update", obj=official_a, outcome="denied")
    client = api(auditor)
    items = client.get("/api/v1/audit", {"outcome": "denied"}).json()["items"]
    assert [item["action"] for item in items] == ["official.update"]
    response = client.get("/api/v1/audit", {"outcome": "maybe"})
    assert response.status_code == 422
    assert "outcome" in response.content.decode()


def test_a_time_range_in_any_offset_filters_as_the_same_instant(auditor, official_a):
    entry = record(actor=None, action="official.update", obj=official_a)
    client = api(auditor)

    def seqs(**filters):
        response = client.get("/api/v1/audit", {"action": "official.update", **filters})
        assert response.status_code == 200, response.content
        return [item["seq"] for item in response.json()["items"]]

    west = datetime.timezone(datetime.timedelta(hours=-6))
    assert seqs(since=entry.at.astimezone(west).isoformat()) == [entry.seq]
    assert seqs(since=(entry.at + datetime.timedelta(seconds=1)).isoformat()) == []
    # Offsets PostgreSQL would refuse, and instants at the ends of the calendar.
    far = datetime.timezone(datetime.timedelta(hours=21, minutes=36))
    assert seqs(since=entry.at.astimezone(far).isoformat(), until="2126-10-19T20:42:34+21:36") == [
        entry.seq
    ]
    assert seqs(since="0001-01-01T00:00:00+01:00", until="9999-12-31T23:59:59-01:00") == [entry.seq]
