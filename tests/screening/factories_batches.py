"""factory_boy factories for the screening batches (batches, their parties and goods lines)
and the few list rows their tests screen against: ``listed`` puts an entry on a list (a
snapshot that adds it), ``controlled`` a control-list entry."""

import hashlib
import json

import factory

from nonprolif.screening.batches.engine import party_key
from nonprolif.screening.models import (
    Batch,
    BatchKind,
    ChangeKind,
    ControlListEntry,
    EntryChange,
    GoodsLine,
    ListEntry,
    ListSnapshot,
    ListSource,
    PartyRole,
    ScreenedParty,
    Watchlist,
)
from tests.factories import AgencyFactory, UserFactory


class BatchFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Batch

    agency = factory.SubFactory(AgencyFactory)
    submitted_by = factory.SubFactory(UserFactory, agency=factory.SelfAttribute("..agency"))
    kind = BatchKind.DECLARATIONS
    file_name = "batch.csv"
    sha256 = factory.Sequence(lambda n: hashlib.sha256(f"batch {n}".encode()).hexdigest())


class ScreenedPartyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ScreenedParty

    batch = factory.SubFactory(BatchFactory)
    row = factory.Sequence(lambda n: n + 2)
    declaration = factory.Sequence(lambda n: f"09-{n:06d}")
    role = PartyRole.IMPORTER
    name = factory.Sequence(lambda n: f"Importadora Ficticia {n}")
    kind = ""
    country = ""
    birth_date = ""
    party_key = factory.LazyAttribute(lambda o: party_key(o.name, o.birth_date, o.country))


class GoodsLineFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = GoodsLine

    batch = factory.SubFactory(BatchFactory)
    row = factory.Sequence(lambda n: n + 2)
    declaration = factory.Sequence(lambda n: f"09-{n:06d}")
    description = "Tornillos de acero"


def content_of(external_id: str, names: list[str], kind: str = "person", **fields) -> dict:
    """A list entry's content as ``ParsedEntry.content()`` writes it."""
    return {
        "external_id": external_id,
        "kind": kind,
        "names": [{"text": name, "quality": "strong"} for name in names],
        "birth_dates": [],
        "countries": [],
        "identifiers": [],
        "programmes": [],
        "listed_on": None,
        "remarks": "",
        **fields,
    }


def version_of(content: dict) -> str:
    canonical = json.dumps(content, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()[:16]


def snapshot_of(code: str = "un", *, threshold: float = 0.85) -> ListSnapshot:
    """The next snapshot of the list ``code`` (created with its first)."""
    watchlist, _ = Watchlist.objects.get_or_create(
        code=code,
        defaults={
            "source": ListSource.UN if code == "un" else ListSource.CSV,
            "name_es": f"Lista {code}",
            "name_en": f"List {code}",
            "threshold": threshold,
        },
    )
    number = watchlist.snapshots.count() + 1
    return ListSnapshot.objects.create(
        watchlist=watchlist,
        number=number,
        file_name=f"{code}-{number}.xml",
        sha256=hashlib.sha256(f"{code} {number}".encode()).hexdigest(),
    )


def listed(
    external_id: str,
    *names: str,
    snapshot: ListSnapshot | None = None,
    kind: str = "person",
    **fields,
) -> ListEntry:
    """An entry added to a list by ``snapshot`` (a new snapshot of the UN list by default)."""
    snapshot = snapshot or snapshot_of()
    content = content_of(external_id, list(names), kind, **fields)
    entry = ListEntry.objects.create(
        watchlist=snapshot.watchlist,
        external_id=external_id,
        kind=kind,
        name=names[0],
        content=content,
        version=version_of(content),
        first_snapshot=snapshot,
        changed_in=snapshot,
    )
    EntryChange.objects.create(
        snapshot=snapshot, entry=entry, change=ChangeKind.ADDED, new_version=entry.version
    )
    return entry


def change(entry: ListEntry, snapshot: ListSnapshot, **fields) -> ListEntry:
    """``entry`` changed by ``snapshot`` (its content's ``fields`` replaced)."""
    before = entry.content
    content = {**before, **fields}
    old = entry.version
    entry.content, entry.version, entry.changed_in = content, version_of(content), snapshot
    entry.save()
    EntryChange.objects.create(
        snapshot=snapshot,
        entry=entry,
        change=ChangeKind.CHANGED,
        old_version=old,
        new_version=entry.version,
        previous_content=before,
    )
    return entry


def controlled(code: str, **fields) -> ControlListEntry:
    """A control-list entry of the Australia Group."""
    values = {"regime": "AG", "code": code, "description_en": f"Chemical {code}", **fields}
    return ControlListEntry.objects.create(**values)
