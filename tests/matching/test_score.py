"""Name scores: properties (hypothesis) and the explanation that accounts for every score."""

import math

from anyascii import anyascii
from hypothesis import given, settings
from hypothesis import strategies as st

from nonprolif.matching.names import (
    BirthDate,
    Entry,
    Identifier,
    Kind,
    Name,
    Party,
    Quality,
    compare_tokens,
    normalise,
    score_entry,
    token_similarity,
)
from nonprolif.matching.names.legal import LATIN_FORMS

FORM_WORDS = {word for form in LATIN_FORMS for word in form}

latin_token = st.text(alphabet="abcdefghijklmnopqrstuvwxyz", min_size=3, max_size=10).filter(
    lambda token: token not in FORM_WORDS
)
latin_name = st.lists(latin_token, min_size=1, max_size=5)


def _script_word(low: int, high: int, size: tuple[int, int]) -> st.SearchStrategy[str]:
    return st.text(
        alphabet=st.characters(min_codepoint=low, max_codepoint=high),
        min_size=size[0],
        max_size=size[1],
    )


cyrillic = st.lists(_script_word(0x0430, 0x044F, (2, 9)), min_size=1, max_size=4)
arabic = st.lists(_script_word(0x0628, 0x064A, (2, 7)), min_size=1, max_size=4).filter(
    lambda words: all(normalise(w).tokens for w in words)
)
hangul = st.lists(_script_word(0xAC00, 0xD7A3, (2, 4)), min_size=1, max_size=2)
chinese = st.lists(_script_word(0x4E00, 0x9FA5, (2, 4)), min_size=1, max_size=2)
kinds = st.sampled_from(list(Kind))


def _entry(text: str, kind: Kind = Kind.PERSON, **qualifiers: object) -> Entry:
    return Entry("E1", (Name(text),), kind, "un", "1", **qualifiers)


def _accounts(match) -> bool:
    return math.isclose(sum(f.contribution for f in match.explanation), match.score, abs_tol=1e-9)


@given(latin_name, kinds)
def test_a_name_matches_itself_with_score_one(words, kind):
    text = " ".join(words).title()
    match = score_entry(Party((text,), kind=kind), _entry(text, kind))
    assert match.score == 1.0


@given(st.one_of(cyrillic, arabic, hangul, chinese), kinds)
def test_a_name_in_any_script_matches_itself_with_score_one(words, kind):
    text = " ".join(words)
    assert score_entry(Party((text,), kind=kind), _entry(text, kind)).score == 1.0


@given(latin_name, latin_name, st.randoms(use_true_random=False))
def test_the_score_does_not_depend_on_token_order(query, listed, rng):
    shuffled = list(query)
    rng.shuffle(shuffled)
    entry = _entry(" ".join(listed))
    first = score_entry(Party((" ".join(query),)), entry)
    second = score_entry(Party((" ".join(shuffled),)), entry)
    assert first.score == second.score
    assert score_entry(Party((" ".join(reversed(query)),)), entry).score == first.score


@settings(max_examples=200)
@given(st.one_of(cyrillic, arabic, hangul, chinese))
def test_a_transliterated_form_matches_its_original(words):
    original = " ".join(words)
    latin = anyascii(original)
    assert score_entry(Party((latin,)), _entry(original)).score == 1.0
    assert score_entry(Party((original,)), _entry(latin)).score == 1.0


def test_transliterated_names_as_lists_publish_them():
    entry = Entry(
        "KPi.033",
        (Name("Kim Jong Un"), Name("Ким Чен Ын", Quality.WEAK)),
        source="un",
    )
    assert score_entry(Party(("КИМ ЧЕН ЫН",)), entry).score >= 0.85
    assert score_entry(Party(("Kim Chen Yn",)), entry).score >= 0.85
    assert score_entry(Party(("Kim Jong-Un",)), entry).score == 1.0
    assert score_entry(Party(("金正恩",)), _entry("Jin Zhengen")).score == 1.0
    assert score_entry(Party(("JinZhengEn",)), _entry("金正恩")).score == 1.0


@given(latin_name, latin_name)
def test_scores_stay_in_zero_one(query, listed):
    found = compare_tokens(tuple(query), tuple(listed))
    assert 0.0 <= found.score <= 1.0


qualifiers = st.fixed_dictionaries(
    {},
    optional={
        "birth_dates": st.lists(
            st.builds(BirthDate, st.integers(1930, 2005)), min_size=1, max_size=2
        ).map(tuple),
        "countries": st.lists(
            st.sampled_from(["MX", "KP", "IR", "RU", "CN"]), min_size=1, max_size=2
        ).map(tuple),
        "identifiers": st.lists(
            st.builds(
                Identifier,
                st.sampled_from(["passport", "imo"]),
                st.sampled_from(["PD123456", "9123456", "X-1"]),
            ),
            min_size=1,
            max_size=2,
        ).map(tuple),
    },
)


@given(latin_name, latin_name, qualifiers, qualifiers, st.none() | kinds, kinds)
def test_an_explanation_accounts_for_every_score(query, listed, mine, theirs, kind, listed_kind):
    party = Party((" ".join(query),), kind=kind, **mine)
    match = score_entry(party, _entry(" ".join(listed), listed_kind, **theirs))
    assert 0.0 <= match.score <= 1.0
    assert _accounts(match)
    names = [f.name for f in match.explanation]
    assert names == ["name", "alias_quality", "kind", "identifier", "birth_date", "country"]


def test_a_dropped_middle_name_costs_less_than_a_wrong_one():
    entry = _entry("Juan Carlos Pérez López")
    dropped = score_entry(Party(("Juan Pérez López",)), entry).score
    wrong = score_entry(Party(("Juan Pérez Martínez",)), entry).score
    typo = score_entry(Party(("Juan Carlos Peres Lopes",)), entry).score
    assert 0.85 <= dropped < 1.0
    assert wrong < dropped
    assert typo >= 0.9


def test_words_joined_or_split_differently_still_match():
    assert score_entry(Party(("Abdulrahman Hassan",)), _entry("Abdul Rahman Hassan")).score > 0.9
    assert score_entry(Party(("Abdulrahman",)), _entry("Rahman Abdul")).score == 1.0


def test_a_weak_alias_counts_less_than_a_strong_name():
    entry = Entry("E2", (Name("Ivan Petrov"), Name("Vanya", Quality.WEAK)))
    weak = score_entry(Party(("Vanya",)), entry)
    assert math.isclose(weak.score, 0.9)
    assert math.isclose(weak.contribution("alias_quality"), -0.1)
    assert score_entry(Party(("Ivan Petrov",)), entry).score == 1.0


def test_legal_forms_do_not_count():
    entry = _entry("Importadora del Norte, S.A. de C.V.", Kind.ENTITY)
    for written in (
        "IMPORTADORA DEL NORTE SA DE CV",
        "Importadora del Norte S. de R.L.",
        "Importadora del Norte",
        "Importadora del Norte LLC",
    ):
        match = score_entry(Party((written,)), entry)
        assert match.score == 1.0, written
    assert (
        "legal forms set aside"
        in score_entry(Party(("Importadora del Norte",)), entry).explanation[0].detail
    )


def test_spellings_that_sound_alike_align_and_short_names_do_not_by_sound():
    assert token_similarity("mohammed", "muhammad") == 0.85
    assert token_similarity("vasquez", "vazquez") >= 0.85
    assert token_similarity("juan", "jin") < 0.85
    assert token_similarity("j", "juan") == 0.7
    assert score_entry(Party(("Muhammad Ali",)), _entry("Mohammed Ali")).score > 0.85
