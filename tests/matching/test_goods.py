"""Goods lines against a small sample of the Australia Group's chemical weapons precursors,
in Spanish and English: CAS numbers, tariff codes and keywords, each match with its reasons."""

import math

import pytest

from nonprolif.matching.goods import (
    ControlEntry,
    DeclarationLine,
    GoodsIndex,
    KeywordAutomaton,
    correlate,
    fold,
    match_line,
)

PRECURSORS = (
    ControlEntry(
        "AG",
        "1C350",
        "Thiodiglycol",
        "Tiodiglicol",
        cas_numbers=("111-48-8",),
        hs6=("2930.70", "2930.90"),
        tariff_fractions=("2930.90.99",),  # a fraction of this test list, not of a real tariff
        keywords_en=("thiodiglycol", "thiodiethanol", "bis(2-hydroxyethyl) sulfide"),
        keywords_es=("tiodiglicol", "tiodietanol", "sulfuro de bis(2-hidroxietilo)"),
        id="AG-thiodiglycol",
    ),
    ControlEntry(
        "AG",
        "1C350",
        "Dimethyl methylphosphonate",
        "Metilfosfonato de dimetilo",
        cas_numbers=("756-79-6",),
        hs6=("2931.41",),
        keywords_en=("dimethyl methylphosphonate", "DMMP"),
        keywords_es=("metilfosfonato de dimetilo",),
        id="AG-DMMP",
    ),
    ControlEntry(
        "AG",
        "1C350",
        "Phosphorus oxychloride",
        "Oxicloruro de fósforo",
        cas_numbers=("10025-87-3",),
        hs6=("2812.14",),
        keywords_en=("phosphorus oxychloride", "phosphoryl chloride"),
        keywords_es=("oxicloruro de fósforo", "cloruro de fosforilo", "oxitricloruro de fósforo"),
        id="AG-POCl3",
    ),
    ControlEntry(
        "AG",
        "1C350",
        "Phosphorus trichloride",
        "Tricloruro de fósforo",
        cas_numbers=("7719-12-2",),
        hs6=("2812.12",),
        keywords_en=("phosphorus trichloride",),
        keywords_es=("tricloruro de fósforo",),
        id="AG-PCl3",
    ),
    ControlEntry(
        "AG",
        "1C350",
        "Thionyl chloride",
        "Cloruro de tionilo",
        cas_numbers=("7719-09-7",),
        hs6=("2812.17",),
        keywords_en=("thionyl chloride",),
        keywords_es=("cloruro de tionilo",),
        id="AG-SOCl2",
    ),
    ControlEntry(
        "AG",
        "1C350",
        "Triethanolamine",
        "Trietanolamina",
        cas_numbers=("102-71-6",),
        hs6=("2922.15",),
        keywords_en=("triethanolamine",),
        keywords_es=("trietanolamina",),
        id="AG-TEA",
    ),
)


@pytest.fixture(scope="module")
def index():
    return GoodsIndex(PRECURSORS)


def _kinds(match):
    return [reason.kind for reason in match.reasons]


def _accounts(match):
    return math.isclose(sum(r.contribution for r in match.reasons), match.score, abs_tol=1e-9)


def test_an_english_description_and_its_tariff_code(index):
    line = DeclarationLine("Thiodiglycol 99% technical grade, 200 L drums", "2930.90.99.01")
    (match,) = match_line(line, index).matches
    assert match.entry_key == "AG-thiodiglycol"
    assert (match.regime, match.code) == ("AG", "1C350")
    assert _kinds(match) == ["fraction", "keyword"]
    assert "2930.90.99" in match.reasons[0].detail
    assert match.score > 0.8
    assert _accounts(match)


def test_a_spanish_description_accents_and_case_folded(index):
    for written in ("Oxicloruro de fósforo, grado técnico", "OXICLORURO DE FOSFORO 99.5%"):
        line = DeclarationLine(written, "2812.14.01")
        (match,) = match_line(line, index).matches
        assert match.entry_key == "AG-POCl3"
        assert _kinds(match) == ["hs6", "keyword"]
        assert "'oxicloruro de fosforo' (es)" in match.reasons[1].detail
        assert "2812.14" in match.reasons[0].detail


