"""Background screening (Django Tasks API), worked by ``nonprolif worker``.

- ``screen_batch(batch_id)`` splits a batch into chunks (:func:`chunk_ranges`: ranges of its
  rows, ``SCREENING_CHUNK_SIZE`` rows each, default 2000) and enqueues one
  ``screen_chunk(batch_id, start_row, stop_row)`` for each, so several workers share a batch.
- ``screen_chunk`` screens the chunk's parties against the current lists (the batch's
  thresholds) and its goods lines against the control lists (``engine.GOODS_ALERT_THRESHOLD``),
  skips the matches a cleared party of the batch's agency covers (an active ``Suppression``),
  and writes the alerts. It is idempotent: only rows not yet screened are screened and
  counted, and an alert is never written twice (the alerts' unique constraints).
- ``rescreen_snapshot(snapshot_id)`` screens every party already screened, of any batch,
  against the entries a list import added or changed: new hits are alerts raised by that
  snapshot. A party cleared against an entry alerts again when the entry changes (the
  clearance held the old version).

Output is deterministic: rows are screened in row order, entries indexed in id order, matches
best first (ties by list and entry).
"""

from django.conf import settings
from django.db import transaction
from django.db.models import Count, F, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone
from django_tasks import task

from nonprolif.matching.goods import match_line
from nonprolif.matching.names import NameIndex, Thresholds, screen
from nonprolif.screening.batches import engine
from nonprolif.screening.models import (
    Alert,
    Batch,
    BatchStatus,
    ChangeKind,
    GoodsLine,
    ListEntry,
    ListSnapshot,
    ScreenedParty,
    Suppression,
)

DEFAULT_CHUNK_SIZE = 2000
BULK = 1000


def chunk_size() -> int:
    """Rows a chunk screens (``SCREENING_CHUNK_SIZE``, default 2000)."""
    return max(1, int(getattr(settings, "SCREENING_CHUNK_SIZE", DEFAULT_CHUNK_SIZE)))


def chunk_ranges(rows: list[int], size: int) -> list[tuple[int, int]]:
    """``[start_row, stop_row)`` ranges covering the sorted row numbers ``rows``, ``size``
    rows each (the last fewer)."""
    ordered = sorted(set(rows))
    return [
        (ordered[i], ordered[i + size] if i + size < len(ordered) else ordered[-1] + 1)
        for i in range(0, len(ordered), size)
    ]


def batch_chunks(batch: Batch) -> list[tuple[int, int]]:
    """The chunks of a batch's rows (parties and goods lines together)."""
    rows = list(ScreenedParty.objects.filter(batch=batch).values_list("row", flat=True))
    rows += GoodsLine.objects.filter(batch=batch).values_list("row", flat=True)
    return chunk_ranges(rows, chunk_size())


@task()
def screen_batch(batch_id: int) -> int:
    """Enqueue the chunks of a queued or running batch; returns how many."""
    batch = Batch.objects.filter(pk=batch_id).first()
    if batch is None or batch.status == BatchStatus.DONE:
        return 0
    ranges = batch_chunks(batch)
    for start, stop in ranges:
        screen_chunk.enqueue(batch_id, start, stop)
    return len(ranges)


def _suppressed(agency_id: int, keys: set[str]) -> set[tuple[str, int, str]]:
    """(party key, entry id, entry version) of the active suppressions of the agency."""
    if not keys:
        return set()
    found = (
        Suppression.objects.filter(agency_id=agency_id, party_key__in=keys)
        .active()
        .values_list("party_key", "entry_id", "entry_version")
    )
    return set(found)


