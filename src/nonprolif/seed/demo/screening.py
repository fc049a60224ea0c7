"""The screening demo: the sample lists imported, the Australia Group precursors loaded, and
the Customs batch of 2009 screened.

The document's ``screening`` section names them (files of ``screening/fixtures/``), who
imports the lists and loads the control list (a coordinator's login), and who submits each
batch (a liaison's login). It goes through the product's own services, so every row is what
an import or a submission writes, with its audit entries. The batch is screened at once, in
this process, chunk by chunk, as the workers would.
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

from nonprolif.core.models import User
from nonprolif.screening.batches.domain import submit_batch
from nonprolif.screening.batches.tasks import batch_chunks, screen_chunk
from nonprolif.screening.lists.domain import import_list, load_controls
from nonprolif.screening.models import Batch, ControlListEntry, ListSnapshot
from nonprolif.seed.loader.checks import check_entry, fail
from nonprolif.seed.loader.result import SeedResult

FIXTURES = Path(__file__).resolve().parent.parent.parent / "screening" / "fixtures"
SCREENING_KEYS = {"by", "lists", "controls", "batches"}


def _read(name: str, where: str) -> bytes:
    path = FIXTURES / name
    if not path.is_file():
        fail(where, f"no sample file “{name}” in screening/fixtures")
    return path.read_bytes()


def _login(username: str, where: str) -> User:
    user = User.objects.filter(username=username).first()
    if user is None:
        fail(where, f"the demo login “{username}” is missing (it is in the document's logins)")
    return user


def load_demo_screening(spec: dict[str, Any], *, result: SeedResult) -> None:
    """Import each list file not imported yet (by its SHA-256), load the control list when it
    is empty, and submit and screen each batch its login's agency has not submitted yet (by
    the file's SHA-256). Running it twice changes nothing.

    Side effects: what ``import_list``, ``load_controls``, ``submit_batch`` and the screening
    chunks write (snapshots, entries, changes; control-list entries; the batch, its parties,
    goods lines and alerts), each with its audit entries.
    """
    check_entry(spec, "screening", SCREENING_KEYS)
    coordinator = _login(spec["by"], "screening.by")
    for i, item in enumerate(spec["lists"]):
        where = f"screening.lists[{i}]"
        check_entry(item, where, {"source", "file"})
        data = _read(item["file"], where)
        if ListSnapshot.objects.filter(sha256=hashlib.sha256(data).hexdigest()).exists():
            continue
        import_list(source=item["source"], data=data, file_name=item["file"], actor=coordinator)
        result.created["screening.listsnapshot"] += 1
    if not ControlListEntry.objects.exists():
        counts = load_controls(
            data=_read(spec["controls"], "screening.controls"), actor=coordinator
        )
        result.created["screening.controllistentry"] += sum(counts.values())
    for i, item in enumerate(spec["batches"]):
        where = f"screening.batches[{i}]"
        check_entry(item, where, {"file", "by", "kind"})
        user = _login(item["by"], f"{where}.by")
        data = _read(item["file"], where)
        digest = hashlib.sha256(data).hexdigest()
        if Batch.objects.filter(agency=user.agency, sha256=digest).exists():
            continue
        batch = submit_batch(
            actor=user, kind=item["kind"], file_name=Path(item["file"]).name, data=data
        )
        for start, stop in batch_chunks(batch):
            screen_chunk.call(batch.pk, start, stop)
        result.created["screening.batch"] += 1
