"""Submitting a batch: the file read and every row checked, then the batch, its parties and
goods lines written at once and the screening queued.

Audit entries name a batch by its number (``SCR-<id>``) and carry counts, never names.
"""

import hashlib

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

import nonprolif.screening.batches.rules  # noqa: F401 (registers the permissions)
from nonprolif.core.domain.audit import record, refuse
from nonprolif.core.models import User
from nonprolif.core.rules import has_perm
from nonprolif.core.tables import RowError
from nonprolif.screening.batches.engine import party_key
from nonprolif.screening.batches.reading import BatchFile, error_lines, read_batch
from nonprolif.screening.models import Batch, BatchKind, GoodsLine, ScreenedParty

BULK = 1000
#: The row errors a form shows (the API and the CLI give them all).
SHOWN_ERRORS = 100


class BatchFileError(ValidationError):
    """A batch file with bad rows: ``errors`` lists each (row, column, why). A
    ValidationError on the ``file`` field whose messages are the first ``SHOWN_ERRORS`` of
    them as lines, and how many more there are."""

    def __init__(self, errors: list[RowError]) -> None:
        self.errors = errors
        lines = error_lines(errors[:SHOWN_ERRORS])
        if len(errors) > SHOWN_ERRORS:
            lines.append(_("… and %(count)d more errors.") % {"count": len(errors) - SHOWN_ERRORS})
        super().__init__({"file": lines})


def require_submit(actor: User) -> None:
    """PermissionDenied, audited as denied, unless ``actor`` may submit a batch (checked
    before anything else of the request is read)."""
    if not has_perm("screening.submit_batch", actor):
        refuse(
            actor=actor,
            action="screening.batch.submit",
            object_type="screening.batch",
            why=_("You are not allowed to do this."),
        )


def submit_batch(
    *,
    actor: User,
    kind: str,
    file_name: str,
    data: bytes,
    threshold: float | None = None,
) -> Batch:
    """Submit a batch file of the actor's agency for screening.

    The file is read and every row checked first (``reading.read_batch``); with any error
    nothing is written and ``BatchFileError`` (a ValidationError on ``file``) lists them
    all. Side effects, in one transaction: one Batch row (agency the actor's, status queued,
    the file's SHA-256, its counts), one ScreenedParty row per party row (with its
    ``party_key``) and one GoodsLine row per goods row, one audit entry
    ("screening.batch.submit": kind, counts, threshold; no names); once committed, the
    screening task (``tasks.screen_batch``) is enqueued. PermissionDenied, audited as denied,
    unless the actor may submit (``screening.submit_batch``); ValidationError naming the
    field for a bad kind or threshold.
    """
    require_submit(actor)
    errors: dict[str, list[str]] = {}
    if kind not in BatchKind.values:
        errors["kind"] = [_("Choose a kind of batch.")]
    if threshold is not None and not 0.0 <= threshold <= 1.0:
        errors["threshold"] = [_("A threshold is a score from 0 to 1.")]
    if errors:
        raise ValidationError(errors)
    content: BatchFile = read_batch(file_name, data)
    if content.errors:
        raise BatchFileError(content.errors)
    assert actor.agency_id is not None  # the permission asks for one
    batch = Batch(
        agency_id=actor.agency_id,
        submitted_by=actor,
        kind=kind,
        file_name=(file_name or "batch").rsplit("/", 1)[-1][:255],
        sha256=hashlib.sha256(data).hexdigest(),
        threshold=threshold,
        party_count=len(content.parties),
        line_count=len(content.lines),
    )
    batch.full_clean()
    with transaction.atomic():
        batch.save()
        ScreenedParty.objects.bulk_create(
            (
                ScreenedParty(
                    batch=batch,
                    row=party.row,
                    declaration=party.declaration,
                    role=party.role,
                    name=party.name,
                    kind=party.kind,
                    country=party.country,
                    birth_date=party.birth_date,
                    identifiers=list(party.identifiers),
                    party_key=party_key(party.name, party.birth_date, party.country),
                )
                for party in content.parties
            ),
            batch_size=BULK,
        )
        GoodsLine.objects.bulk_create(
            (
                GoodsLine(
                    batch=batch,
                    row=line.row,
                    declaration=line.declaration,
                    description=line.description,
                    tariff_code=line.tariff_code,
                    cas_numbers=list(line.cas_numbers),
                )
                for line in content.lines
            ),
            batch_size=BULK,
        )
        record(
            actor=actor,
            action="screening.batch.submit",
            obj=batch,
            changes={
                "kind": [None, kind],
                "parties": [None, batch.party_count],
                "goods_lines": [None, batch.line_count],
                "threshold": [None, threshold],
                "sha256": [None, batch.sha256],
            },
        )
        transaction.on_commit(lambda: _enqueue(batch.pk))
    return batch


def _enqueue(batch_id: int) -> None:
    from nonprolif.screening.batches.tasks import screen_batch

    screen_batch.enqueue(batch_id)