def party_alerts(
    batch: Batch,
    parties: list[ScreenedParty],
    index: NameIndex,
    thresholds: Thresholds,
    *,
    snapshot: ListSnapshot | None = None,
) -> list[Alert]:
    """The alerts of ``parties`` against ``index``, without those a suppression covers."""
    suppressed = _suppressed(batch.agency_id, {party.party_key for party in parties})
    alerts = []
    for party in parties:
        for match in screen(engine.party_for(party), index, thresholds):
            entry_id = int(match.entry_id)
            if (party.party_key, entry_id, match.entry_version) in suppressed:
                continue
            alerts.append(
                Alert(
                    batch_id=batch.pk,
                    agency_id=batch.agency_id,
                    party=party,
                    entry_id=entry_id,
                    entry_version=match.entry_version,
                    snapshot=snapshot,
                    score=match.score,
                    explanation=engine.explanation(match.explanation),
                    query_name=match.query_name[:500],
                    entry_name=match.entry_name[:500],
                )
            )
    return alerts


def line_alerts(batch: Batch, lines: list[GoodsLine]) -> list[Alert]:
    """The alerts of goods ``lines`` against the control lists."""
    if not lines:
        return []
    index = engine.goods_index()
    controls = {entry.key: entry for entry in index.entries}
    alerts = []
    for line in lines:
        for match in engine.goods_alerts(match_line(engine.line_for(line), index)):
            control = controls[match.entry_key]
            alerts.append(
                Alert(
                    batch_id=batch.pk,
                    agency_id=batch.agency_id,
                    line=line,
                    control_entry_id=int(match.entry_key),
                    score=match.score,
                    explanation=engine.explanation(match.reasons),
                    query_name=line.description[:500],
                    entry_name=f"{control.regime} {control.code}: {control.description_en}"[:500],
                )
            )
    return alerts


def _start(batch_id: int) -> None:
    Batch.objects.filter(pk=batch_id, status=BatchStatus.QUEUED).update(
        status=BatchStatus.RUNNING, started_at=timezone.now()
    )


def _fail(batch_id: int, error: Exception) -> None:
    Batch.objects.filter(pk=batch_id).exclude(status=BatchStatus.DONE).update(
        status=BatchStatus.FAILED, error=f"{type(error).__name__}: {error}"[:2000]
    )


@task()
def screen_chunk(batch_id: int, start_row: int, stop_row: int) -> int:
    """Screen the rows ``[start_row, stop_row)`` of a batch not screened yet; returns how many
    it screened. Side effects, in one transaction: the alerts (agency the batch's), the rows'
    ``screened_at``, the batch's ``screened_count`` and ``alert_count`` raised by what this
    run screened and raised; the batch running when it starts, done (``finished_at``) when
    its last row is screened; failed, with the error, when screening raises."""
    try:
        return _screen_chunk(batch_id, start_row, stop_row)
    except Exception as error:
        _fail(batch_id, error)
        raise


def _screen_chunk(batch_id: int, start_row: int, stop_row: int) -> int:
    batch = Batch.objects.filter(pk=batch_id).first()
    if batch is None:
        return 0
    _start(batch_id)
    rows = Q(batch_id=batch_id, row__gte=start_row, row__lt=stop_row, screened_at__isnull=True)
    parties = list(ScreenedParty.objects.filter(rows).order_by("row", "pk"))
    lines = list(GoodsLine.objects.filter(rows).order_by("row", "pk"))
    if not parties and not lines:
        _finish(batch_id)
        return 0
    alerts = party_alerts(batch, parties, engine.current_index(), engine.thresholds(batch)) + (
        line_alerts(batch, lines)
    )
    now = timezone.now()
    with transaction.atomic():
        claimed_parties = set(
            ScreenedParty.objects.select_for_update()
            .filter(pk__in=[p.pk for p in parties], screened_at__isnull=True)
            .values_list("pk", flat=True)
        )
        claimed_lines = set(
            GoodsLine.objects.select_for_update()
            .filter(pk__in=[line.pk for line in lines], screened_at__isnull=True)
            .values_list("pk", flat=True)
        )
        Alert.objects.bulk_create(
            [
                alert
                for alert in alerts
                if alert.party_id in claimed_parties or alert.line_id in claimed_lines
            ],
            batch_size=BULK,
            ignore_conflicts=True,
        )
        ScreenedParty.objects.filter(pk__in=claimed_parties).update(screened_at=now)
        GoodsLine.objects.filter(pk__in=claimed_lines).update(screened_at=now)
        raised = Alert.objects.filter(
            Q(party_id__in=claimed_parties) | Q(line_id__in=claimed_lines), snapshot__isnull=True
        ).count()
        screened = len(claimed_parties) + len(claimed_lines)
        Batch.objects.filter(pk=batch_id).update(
            screened_count=F("screened_count") + screened, alert_count=F("alert_count") + raised
        )
        _finish(batch_id)
    return screened


