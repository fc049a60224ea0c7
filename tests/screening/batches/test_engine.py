"""The bridge to the engine: party keys, entries and parties converted, the cached index."""

from nonprolif.matching.names import Kind
from nonprolif.screening.batches import engine
from nonprolif.screening.models import Watchlist
from tests.screening.factories_batches import (
    BatchFactory,
    ScreenedPartyFactory,
    listed,
    snapshot_of,
)


def test_the_same_party_has_the_same_key_whatever_its_spelling_order_and_case():
    key = engine.party_key("María  GARCÍA-López", "1965-04-12", "mx")
    assert key == engine.party_key("lopez garcia maria", "1965-04-12", "MX")
    assert len(key) == 64


def test_another_name_date_or_country_is_another_party():
    key = engine.party_key("María García López", "1965-04-12", "MX")
    assert key != engine.party_key("María García", "1965-04-12", "MX")
    assert key != engine.party_key("María García López", "1965", "MX")
    assert key != engine.party_key("María García López", "1965-04-12", "ES")


def test_an_entry_row_becomes_the_engines_entry_named_by_its_pk(un_list):
    _snapshot, person, _company = un_list
    entry = engine.entry_for(person)
    assert (entry.id, entry.source, entry.version) == (str(person.pk), "un", person.version)
    assert [n.text for n in entry.names] == ["Иван Петрович Сидоров", "Ivan Petrovich Sidorov"]
    assert str(entry.birth_dates[0]) == "1960-03-02"
    assert entry.countries == ("RU",)


def test_a_party_row_becomes_the_engines_party(db):
    row = ScreenedPartyFactory(
        name="Ana Ruiz",
        kind="person",
        country="MX",
        birth_date="1970-05",
        identifiers=[{"kind": "passport", "number": "G1", "country": "MX"}],
    )
    party = engine.party_for(row)
    assert party.names == ("Ana Ruiz",)
    assert party.kind is Kind.PERSON
    assert str(party.birth_dates[0]) == "1970-05"
    assert party.identifiers[0].number == "G1"
    assert engine.party_for(ScreenedPartyFactory(name="X", kind="")).kind is None


def test_the_index_is_built_once_and_again_after_an_import(un_list):
    first = engine.current_index()
    assert len(first) == 2
    assert engine.current_index() is first
    listed("KPi.003", "Kim Chol Su", snapshot=snapshot_of("un"))
    second = engine.current_index()
    assert second is not first
    assert len(second) == 3


def test_a_removed_entry_leaves_the_index(un_list):
    _snapshot, person, _company = un_list
    assert len(engine.current_index()) == 2
    person.removed_in = snapshot_of("un")
    person.save()
    assert [e.id for e in engine.current_index().entries] == [str(un_list[2].pk)]


def test_a_batch_threshold_overrides_each_lists_own(un_list, db):
    Watchlist.objects.filter(code="un").update(threshold=0.9)
    assert engine.thresholds(BatchFactory(threshold=None)).for_list("un") == 0.9
    assert engine.thresholds(BatchFactory(threshold=0.7)).for_list("un") == 0.7


def test_the_goods_index_is_rebuilt_when_a_control_entry_changes(thionyl):
    first = engine.goods_index()
    assert engine.goods_index() is first
    thionyl.keywords_en = ["thionyl chloride", "sulfurous oxychloride"]
    thionyl.save()
    assert engine.goods_index() is not first
