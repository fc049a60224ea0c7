"""The screening tasks: a batch in chunks, idempotent chunks, cleared parties, the delta
re-screen, failures."""

import pytest
from django.test import override_settings

from nonprolif.screening.batches import engine, tasks
from nonprolif.screening.batches.domain import submit_batch
from nonprolif.screening.batches.tasks import (
    chunk_ranges,
    rescreen_snapshot,
    screen_batch,
    screen_chunk,
)
from nonprolif.screening.models import Alert, Batch, BatchStatus, Suppression
from tests.screening.factories_batches import (
    FIXTURES,
    change,
    import_controls,
    import_fixture,
    listed,
    snapshot_of,
)

from .conftest import DEMO

IMMEDIATE = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
SAMPLES = [
    ("un", "un.xml"),
    ("eu", "eu.xml"),
    ("ofac", "ofac.xml"),
    ("csl", "csl.csv"),
    ("uk", "uk.xml"),
    ("csv", "generic.csv"),
]


def run(batch: Batch) -> Batch:
    """Every chunk of ``batch`` screened, called directly, in order."""
    for start, stop in tasks.batch_chunks(batch):
        screen_chunk.call(batch.pk, start, stop)
    batch.refresh_from_db()
    return batch


def hits(batch: Batch) -> set[tuple[str, str, str]]:
    """(party name or goods description, list or regime, entry reference) of its alerts."""
    found = set()
    for alert in Alert.objects.filter(batch=batch).select_related(
        "party", "line", "entry__watchlist", "control_entry"
    ):
        if alert.party_id:
            found.add((alert.party.name, alert.entry.watchlist.code, alert.entry.external_id))
        else:
            found.add((alert.line.row, alert.control_entry.regime, alert.control_entry.code))
    return found


def test_chunks_cover_the_rows_in_ranges_of_the_chunk_size():
    assert chunk_ranges([2, 3, 5, 6, 9], 2) == [(2, 5), (5, 9), (9, 10)]
    assert chunk_ranges([4], 2000) == [(4, 5)]
    assert chunk_ranges([], 10) == []


@pytest.fixture
def demo_lists(db):
    for source, name in SAMPLES:
        import_fixture(source, name)
    import_controls()


@override_settings(SCREENING_CHUNK_SIZE=300)
def test_the_demo_batch_in_chunks_raises_its_planted_hits_once(demo_lists, liaison_a):
    data = (FIXTURES / "demo/customs-2009.csv").read_bytes()
    batch = submit_batch(actor=liaison_a, kind="declarations", file_name="c.csv", data=data)
    assert len(tasks.batch_chunks(batch)) == 4
    batch = run(batch)
    assert batch.status == BatchStatus.DONE
    assert batch.finished_at is not None
    assert batch.screened_count == batch.total == 989
    found = hits(batch)
    parties = {hit for hit in found if isinstance(hit[0], str)}
    assert parties == {
        ("Gennadiy Arkadyevich Borisov", "eu", "130901"),
        ("Park Chol Su", "un", "KPi.901"),
        ("Ali Akbar Tabatabai", "un", "IRi.903"),
    }
    [line] = [hit[0] for hit in found if hit[1:] == ("AG", "1C350.1")]
    assert batch.lines.get(row=line).cas_numbers == ["111-48-8"]
    assert batch.alert_count == Alert.objects.filter(batch=batch).count() == len(found)
    alert = Alert.objects.get(batch=batch, party__name="Park Chol Su")
    assert alert.agency_id == liaison_a.agency_id
    assert alert.entry_version == alert.entry.version
    assert sum(f["contribution"] for f in alert.explanation) == pytest.approx(alert.score, 1e-5)
    assert {f["feature"] for f in alert.explanation} >= {"name", "birth_date"}


def test_a_chunk_run_again_raises_no_second_alert_and_counts_nothing_twice(
    un_list, thionyl, liaison_a
):
    batch = submit_batch(
        actor=liaison_a, kind="declarations", file_name="b.csv", data=DEMO.encode()
    )
    [(start, stop)] = tasks.batch_chunks(batch)
    assert screen_chunk.call(batch.pk, start, stop) == 6
    batch.refresh_from_db()
    counts = (batch.screened_count, batch.alert_count, Alert.objects.count())
    assert counts == (6, 3, 3)
    assert screen_chunk.call(batch.pk, start, stop) == 0
    batch.refresh_from_db()
    assert (batch.screened_count, batch.alert_count, Alert.objects.count()) == counts
    assert batch.status == BatchStatus.DONE
    assert hits(batch) == {
        ("Ivan Petrovich Sidorov", "un", "KPi.001"),
        ("Korea Tangun Trading Corporation", "un", "KPe.002"),
        (5, "AG", "1C350.51"),
    }