def _finish(batch_id: int) -> None:
    """The batch done once every row is screened (only the first such chunk moves it)."""
    Batch.objects.filter(
        pk=batch_id, screened_count__gte=F("party_count") + F("line_count")
    ).exclude(status=BatchStatus.DONE).update(
        status=BatchStatus.DONE, finished_at=timezone.now(), error=""
    )


def delta_entries(snapshot: ListSnapshot) -> list[ListEntry]:
    """The entries a snapshot added or changed that are still on the list, in id order."""
    return list(
        ListEntry.objects.filter(
            changes__snapshot=snapshot,
            changes__change__in=[ChangeKind.ADDED, ChangeKind.CHANGED],
            removed_in__isnull=True,
        )
        .select_related("watchlist")
        .order_by("pk")
    )


@task()
def rescreen_snapshot(snapshot_id: int) -> int:
    """Screen every party already screened (any batch) against what the snapshot added or
    changed; returns how many alerts it raised. Side effects: one Alert per new hit (raised by
    the snapshot, agency the party's batch's; none that a cleared party of that agency at the
    entry's new version covers, none already raised for that version) and the alert counts
    of the batches concerned."""
    snapshot = ListSnapshot.objects.filter(pk=snapshot_id).first()
    if snapshot is None:
        return 0
    index = engine.index_of(delta_entries(snapshot))
    if not len(index):
        return 0
    batches: dict[int, tuple[Batch, Thresholds]] = {}
    raised = 0
    last = 0
    size = chunk_size()
    while True:
        parties = list(
            ScreenedParty.objects.filter(screened_at__isnull=False, pk__gt=last).order_by("pk")[
                :size
            ]
        )
        if not parties:
            break
        last = parties[-1].pk
        by_batch: dict[int, list[ScreenedParty]] = {}
        for party in parties:
            by_batch.setdefault(party.batch_id, []).append(party)
        missing = [pk for pk in by_batch if pk not in batches]
        for batch in Batch.objects.filter(pk__in=missing):
            batches[batch.pk] = (batch, engine.thresholds(batch))
        alerts = []
        for batch_id, members in sorted(by_batch.items()):
            batch, thresholds = batches[batch_id]
            alerts += party_alerts(batch, members, index, thresholds, snapshot=snapshot)
        raised += _write_new(alerts)
    if raised:
        _recount(snapshot)
    return raised


def _write_new(alerts: list[Alert]) -> int:
    """Write the alerts not raised already (the same party, entry and version); how many."""
    if not alerts:
        return 0
    existing = set(
        Alert.objects.filter(
            party_id__in={a.party_id for a in alerts}, entry_id__in={a.entry_id for a in alerts}
        ).values_list("party_id", "entry_id", "entry_version")
    )
    new = [a for a in alerts if (a.party_id, a.entry_id, a.entry_version) not in existing]
    Alert.objects.bulk_create(new, batch_size=BULK, ignore_conflicts=True)
    return len(new)


def _recount(snapshot: ListSnapshot) -> None:
    """The alert counts of the batches the snapshot raised alerts in, counted again."""
    counts = (
        Alert.objects.filter(batch=OuterRef("pk"))
        .order_by()
        .values("batch")
        .annotate(n=Count("pk"))
        .values("n")
    )
    concerned = Alert.objects.filter(snapshot=snapshot).values("batch_id")
    Batch.objects.filter(pk__in=concerned).update(alert_count=Coalesce(Subquery(counts), 0))
