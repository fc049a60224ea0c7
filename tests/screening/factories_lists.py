"""factory_boy factories for the screening lists: watchlists, their snapshots and entries, and
the control-list entries. An entry's ``content`` has the shape ``ParsedEntry.content()`` gives
and its ``version`` is a hash of it."""

import hashlib
import json

import factory

from nonprolif.screening.models import (
    ControlListEntry,
    EntryKind,
    ListEntry,
    ListSnapshot,
    ListSource,
    Regime,
    Watchlist,
)


def entry_content(external_id: str, name: str, kind: str = EntryKind.PERSON, **fields) -> dict:
    """A list entry's content, as the parsers write it."""
    return {
        "external_id": external_id,
        "kind": str(kind),
        "names": [{"text": name, "quality": "strong"}],
        "birth_dates": [],
        "countries": [],
        "identifiers": [],
        "programmes": [],
        "listed_on": None,
        "remarks": "",
        **fields,
    }


def content_version(content: dict) -> str:
    canonical = json.dumps(content, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()[:16]


class WatchlistFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Watchlist
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"list-{n}")
    source = ListSource.CSV
    name_es = factory.LazyAttribute(lambda o: f"Lista {o.code}")
    name_en = factory.LazyAttribute(lambda o: f"List {o.code}")


class ListSnapshotFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ListSnapshot

    watchlist = factory.SubFactory(WatchlistFactory)
    number = factory.Sequence(lambda n: n + 1)
    file_name = factory.LazyAttribute(lambda o: f"{o.watchlist.code}-{o.number}.csv")
    sha256 = factory.Sequence(lambda n: hashlib.sha256(f"file {n}".encode()).hexdigest())


class ListEntryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ListEntry

    first_snapshot = factory.SubFactory(ListSnapshotFactory)
    watchlist = factory.LazyAttribute(lambda o: o.first_snapshot.watchlist)
    changed_in = factory.LazyAttribute(lambda o: o.first_snapshot)
    external_id = factory.Sequence(lambda n: f"REF-{n:05d}")
    kind = EntryKind.PERSON
    name = factory.Sequence(lambda n: f"Persona Ficticia {n}")
    content = factory.LazyAttribute(lambda o: entry_content(o.external_id, o.name, o.kind))
    version = factory.LazyAttribute(lambda o: content_version(o.content))


class ControlListEntryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ControlListEntry

    regime = Regime.AG
    code = factory.Sequence(lambda n: f"1C350.{n}")
    description_en = factory.Sequence(lambda n: f"Precursor chemical {n}")
    description_es = factory.Sequence(lambda n: f"Precursor químico {n}")
    cas_numbers = factory.LazyFunction(list)
