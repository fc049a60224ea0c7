"""The screen's bounds: never below the score, so setting a candidate aside never drops a match
(the matches, scores and explanations are those of scoring every candidate)."""

import random

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from nonprolif.matching.names import (
    DEFAULT_THRESHOLDS,
    DEFAULT_WEIGHTS,
    Entry,
    Kind,
    Name,
    NameIndex,
    Party,
    compare_tokens,
    normalise,
    score_entry,
    screen,
)
from nonprolif.matching.names.bound import BoundTable
from nonprolif.matching.names.compare import score_bound
from nonprolif.matching.names.screen import best_possible

from .conftest import generated_list

token = st.sampled_from(
    ["juan", "jose", "perez", "pere", "z", "j", "mohammed", "muhammad", "abdul", "rahman",
     "abdulrahman", "de", "la", "al", "kim", "jong", "un", "jongun", "vasquez", "basques", "x"]
) | st.text(alphabet="abcdehijklmnorsuz", min_size=1, max_size=9)  # fmt: skip
name = st.lists(token, min_size=1, max_size=5).map(tuple)


@settings(max_examples=400, deadline=None)
@given(name, name)
def test_the_bound_is_never_below_the_score(query, entry):
    score = compare_tokens(query, entry).score
    assert score_bound(query, entry) >= score - 1e-9


@settings(max_examples=200, deadline=None)
@given(name, st.lists(st.lists(name, min_size=1, max_size=3), min_size=1, max_size=8))
def test_the_table_gives_the_pairwise_bound(query, entries):
    names = [tuple(normalise(" ".join(n)) for n in entry) for entry in entries]
    names = [tuple(n for n in entry if n.tokens) or entry for entry in names]
    table = BoundTable(names)
    rows, _, _ = table.rows_of(range(len(names)))
    found = table.bounds(query, rows)
    flat = [n.tokens for entry in names for n in entry]
    expected = np.array([score_bound(query, tokens) for tokens in flat])
    assert np.allclose(found, expected, atol=1e-9)


def _every_candidate(party, index):
    names = index.query_names(party)
    found = []
    for position in index.candidates(party).positions:
        entry = index.entries[position]
        match = score_entry(party, entry, entry_names=index.names[position], party_names=names)
        if match.score >= DEFAULT_THRESHOLDS.default:
            found.append(match)
    return tuple(sorted(found, key=lambda m: (-m.score, m.source, m.entry_id)))


@pytest.fixture(scope="module")
def small_index():
    return NameIndex(generated_list(3_000, seed=4))


def test_the_screen_finds_what_scoring_every_candidate_finds(small_index):
    rng = random.Random(2)
    entries = small_index.entries
    for position in rng.sample(range(len(entries)), 150):
        words = entries[position].names[0].text.split()
        rng.shuffle(words)
        if rng.random() < 0.5:
            cut = rng.randrange(len(words))
            words[cut] = words[cut][:-1] + "q"
        written = " ".join(words[: rng.choice((len(words), max(2, len(words) - 1)))])
        party = Party((written,), birth_dates=entries[position].birth_dates)
        assert screen(party, small_index) == _every_candidate(party, small_index)


def test_the_evidence_moves_a_candidate_s_ceiling():
    entry = Entry("E", (Name("Ana Ruiz"),), Kind.PERSON, countries=("MX",))
    bare = Party(("Ana Ruiz",))
    placed = Party(("Ana Ruiz",), countries=("MX",))
    assert best_possible(bare, entry, 0.5, DEFAULT_WEIGHTS) == 0.5
    assert best_possible(placed, entry, 0.5, DEFAULT_WEIGHTS) == pytest.approx(0.55)
    elsewhere = Party(("Ana Ruiz",), countries=("US",))
    assert best_possible(elsewhere, entry, 0.5, DEFAULT_WEIGHTS) == pytest.approx(0.425)
