"""factory_boy factories for the screening batches (batches, their parties and goods lines)
and the few list rows their tests screen against: ``listed`` puts an entry on a list (a
snapshot that adds it), ``controlled`` a control-list entry."""

import hashlib
import json
from pathlib import Path

import factory

from nonprolif.screening.batches.engine import party_key
from nonprolif.screening.lists.parsers import parse, parse_controls
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


FIXTURES = Path(__file__).resolve().parents[2] / "src/nonprolif/screening/fixtures"


def import_fixture(source: str, name: str, code: str | None = None) -> ListSnapshot:
    """A sample list of ``fixtures/lists`` read by its parser into the next snapshot of its
    list: entries added, changed (content before kept) or removed, as an import does."""
    parsed = parse(source, (FIXTURES / "lists" / name).read_bytes())
    snapshot = snapshot_of(code or source)
    current = {e.external_id: e for e in snapshot.watchlist.entries.filter(removed_in=None)}
    for item in parsed.entries:
        before = current.pop(item.external_id, None)
        if before is None:
            entry = ListEntry.objects.create(
                watchlist=snapshot.watchlist,
                external_id=item.external_id,
                kind=item.kind.value,
                name=item.names[0].text[:500],
                content=item.content(),
                version=item.version,
                first_snapshot=snapshot,
                changed_in=snapshot,
            )
            EntryChange.objects.create(
                snapshot=snapshot, entry=entry, change=ChangeKind.ADDED, new_version=item.version
            )
        elif before.version != item.version:
            EntryChange.objects.create(
                snapshot=snapshot,
                entry=before,
                change=ChangeKind.CHANGED,
                old_version=before.version,
                new_version=item.version,
                previous_content=before.content,
            )
            before.content, before.version, before.changed_in = (
                item.content(),
                item.version,
                snapshot,
            )
            before.save()
    for gone in current.values():
        gone.removed_in = snapshot
        gone.save()
        EntryChange.objects.create(
            snapshot=snapshot, entry=gone, change=ChangeKind.REMOVED, old_version=gone.version
        )
    return snapshot


def import_controls() -> int:
    """The Australia Group sample as control-list rows; how many."""
    entries = parse_controls((FIXTURES / "controls/australia-group-precursors.csv").read_bytes())
    ControlListEntry.objects.bulk_create(
        ControlListEntry(
            regime=e.regime,
            code=e.code,
            description_en=e.description_en,
            description_es=e.description_es,
            cas_numbers=list(e.cas_numbers),
            hs6=list(e.hs6),
            tariff_fractions=list(e.tariff_fractions),
            keywords_en=list(e.keywords_en),
            keywords_es=list(e.keywords_es),
        )
        for e in entries
    )
    return len(entries)