def test_a_cas_number_in_the_text_with_its_check_digit(index):
    line = DeclarationLine("Producto químico industrial, CAS 756-79-6, en tambores", "3824.99")
    (match,) = match_line(line, index).matches
    assert match.entry_key == "AG-DMMP"
    assert _kinds(match) == ["cas_in_text"]
    assert math.isclose(match.score, 0.9)
    assert "check digit verified" in match.reasons[0].detail


def test_a_wrong_check_digit_is_no_evidence_but_is_reported(index):
    result = match_line(DeclarationLine("Producto químico, CAS 756-79-5", "3824.99"), index)
    assert result.matches == ()
    assert result.invalid_cas == ("756-79-5",)


def test_a_declared_cas_number_and_the_same_in_the_text_count_once(index):
    line = DeclarationLine("Reactivo 10025-87-3", "2812.14.99", cas_numbers=("10025-87-3",))
    (match,) = match_line(line, index).matches
    assert _kinds(match) == ["cas", "hs6"]
    assert _accounts(match)
    bad = match_line(DeclarationLine("Reactivo", cas_numbers=("10025-87-4",)), index)
    assert bad.invalid_cas == ("10025-87-4",)
    assert bad.matches == ()


def test_every_kind_of_evidence_adds_up(index):
    line = DeclarationLine(
        "DMMP (dimethyl methylphosphonate; metilfosfonato de dimetilo) CAS 756-79-6",
        "2931.41.01",
        cas_numbers=("756796",),
    )
    (match,) = match_line(line, index).matches
    assert _kinds(match) == ["cas", "hs6", "keyword", "keyword", "keyword"]
    assert 0.99 < match.score < 1.0
    assert _accounts(match)


def test_synonyms_in_both_languages(index):
    for written in (
        "Phosphoryl chloride",
        "cloruro de fosforilo",
        "Tiodietanol",
        "bis(2-hydroxyethyl) sulfide",
        "Sulfuro de bis(2-hidroxietilo)",
    ):
        assert match_line(DeclarationLine(written), index).matches, written


def test_word_boundaries_are_respected(index):
    for written in ("tiodiglicolato de sodio", "polytriethanolamine resin", "DMMPX additive"):
        assert match_line(DeclarationLine(written), index).matches == (), written


def test_the_longest_keyword_wins_inside_a_longer_one():
    entries = (
        ControlEntry("X", "1", "a", keywords_es=("fósforo",)),
        ControlEntry("X", "2", "b", keywords_es=("tricloruro de fósforo",)),
    )
    hits, folded = KeywordAutomaton(entries).find("Tricloruro de Fósforo a granel")
    assert folded == "tricloruro de fosforo a granel"
    assert [(h.keyword, h.entries) for h in hits] == [("tricloruro de fosforo", (1,))]


def test_ordinary_goods_match_nothing(index):
    for line in (
        DeclarationLine("Tornillos de acero inoxidable", "7318.15.99"),
        DeclarationLine("Sodium chloride, food grade", "2501.00.01"),
        DeclarationLine("Fosfato de calcio", "2835.26"),
    ):
        assert match_line(line, index).matches == ()


def test_a_subheading_alone_is_a_weak_reason_and_a_threshold_drops_it(index):
    line = DeclarationLine("Químico orgánico", "2930.70.01")
    (match,) = match_line(line, index).matches
    assert _kinds(match) == ["hs6"]
    assert match_line(line, index, threshold=0.5).matches == ()


def test_tariff_correlation_reads_digits_only():
    entry = PRECURSORS[0]
    assert correlate("2930 90 99", entry).kind == "fraction"
    assert correlate("2930909901", entry).kind == "fraction"
    assert correlate("2930.70", entry).kind == "hs6"
    assert correlate("2930", entry) is None
    assert correlate("2931.90.99", entry) is None


def test_a_control_list_with_a_wrong_cas_number_is_refused():
    with pytest.raises(ValueError, match="not a valid CAS"):
        GoodsIndex([ControlEntry("AG", "1C350", "x", cas_numbers=("111-48-9",))])


def test_folding():
    assert fold("Oxicloruro de FÓSFORO (POCl₃)") == "oxicloruro de fosforo pocl3"
