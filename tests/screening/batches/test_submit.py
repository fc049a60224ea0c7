"""Submitting a batch: every row checked, then all of it written (or nothing), audited."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from nonprolif.core.models import AuditEntry
from nonprolif.screening.batches import domain
from nonprolif.screening.batches.domain import BatchFileError, submit_batch
from nonprolif.screening.models import Batch, BatchStatus, GoodsLine, ScreenedParty

from .conftest import DEMO, HEADER


def test_a_submitted_batch_has_its_rows_and_counts_and_one_audit_entry(liaison_a):
    batch = submit_batch(
        actor=liaison_a, kind="declarations", file_name="customs.csv", data=DEMO.encode()
    )
    assert (batch.agency_id, batch.status) == (liaison_a.agency_id, BatchStatus.QUEUED)
    assert (batch.party_count, batch.line_count, batch.total) == (4, 2, 6)
    assert len(batch.sha256) == 64
    parties = list(ScreenedParty.objects.filter(batch=batch).order_by("row"))
    assert [p.row for p in parties] == [2, 3, 4, 7]
    assert parties[0].party_key
    assert parties[0].screened_at is None
    lines = list(GoodsLine.objects.filter(batch=batch))
    assert [line.cas_numbers for line in lines] == [["7719-09-7"], []]
    entry = AuditEntry.objects.get(action="screening.batch.submit")
    assert entry.object_repr == f"SCR-{batch.pk}"
    assert "Sidorov" not in str(entry.changes)
    assert entry.changes["parties"] == [None, 4]


def test_a_file_with_bad_rows_writes_nothing_and_lists_every_error(liaison_a, english):
    bad = HEADER + "09-1,party,buyer,A,,,,,,,\n09-1,goods,,,,,,,Ácido,,7719-09-8\n"
    with pytest.raises(BatchFileError) as raised:
        submit_batch(actor=liaison_a, kind="declarations", file_name="b.csv", data=bad.encode())
    assert [(e.row, e.column) for e in raised.value.errors] == [(2, "role"), (3, "cas_numbers")]
    assert raised.value.message_dict["file"][0].startswith("row 2, role")
    assert not Batch.objects.exists()
    assert not AuditEntry.objects.filter(action="screening.batch.submit").exists()


def test_a_bad_kind_or_threshold_names_its_field(liaison_a):
    with pytest.raises(ValidationError) as raised:
        submit_batch(actor=liaison_a, kind="x", file_name="b.csv", data=DEMO.encode(), threshold=2)
    assert set(raised.value.message_dict) == {"kind", "threshold"}
    assert not Batch.objects.exists()


def test_a_user_who_may_not_submit_is_refused_and_audited(outsider, partner, coordinator):
    for user in (outsider, partner, coordinator):
        with pytest.raises(PermissionDenied):
            submit_batch(actor=user, kind="declarations", file_name="b.csv", data=DEMO.encode())
    assert not Batch.objects.exists()
    assert AuditEntry.objects.filter(action="screening.batch.submit", outcome="denied").count() == 3


@pytest.mark.django_db(transaction=True)
def test_a_failure_midway_writes_nothing(liaison_a, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(domain.GoodsLine.objects, "bulk_create", broken)
    with pytest.raises(RuntimeError):
        submit_batch(actor=liaison_a, kind="declarations", file_name="b.csv", data=DEMO.encode())
    assert not Batch.objects.exists()
    assert not ScreenedParty.objects.exists()
    assert not AuditEntry.objects.filter(action="screening.batch.submit").exists()


def test_a_form_shows_the_first_hundred_errors_and_counts_the_others(liaison_a):
    bad = HEADER + "".join(f"09-{n},party,buyer,A,,,,,,,\n" for n in range(130))
    with pytest.raises(BatchFileError) as raised:
        submit_batch(actor=liaison_a, kind="declarations", file_name="b.csv", data=bad.encode())
    assert len(raised.value.errors) == 130
    shown = raised.value.message_dict["file"]
    assert len(shown) == 101
    assert "30" in shown[-1]
