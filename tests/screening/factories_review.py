"""Factories of the review's tests: the lists, batches, parties, goods lines and alerts an
alert needs, written directly (the import and screening services have their own tests)."""

import factory

from nonprolif.core.roles import Role
from nonprolif.screening.models import (
    Alert,
    BatchStatus,
    ControlListEntry,
    EntryKind,
    ListEntry,
    Regime,
)
from tests.factories import UserFactory
from tests.screening.factories_batches import BatchFactory, GoodsLineFactory, ScreenedPartyFactory
from tests.screening.factories_lists import ListSnapshotFactory, WatchlistFactory

EXPLANATION = [
    {"feature": "name", "contribution": 0.82, "detail": "ACME TRADING ~ ACME TRADING CO"},
    {"feature": "country", "contribution": 0.054, "detail": "IR on both"},
    {"feature": "birth_date", "contribution": 0.036, "detail": "1970 on both"},
]
SCORE = 0.91


def entry_content(external_id: str, name: str) -> dict:
    """An entry's content as ``ParsedEntry.content()`` writes it."""
    return {
        "external_id": external_id,
        "kind": "entity",
        "names": [
            {"text": name, "quality": "strong"},
            {"text": f"{name} LLC", "quality": "weak"},
        ],
        "birth_dates": ["1970"],
        "countries": ["IR"],
        "identifiers": [{"kind": "registration", "number": "R-1234", "country": "IR"}],
        "programmes": ["IRAN"],
        "listed_on": "2008-03-03",
        "remarks": "",
    }


class WatchlistForReviewFactory(WatchlistFactory):
    code = factory.Sequence(lambda n: f"list{n}")


class ListSnapshotForReviewFactory(ListSnapshotFactory):
    watchlist = factory.SubFactory(WatchlistForReviewFactory)


class ListEntryForReviewFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ListEntry

    watchlist = factory.SubFactory(WatchlistForReviewFactory)
    external_id = factory.Sequence(lambda n: f"QDe.{n:03d}")
    kind = EntryKind.ENTITY
    name = factory.Sequence(lambda n: f"ACME TRADING {n}")
    content = factory.LazyAttribute(lambda o: entry_content(o.external_id, o.name))
    version = factory.Sequence(lambda n: f"{n:016x}")
    first_snapshot = factory.SubFactory(
        ListSnapshotForReviewFactory, watchlist=factory.SelfAttribute("..watchlist")
    )
    changed_in = factory.SelfAttribute("first_snapshot")


class ControlListEntryForReviewFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ControlListEntry

    regime = Regime.AG
    code = factory.Sequence(lambda n: f"1C{350 + n}")
    description_es = "Precursores de armas químicas"
    description_en = "Chemical weapons precursors"
    cas_numbers = ["7719-12-2"]


class BatchForReviewFactory(BatchFactory):
    submitted_by = factory.LazyAttribute(
        lambda o: UserFactory(agency=o.agency, roles=[Role.LIAISON])
    )
    file_name = "customs.csv"
    status = BatchStatus.DONE


class ScreenedPartyForReviewFactory(ScreenedPartyFactory):
    batch = factory.SubFactory(BatchForReviewFactory)
    declaration = factory.Sequence(lambda n: f"09 47 3003 {n:07d}")
    name = factory.Sequence(lambda n: f"Acme Trading Co {n}")
    kind = "entity"
    country = "IR"
    identifiers = [{"kind": "registration", "number": "R-1234", "country": "IR"}]
    party_key = factory.Sequence(lambda n: f"acme-trading-co-{n}|ir")


class GoodsLineForReviewFactory(GoodsLineFactory):
    batch = factory.SubFactory(BatchForReviewFactory)
    declaration = factory.Sequence(lambda n: f"09 47 3003 {n:07d}")
    description = "Tricloruro de fósforo, 200 kg"
    tariff_code = "28121001"
    cas_numbers = ["7719-12-2"]


class AlertForReviewFactory(factory.django.DjangoModelFactory):
    """A party's alert (``batch__agency=`` routes it)."""

    class Meta:
        model = Alert

    batch = factory.SubFactory(BatchForReviewFactory)
    agency = factory.SelfAttribute("batch.agency")
    party = factory.SubFactory(
        ScreenedPartyForReviewFactory, batch=factory.SelfAttribute("..batch")
    )
    entry = factory.SubFactory(ListEntryForReviewFactory)
    entry_version = factory.SelfAttribute("entry.version")
    score = SCORE
    explanation = factory.LazyFunction(lambda: [dict(item) for item in EXPLANATION])
    query_name = factory.SelfAttribute("party.name")
    entry_name = factory.SelfAttribute("entry.name")


class GoodsAlertForReviewFactory(factory.django.DjangoModelFactory):
    """A goods line's alert."""

    class Meta:
        model = Alert

    batch = factory.SubFactory(BatchForReviewFactory)
    agency = factory.SelfAttribute("batch.agency")
    line = factory.SubFactory(GoodsLineForReviewFactory, batch=factory.SelfAttribute("..batch"))
    control_entry = factory.SubFactory(ControlListEntryForReviewFactory)
    score = 0.95
    explanation = factory.LazyFunction(
        lambda: [
            {"feature": "cas", "contribution": 0.9, "detail": "7719-12-2 declared"},
            {"feature": "fraction", "contribution": 0.05, "detail": "2812.10.01"},
        ]
    )
    query_name = factory.SelfAttribute("line.description")
    entry_name = factory.SelfAttribute("control_entry.description_en")
