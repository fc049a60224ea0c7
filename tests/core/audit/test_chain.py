"""The audit trail's hash chain and `nonprolif audit verify` / `audit head`, on SQLite and
PostgreSQL (run with DATABASE_URL=postgres://… for the latter)."""

import io
import itertools
import threading

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import DatabaseError, close_old_connections, connection, transaction

from nonprolif.cli import main
from nonprolif.core.domain.audit import chain_head, record, request_context, verify_chain
from nonprolif.core.models import AuditEntry, AuditHead
from nonprolif.core.models.audit import GENESIS_HASH
from nonprolif.core.roles import Role
from tests.core.audit.tampering import tamper
from tests.factories import AgencyFactory, UserFactory


@pytest.fixture
def trail(db):
    """Five entries by a liaison of agency AAA."""
    agency = AgencyFactory(code="AAA")
    user = UserFactory(username="mariana", agency=agency, roles=[Role.LIAISON])
    return [
        record(actor=user, action="agency.update", obj=agency, changes={"n": n}) for n in range(5)
    ]


def verify(*args: str) -> str:
    out = io.StringIO()
    call_command("audit", "verify", *args, stdout=out)
    return out.getvalue()


def broken(*args: str) -> str:
    with pytest.raises(CommandError) as error:
        verify(*args)
    assert error.value.returncode == 1
    return str(error.value)


def test_entries_form_a_chain_with_a_snapshot_of_the_actor(trail):
    entries = list(AuditEntry.objects.order_by("seq"))
    assert [e.seq for e in entries] == [1, 2, 3, 4, 5]
    assert entries[0].prev_hash == GENESIS_HASH
    for before, after in itertools.pairwise(entries):
        assert after.prev_hash == before.entry_hash
    for entry in entries:
        assert entry.entry_hash == entry.compute_hash()
        assert len(entry.entry_hash) == 64
    first = entries[0]
    assert (first.actor_name, first.role, first.agency) == ("mariana", "liaison", "AAA")
    assert chain_head() == (5, entries[-1].entry_hash)
    assert "audit chain intact: 5 entries, head 5:" + entries[-1].entry_hash in verify()


def test_an_entry_carries_the_request_context(db):
    with request_context(request_id="req-1", client_address="192.0.2.7"):
        entry = record(actor=None, action="x.list", object_type="core.official", object_ids=[3, 4])
    stored = AuditEntry.objects.get(pk=entry.pk)
    assert (stored.request_id, stored.client_address) == ("req-1", "192.0.2.7")
    assert (stored.object_type, stored.object_ids, stored.object_id) == (
        "core.official",
        [3, 4],
        "",
    )
    assert stored.entry_hash == stored.compute_hash()


def test_verify_catches_an_edit(trail):
    tamper("UPDATE core_auditentry SET action = 'agency.view' WHERE seq = 3")
    message = broken()
    assert f"entry seq 3 (id {trail[2].pk})" in message
    assert "edited" in message


def test_verify_catches_an_edit_of_the_changes(trail):
    tamper("UPDATE core_auditentry SET changes = %s WHERE seq = 2", ['{"n": 99}'])
    assert f"entry seq 2 (id {trail[1].pk}): its content does not match its hash" in broken()


def test_verify_catches_an_edit_with_a_recomputed_hash(trail):
    """Who recomputes the edited entry's own hash breaks the link to the next one."""
    entry = AuditEntry.objects.get(seq=3)
    entry.action = "agency.view"
    tamper(
        "UPDATE core_auditentry SET action = %s, entry_hash = %s WHERE seq = 3",
        [entry.action, entry.compute_hash()],
    )
    message = broken()
    assert (
        f"entry seq 4 (id {trail[3].pk}): its prev_hash is not the hash of entry seq 3" in message
    )


def test_verify_catches_a_deletion(trail):
    tamper("DELETE FROM core_auditentry WHERE seq = 2")
    message = broken()
    assert f"entry seq 3 (id {trail[2].pk}): expected seq 2" in message
    assert "deleted or reordered" in message


def test_verify_catches_a_reordering(trail):
    tamper("UPDATE core_auditentry SET seq = 100 WHERE seq = 2")
    tamper("UPDATE core_auditentry SET seq = 2 WHERE seq = 3")
    tamper("UPDATE core_auditentry SET seq = 3 WHERE seq = 100")
    message = broken()
    assert f"entry seq 2 (id {trail[2].pk})" in message
    assert "prev_hash" in message


