"""The blocking index: never misses an exact or reordered name, and hands a query a few dozen
entries of a 10,000-entry list, never the list."""

import random
import statistics

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from nonprolif.matching.names import Entry, Identifier, Kind, Name, NameIndex, Party, screen

SAMPLE = 300


@pytest.fixture(scope="module")
def index(ten_thousand):
    return NameIndex(ten_thousand)


def _typo(name: str, rng: random.Random) -> str:
    words = name.split()
    last = list(words[-1])
    last[rng.randrange(1, len(last))] = "x"
    return " ".join([*words[:-1], "".join(last)])


def test_an_exact_or_reordered_name_is_always_a_candidate_of_few(index, ten_thousand):
    rng = random.Random(5)
    counts = []
    for position in rng.sample(range(len(ten_thousand)), SAMPLE):
        words = ten_thousand[position].names[0].text.split()
        shuffled = words[:]
        rng.shuffle(shuffled)
        for written in (" ".join(words), " ".join(shuffled), " ".join(words).upper()):
            found = index.candidates(Party((written,)))
            assert position in found.positions, written
            counts.append(len(found.positions))
    # A few dozen candidates out of 10,000 (measured: about 35 on average, 51 at most).
    assert max(counts) <= index.limit + 5
    assert statistics.mean(counts) < 0.01 * len(ten_thousand)


def test_a_misspelt_name_is_found_through_its_trigrams(index, ten_thousand):
    rng = random.Random(8)
    sample = rng.sample(range(len(ten_thousand)), SAMPLE)
    found = 0
    for position in sample:
        written = _typo(ten_thousand[position].names[0].text, rng)
        found += position in index.candidates(Party((written,))).positions
    assert found / SAMPLE >= 0.95


@settings(max_examples=50, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.data())
def test_blocking_never_misses_an_exact_or_reordered_name(index, ten_thousand, data):
    position = data.draw(st.integers(0, len(ten_thousand) - 1))
    words = ten_thousand[position].names[0].text.split()
    order = data.draw(st.permutations(words))
    assert position in index.candidates(Party((" ".join(order),))).positions
    (best, *_) = screen(Party((" ".join(order),)), index, 0.99)
    assert best.score == 1.0


def test_identifiers_and_every_name_of_an_entry_are_filed():
    entries = [
        Entry(
            "V1",
            (Name("Chon Ma San"), Name("천마산")),
            Kind.VESSEL,
            identifiers=(Identifier("imo", "8660313"),),
        ),
        Entry("V2", (Name("Ocean Maple"),), Kind.VESSEL),
    ]
    index = NameIndex(entries)
    assert index.candidates(Party(("천마산",))).positions == (0,)
    assert index.candidates(
        Party(("Nameless",), identifiers=(Identifier("imo", "8660313"),))
    ).positions == (0,)
    assert index.candidates(Party(("Nameless",))).positions == ()
    assert len(index) == 2
    assert index.key_count > 10


def test_a_key_too_common_is_skipped_but_the_exact_key_is_not():
    entries = [
        Entry(
            f"E{i}",
            (
                Name(
                    f"Juan {chr(97 + i % 26)}{i}",
                ),
            ),
        )
        for i in range(300)
    ]
    entries.append(Entry("X", (Name("Juan"),)))
    index = NameIndex(entries, max_share=0.01)
    found = index.candidates(Party(("Juan",)))
    assert found.keys_skipped >= 1
    assert 300 in found.positions
    assert len(found.positions) <= index.limit + 1
