"""The split of a batch for task workers, and IMO numbers counted only when they verify."""

import pytest

from nonprolif.matching.names import (
    Entry,
    Identifier,
    Kind,
    Name,
    NameIndex,
    Party,
    chunks,
    chunks_for,
    imo_check_digit_ok,
    score_entry,
    screen,
)


def test_chunks_cover_every_position_once_in_order():
    found = chunks(10, 4)
    assert found == (range(0, 4), range(4, 8), range(8, 10))
    assert [i for part in found for i in part] == list(range(10))
    assert chunks(0, 3) == ()
    assert chunks(3, 5) == (range(0, 3),)
    assert chunks(1_000_001, 50_000) == chunks(1_000_001, 50_000)  # the same split every time


@pytest.mark.parametrize(("n_items", "size"), [(-1, 5), (5, 0)])
def test_chunks_refuse_a_negative_count_or_an_empty_chunk(n_items, size):
    with pytest.raises(ValueError, match="not"):
        chunks(n_items, size)


def test_chunks_for_workers_gives_about_four_ranges_each_never_tiny():
    parts = chunks_for(1_000_000, 8)
    assert len(parts) == 32
    assert sum(len(p) for p in parts) == 1_000_000
    assert chunks_for(700, 8) == (range(0, 500), range(500, 700))
    with pytest.raises(ValueError, match="worker"):
        chunks_for(10, 0)


@pytest.mark.parametrize(
    ("number", "valid"),
    [("9176187", True), ("8660313", True), ("9074729", True), ("9176186", False),
     ("917618", False), ("91761870", False), ("91A6187", False)],
)  # fmt: skip
def test_the_imo_check_digit(number, valid):
    assert imo_check_digit_ok(number) is valid


def _vessel(imo: str) -> Entry:
    return Entry("V1", (Name("Chon Ma San"),), Kind.VESSEL, "un", "1",
                 identifiers=(Identifier("imo", imo),))  # fmt: skip


def _imo_feature(party_imo: str, entry_imo: str):
    party = Party(("Sea Breeze",), kind=Kind.VESSEL, identifiers=(Identifier("imo", party_imo),))
    match = score_entry(party, _vessel(entry_imo))
    (feature,) = [f for f in match.explanation if f.name == "identifier"]
    return feature


def test_an_imo_number_that_verifies_is_strong_evidence():
    feature = _imo_feature("IMO 8660313", "8660313")
    assert feature.contribution > 0.5
    assert "same imo number" in feature.detail


def test_an_imo_number_whose_check_digit_fails_is_not_counted_and_is_reported():
    feature = _imo_feature("IMO 8660314", "8660314")  # the same wrong number
    assert feature.contribution == 0
    assert "8660314" in feature.detail
    assert "fails its check digit" in feature.detail
    index = NameIndex([_vessel("8660314")])
    party = Party(("Sea Breeze",), kind=Kind.VESSEL, identifiers=(Identifier("imo", "8660314"),))
    assert screen(party, index, 0.5) == ()


def test_a_wrong_imo_number_is_no_counter_evidence_either():
    feature = _imo_feature("9176186", "8660313")
    assert feature.contribution == 0
    assert "9176186" in feature.detail
    feature = _imo_feature("9176187", "8660313")  # both verify and differ
    assert feature.contribution < 0