@override_settings(SCREENING_CHUNK_SIZE=2)
def test_the_batch_runs_while_its_chunks_are_screened_and_is_done_by_the_last(un_list, liaison_a):
    batch = submit_batch(
        actor=liaison_a, kind="declarations", file_name="b.csv", data=DEMO.encode()
    )
    ranges = tasks.batch_chunks(batch)
    assert ranges == [(2, 4), (4, 6), (6, 8)]
    screen_chunk.call(batch.pk, *ranges[0])
    batch.refresh_from_db()
    assert (batch.status, batch.screened_count) == (BatchStatus.RUNNING, 2)
    assert batch.started_at is not None
    for start, stop in ranges[1:]:
        screen_chunk.call(batch.pk, start, stop)
    batch.refresh_from_db()
    assert (batch.status, batch.screened_count) == (BatchStatus.DONE, 6)


def _clear(alert: Alert, user) -> Suppression:
    return Suppression.objects.create(
        agency_id=alert.agency_id,
        party_key=alert.party.party_key,
        party_name=alert.party.name,
        entry=alert.entry,
        entry_version=alert.entry_version,
        alert=alert,
        reason="Otra persona",
        created_by=user,
    )


def test_a_cleared_party_is_not_alerted_again_in_a_later_batch(un_list, liaison_a, liaison_b):
    first = run(
        submit_batch(actor=liaison_a, kind="licences", file_name="a.csv", data=DEMO.encode())
    )
    alert = Alert.objects.get(batch=first, party__name="Ivan Petrovich Sidorov")
    _clear(alert, liaison_a)
    again = run(
        submit_batch(actor=liaison_a, kind="licences", file_name="b.csv", data=DEMO.encode())
    )
    names = {hit[0] for hit in hits(again)}
    assert "Ivan Petrovich Sidorov" not in names
    assert "Korea Tangun Trading Corporation" in names
    other = run(
        submit_batch(actor=liaison_b, kind="licences", file_name="c.csv", data=DEMO.encode())
    )
    assert "Ivan Petrovich Sidorov" in {hit[0] for hit in hits(other)}  # another agency's


def test_the_rescreen_alerts_only_on_added_and_changed_entries(un_list, liaison_a):
    _snapshot, person, company = un_list
    batch = run(
        submit_batch(actor=liaison_a, kind="licences", file_name="a.csv", data=DEMO.encode())
    )
    cleared = _clear(Alert.objects.get(batch=batch, entry=person), liaison_a)
    Alert.objects.filter(batch=batch, entry=company).delete()  # as if it never hit
    later = snapshot_of("un")
    change(person, later, remarks="Alias added")
    listed("KPi.777", "Maria Sidorova", snapshot=later, countries=["MX"], birth_dates=["1990"])
    engine.clear_caches()
    assert rescreen_snapshot.call(later.pk) == 2
    raised = Alert.objects.filter(snapshot=later)
    assert {(a.party.name, a.entry.external_id) for a in raised} == {
        ("Ivan Petrovich Sidorov", "KPi.001"),
        ("Maria Sidorova", "KPi.777"),
    }
    assert not Alert.objects.filter(entry=company).exists()  # unchanged: not screened again
    assert not Suppression.objects.filter(pk=cleared.pk).active().exists()
    batch.refresh_from_db()
    assert batch.alert_count == Alert.objects.filter(batch=batch).count() == 3
    assert rescreen_snapshot.call(later.pk) == 0


def test_a_failing_chunk_marks_the_batch_failed_with_the_error(un_list, liaison_a, monkeypatch):
    batch = submit_batch(actor=liaison_a, kind="licences", file_name="a.csv", data=DEMO.encode())

    def broken():
        raise RuntimeError("index unavailable")

    monkeypatch.setattr(engine, "current_index", broken)
    with pytest.raises(RuntimeError):
        screen_chunk.call(batch.pk, 2, 8)
    batch.refresh_from_db()
    assert batch.status == BatchStatus.FAILED
    assert "index unavailable" in batch.error
    assert not Alert.objects.exists()


@pytest.mark.django_db(transaction=True)
@override_settings(TASKS=IMMEDIATE, SCREENING_CHUNK_SIZE=3)
def test_a_submitted_batch_is_screened_once_committed(liaison_a):
    listed("KPe.002", "Korea Tangun Trading Corporation", kind="entity")
    batch = submit_batch(actor=liaison_a, kind="licences", file_name="a.csv", data=DEMO.encode())
    batch.refresh_from_db()
    assert (batch.status, batch.screened_count, batch.alert_count) == (BatchStatus.DONE, 6, 1)
    assert screen_batch.call(batch.pk) == 0  # done: nothing more to enqueue
