"""Screening end to end through the services, the tasks running as a worker would (the
immediate backend): the sample lists imported, the demo batch screened, the near miss
marked a false positive; the same party screened again raises nothing, until the list's next
version changes its entry, whose re-screen raises it again, raised by that import."""

from pathlib import Path

import pytest

from nonprolif.screening.batches import engine
from nonprolif.screening.batches.domain import submit_batch
from nonprolif.screening.lists.domain import import_list
from nonprolif.screening.models import Alert, AlertStatus, Batch, BatchStatus, Suppression
from nonprolif.screening.review.domain import decide_alert

FIXTURES = Path(__file__).resolve().parents[2] / "src" / "nonprolif" / "screening" / "fixtures"
DEMO = (FIXTURES / "demo" / "customs-2009.csv").read_bytes()
IMMEDIATE = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
NEAR_MISS = "Ali Akbar Tabatabai"

pytestmark = pytest.mark.django_db(transaction=True)  # on_commit hands the work to the tasks


@pytest.fixture
def worker(settings):
    settings.TASKS = IMMEDIATE
    engine.clear_caches()
    yield
    engine.clear_caches()


def _import(name: str, coordinator):
    return import_list(
        source="un",
        data=(FIXTURES / "lists" / name).read_bytes(),
        file_name=name,
        actor=coordinator,
    )


def _near_miss_alerts(**filters):
    return Alert.objects.filter(party__name=NEAR_MISS, entry__external_id="IRi.903", **filters)


def test_a_cleared_party_alerts_again_only_when_its_entry_changes(worker, coordinator, liaison_a):
    _import("un.xml", coordinator)
    first = submit_batch(actor=liaison_a, kind="declarations", file_name="a.csv", data=DEMO)
    first.refresh_from_db()
    assert first.status == BatchStatus.DONE
    assert first.screened_count == first.total
    (alert,) = _near_miss_alerts(batch=first)
    decide_alert(
        alert=alert, decision=AlertStatus.FALSE_POSITIVE, reason="Otra persona", actor=liaison_a
    )
    assert Suppression.objects.active().filter(party_key=alert.party.party_key).exists()

    second = submit_batch(actor=liaison_a, kind="declarations", file_name="b.csv", data=DEMO)
    assert Batch.objects.get(pk=second.pk).status == BatchStatus.DONE
    assert not _near_miss_alerts(batch=second).exists()  # cleared: no alert
    assert Alert.objects.filter(batch=second).exists()  # the true hits still alert

    snapshot = _import("un-2.xml", coordinator)
    assert snapshot.changed_count == 2
    raised = _near_miss_alerts(snapshot=snapshot)
    assert {a.batch_id for a in raised} == {first.pk, second.pk}  # every earlier screening
    assert {a.entry_version for a in raised} == {
        alert.entry.__class__.objects.get(pk=alert.entry_id).version
    }
    assert not Suppression.objects.active().filter(party_key=alert.party.party_key).exists()
    # Only the added and changed entries were screened again: nothing else raised.
    assert set(
        Alert.objects.filter(snapshot=snapshot).values_list("entry__external_id", flat=True)
    ) <= {
        "IRi.903",
        "IRe.903",
        "IRi.906",
    }