def test_verify_catches_entries_removed_from_the_end(trail):
    tamper("DELETE FROM core_auditentry WHERE seq = 5")
    assert "the head names entry seq 5 but the chain ends at seq 4" in broken()


def test_an_external_head_catches_a_truncation_that_also_moved_the_head_row(trail):
    out = io.StringIO()
    call_command("audit", "head", stdout=out)
    head = out.getvalue().strip()
    assert head == f"5:{trail[-1].entry_hash}"
    assert "intact" in verify("--head", head)
    tamper("DELETE FROM core_auditentry WHERE seq >= 4")
    AuditHead.objects.filter(pk=1).update(seq=3, entry_hash=trail[2].entry_hash)
    assert "intact" in verify()  # the chain alone cannot tell
    assert "entry seq 5 (the head recorded externally) is missing" in broken("--head", head)


def test_an_external_head_that_the_chain_does_not_hold_fails(trail):
    assert "its hash is not the head recorded externally" in broken("--head", "2:" + "a" * 64)


def test_a_malformed_head_is_refused(trail):
    with pytest.raises(CommandError, match="SEQ:HASH"):
        verify("--head", "five")


def test_an_empty_trail_verifies(db):
    assert "audit chain intact: 0 entries, head 0:" + GENESIS_HASH in verify()


@pytest.mark.django_db(transaction=True)
def test_the_nonprolif_command_runs_audit_verify(capsys):
    """Through the `nonprolif` command, which closes the connections as it ends."""
    for n in range(3):
        record(actor=None, action="agency.update", obj=AgencyFactory(), changes={"n": n})
    main(["audit", "verify"])
    assert "audit chain intact: 3 entries" in capsys.readouterr().out
    tamper("UPDATE core_auditentry SET object_repr = 'x' WHERE seq = 1")
    with pytest.raises(SystemExit) as exit_:
        main(["audit", "verify"])
    assert exit_.value.code == 1
    assert "entry seq 1" in capsys.readouterr().err


def test_the_trigger_refuses_update_and_delete(trail, postgresql):
    for sql in (
        "UPDATE core_auditentry SET action = 'x' WHERE seq = 1",
        "DELETE FROM core_auditentry WHERE seq = 5",
    ):
        with (
            pytest.raises(DatabaseError, match="append-only"),
            transaction.atomic(),
            connection.cursor() as cursor,
        ):
            cursor.execute(sql)
    assert AuditEntry.objects.count() == 5
    assert AuditEntry.objects.get(seq=1).action == "agency.update"
    assert "intact" in verify()


@pytest.mark.django_db(transaction=True)
def test_the_trigger_refuses_truncate(postgresql):
    """(In autocommit: inside the test's transaction the pending FK checks would refuse it
    first.)"""
    record(actor=None, action="agency.update", obj=AgencyFactory())
    with pytest.raises(DatabaseError, match="append-only"), connection.cursor() as cursor:
        cursor.execute("TRUNCATE core_auditentry CASCADE")
    assert AuditEntry.objects.count() == 1


def test_the_orm_cannot_change_or_delete_an_entry_on_postgresql(trail, postgresql):
    with pytest.raises(DatabaseError), transaction.atomic():
        AuditEntry.objects.filter(seq=1).update(action="x")
    with pytest.raises(DatabaseError), transaction.atomic():
        trail[0].delete()
    assert AuditEntry.objects.count() == 5


@pytest.mark.django_db(transaction=True)
def test_concurrent_appends_do_not_fork_the_chain(postgresql):
    """8 threads x 15 appends at once: 120 entries numbered 1…120, one chain."""
    agency = AgencyFactory(code="AAA")
    start = threading.Barrier(8)
    errors: list[BaseException] = []

    def append(n: int) -> None:
        try:
            start.wait()
            for i in range(15):
                record(actor=None, action="agency.update", obj=agency, changes={"t": n, "i": i})
        except BaseException as error:
            errors.append(error)
        finally:
            close_old_connections()
            connection.close()

    threads = [threading.Thread(target=append, args=(n,)) for n in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert list(AuditEntry.objects.order_by("seq").values_list("seq", flat=True)) == list(
        range(1, 121)
    )
    report = verify_chain()
    assert report.ok, report.problem
    assert report.checked == 120
