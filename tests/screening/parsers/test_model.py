"""ParsedEntry: canonical once built, its content round trip, its version."""

from datetime import date

import pytest

from nonprolif.matching.names import BirthDate, Entry, Identifier, Kind, Name, Quality
from nonprolif.screening.lists.parsers import SOURCES, ListFormatError, ParsedEntry, parse

from .conftest import SAMPLES, sample


def an_entry(**changes) -> ParsedEntry:
    fields = {
        "external_id": "KPi.033",
        "kind": Kind.PERSON,
        "names": (Name("KIM IL"), Name("김일"), Name("Kim Il-Song", Quality.WEAK)),
        "birth_dates": (BirthDate(1960, 5, 1), BirthDate(1958)),
        "countries": ("KP", "CN"),
        "identifiers": (Identifier("passport", "12345", "KP"),),
        "programmes": ("DPRK",),
        "listed_on": date(2009, 7, 16),
        "remarks": "An official.",
    }
    fields.update(changes)
    return ParsedEntry(**fields)


def test_an_entry_is_canonical_order_aside_from_its_names():
    entry = an_entry(countries=("kp", "CN", "KP"), programmes=("DPRK", "Iran", "DPRK"))
    assert entry.countries == ("CN", "KP")
    assert entry.programmes == ("DPRK", "Iran")
    assert entry.birth_dates == (BirthDate(1958), BirthDate(1960, 5, 1))
    assert [n.text for n in entry.names] == ["KIM IL", "김일", "Kim Il-Song"]


def test_a_name_given_strong_and_weak_stays_strong_once():
    entry = an_entry(names=(Name("ALI", Quality.WEAK), Name(" ALI "), Name("ALI", Quality.WEAK)))
    assert entry.names == (Name("ALI", Quality.STRONG),)


def test_content_round_trips():
    entry = an_entry()
    assert ParsedEntry.from_content(entry.content()) == entry
    assert ParsedEntry.from_content(entry.content()).version == entry.version


@pytest.mark.parametrize("source", SOURCES)
def test_every_sample_entry_round_trips_and_reparses_to_the_same_version(source):
    first = parse(source, sample(SAMPLES[source]))
    again = parse(source, sample(SAMPLES[source]))
    for entry, twin in zip(first.entries, again.entries, strict=True):
        assert ParsedEntry.from_content(entry.content()) == entry
        assert entry.version == twin.version


def test_version_is_16_hex_digits_and_changes_with_any_field():
    entry = an_entry()
    assert len(entry.version) == 16
    int(entry.version, 16)
    changed = [
        an_entry(names=(Name("KIM IL"),)),
        an_entry(names=(Name("KIM IL"), Name("김일"), Name("Kim Il-Song"))),
        an_entry(birth_dates=(BirthDate(1960, 5, 2),)),
        an_entry(countries=("KP",)),
        an_entry(identifiers=(Identifier("passport", "12346", "KP"),)),
        an_entry(programmes=("Iran",)),
        an_entry(listed_on=None),
        an_entry(remarks="Another."),
        an_entry(kind=Kind.ENTITY),
    ]
    versions = {entry.version, *(c.version for c in changed)}
    assert len(versions) == len(changed) + 1


def test_version_ignores_what_is_not_content():
    assert an_entry(countries=("CN", "KP")).version == an_entry(countries=("KP", "cn")).version


def test_to_entry_gives_the_engine_entry():
    entry = an_entry()
    engine = entry.to_entry("un")
    assert isinstance(engine, Entry)
    assert (engine.id, engine.source, engine.version) == ("KPi.033", "un", entry.version)
    assert engine.names == entry.names
    assert engine.countries == ("CN", "KP")


def test_an_entry_without_a_name_or_reference_is_refused():
    with pytest.raises(ListFormatError) as refused:
        an_entry(names=(Name("  "),))
    assert refused.value.location == "entry KPi.033"
    with pytest.raises(ListFormatError):
        an_entry(external_id=" ")


def test_an_unknown_identifier_kind_is_refused():
    with pytest.raises(ListFormatError, match="identifier kind"):
        an_entry(identifiers=(Identifier("licence", "1"),))


def test_an_unknown_source_is_refused():
    with pytest.raises(ListFormatError) as refused:
        parse("interpol", b"")
    assert refused.value.location == "source"
