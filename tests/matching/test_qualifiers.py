"""Qualifiers: date of birth with its tolerance, identifiers, country, kind; thresholds."""

import math
from datetime import date

import pytest

from nonprolif.matching.names import (
    BirthDate,
    Entry,
    Identifier,
    Kind,
    Name,
    NameIndex,
    Party,
    Thresholds,
    Weights,
    score_entry,
    screen,
)

ENTRY = Entry(
    "QDi.001",
    (Name("Juan Carlos Perez Lopez"),),
    Kind.PERSON,
    "un",
    "3",
    birth_dates=(BirthDate(1961, 4, 16), BirthDate(1962)),
    countries=("MX",),
    identifiers=(Identifier("passport", "G1234567", "MX"), Identifier("national_id", "PELJ610416")),
)
NAME = "Juan Perez Lopez"  # a name score below 1, so that qualifiers show


def _feature(party: Party, feature: str, entry: Entry = ENTRY) -> tuple[float, str, float]:
    match = score_entry(party, entry)
    found = next(f for f in match.explanation if f.name == feature)
    return found.contribution, found.detail, match.score


def _name_only() -> float:
    return score_entry(Party((NAME,)), ENTRY).score


@pytest.mark.parametrize(
    ("born", "sign", "words"),
    [
        (BirthDate(1961, 4, 16), 1, "same date of birth"),
        (BirthDate(1961), 1, "same year of birth"),
        (BirthDate(1960, 12, 1), 1, "within ±1 year"),
        (BirthDate(1963, 1, 1), 1, "within ±1 year"),  # one year from the entry's 1962
        (BirthDate(1961, 9, 1), 1, "same year of birth, another day"),
        (BirthDate(1958, 4, 16), -1, "3 years apart"),
        (BirthDate(1970), -1, "8 years apart"),
    ],
)
def test_date_of_birth_with_its_tolerance(born, sign, words):
    contribution, detail, score = _feature(Party((NAME,), birth_dates=(born,)), "birth_date")
    assert math.copysign(1, contribution) == sign
    assert contribution != 0
    assert words in detail
    assert (score > _name_only()) == (sign > 0)


def test_an_exact_date_weighs_more_than_a_year_more_than_the_tolerance():
    exact = _feature(Party((NAME,), birth_dates=(BirthDate.of(date(1961, 4, 16)),)), "birth_date")
    year = _feature(Party((NAME,), birth_dates=(BirthDate(1961),)), "birth_date")
    near = _feature(Party((NAME,), birth_dates=(BirthDate(1960, 1, 1),)), "birth_date")
    assert exact[0] > year[0] > near[0] > 0


def test_the_tolerance_is_a_setting():
    party = Party((NAME,), birth_dates=(BirthDate(1959),))
    assert score_entry(party, ENTRY).contribution("birth_date") < 0
    wide = score_entry(party, ENTRY, weights=Weights(birth_tolerance_years=3))
    assert wide.contribution("birth_date") > 0


def test_no_date_on_one_side_is_not_compared():
    contribution, detail, _ = _feature(Party((NAME,)), "birth_date")
    assert contribution == 0
    assert detail.startswith("not compared")


def test_birth_dates_parse_and_refuse_impossible_dates():
    assert BirthDate.parse("1961-04-16") == BirthDate(1961, 4, 16)
    assert BirthDate.parse("1961") == BirthDate(1961)
    assert str(BirthDate.parse("1961-4")) == "1961-04"
    for wrong in ("1961-02-30", "61", "1961-13", "16/04/1961"):
        with pytest.raises(ValueError):  # noqa: PT011  (the message names the input)
            BirthDate.parse(wrong)


def test_the_same_passport_is_strong_evidence():
    party = Party(("J. Perez",), identifiers=(Identifier("passport", "g 123-4567"),))
    contribution, detail, score = _feature(party, "identifier")
    name_alone = score_entry(Party(("J. Perez",)), ENTRY).score
    assert name_alone < 0.85 <= score  # below the default threshold without it, above with it
    assert math.isclose(contribution, 0.8 * (1 - name_alone))  # closes 80 % of the gap
    assert "same passport number" in detail


def test_a_vessel_found_by_its_imo_number_under_a_new_name():
    vessel = Entry(
        "KPe.001",
        (Name("Chon Ma San"),),
        Kind.VESSEL,
        "un",
        "1",
        identifiers=(Identifier("imo", "8660313"),),
    )
    imo = Identifier("imo", "IMO 8660313")
    party = Party(("Sea Breeze",), kind=Kind.VESSEL, identifiers=(imo,))
    index = NameIndex([vessel])
    assert index.candidates(party).positions == (0,)
    (match,) = screen(party, index, 0.5)
    assert match.contribution("identifier") > 0.5


def test_a_conflicting_identifier_is_counter_evidence():
    party = Party((NAME,), identifiers=(Identifier("passport", "G7654321", "MX"),))
    contribution, detail, score = _feature(party, "identifier")
    assert contribution < 0
    assert "differs" in detail
    assert score < _name_only()


def test_an_identifier_from_another_country_or_of_another_kind_is_not_a_conflict():
    other = Party((NAME,), identifiers=(Identifier("passport", "G7654321", "GT"),))
    assert _feature(other, "identifier")[0] == 0
    kind = Party((NAME,), identifiers=(Identifier("tax_id", "XYZ"),))
    assert _feature(kind, "identifier")[0] == 0


def test_countries_in_common_or_not():
    assert _feature(Party((NAME,), countries=("mx",)), "country")[0] > 0
    assert _feature(Party((NAME,), countries=("GT", "SV")), "country")[0] < 0


def test_a_person_against_a_vessel_is_counter_evidence():
    vessel = Entry("V1", (Name("Juan Perez"),), Kind.VESSEL)
    assert score_entry(Party(("Juan Perez",), kind=Kind.PERSON), vessel).score == 0.5
    assert score_entry(Party(("Juan Perez",)), vessel).score == 1.0


def test_thresholds_per_list():
    entries = [
        Entry("A", (Name("Juan Perez Lopez"),), source="un"),
        Entry("B", (Name("Juan Perez Lopez"),), source="csl"),
    ]
    index = NameIndex(entries)
    party = Party(("Juan Perez Lopes",))
    score = score_entry(party, entries[0]).score
    assert 0.85 < score < 1.0
    both = screen(party, index, Thresholds(default=0.85))
    assert [m.entry_id for m in both] == ["B", "A"]  # equal scores: by list, then id
    only_csl = screen(party, index, Thresholds(default=0.85, per_list={"un": 0.99}))
    assert [m.entry_id for m in only_csl] == ["B"]
    assert screen(party, index, 0.99) == ()
    with pytest.raises(ValueError, match="threshold"):
        Thresholds(default=1.5)
