"""The control-list CSV: the Australia Group sample, and rows refused by line and column."""

import pytest

from nonprolif.matching.goods import GoodsIndex, cas
from nonprolif.screening.lists.parsers import ListFormatError, parse_controls

from .conftest import FIXTURES

HEADER = (
    "regime,code,description_en,description_es,cas_numbers,hs6,tariff_fractions,"
    "keywords_en,keywords_es"
)


def ag() -> bytes:
    return (FIXTURES / "controls" / "australia-group-precursors.csv").read_bytes()


def test_the_australia_group_precursors():
    entries = parse_controls(ag())
    assert len(entries) == 65
    assert {e.regime for e in entries} == {"AG"}
    assert len({e.code for e in entries}) == 65
    for entry in entries:
        assert entry.cas_numbers
        assert all(cas.parse(n) == n for n in entry.cas_numbers)
        assert entry.hs6
        assert all(len(h) == 6 for h in entry.hs6)
        assert entry.keywords_en
        assert entry.keywords_es
        assert entry.description_es
    thiodiglycol = next(e for e in entries if e.code == "1C350.1")
    assert thiodiglycol.cas_numbers == ("111-48-8",)
    assert thiodiglycol.hs6 == ("293070",)
    assert "tiodiglicol" in [k.lower() for k in thiodiglycol.keywords_es]
    GoodsIndex(entries)  # the goods engine takes them as they are


def test_a_valid_row_with_fractions_and_two_cas_numbers():
    data = (
        f"{HEADER}\nag,1C350.99,Test,Prueba,111-48-8; 111488,2930.70,2930.70.01; 2930709901,a,b\n"
    )
    (entry,) = parse_controls(data.encode())
    assert entry.regime == "AG"
    assert entry.cas_numbers == ("111-48-8",)
    assert entry.tariff_fractions == ("29307001", "2930709901")


@pytest.mark.parametrize(
    ("row", "location", "words"),
    [
        ("AG,1C350.1,Thiodiglycol,,111-48-9,,,,", "line 2, column 'cas_numbers'", "check digit"),
        ("AG,1C350.1,Thiodiglycol,,,29307,,,", "line 2, column 'hs6'", "6 digits"),
        ("AG,1C350.1,Thiodiglycol,,,,2930.70,,", "line 2, column 'tariff_fractions'", "8 or 10"),
        ("AG,,Thiodiglycol,,,,,,", "line 2, column 'code'", "empty"),
        (",1C350.1,Thiodiglycol,,,,,,", "line 2, column 'regime'", "empty"),
        ("AG,1C350.1,,,,,,,", "line 2, column 'description_en'", "empty"),
        ("AG,1C350.1,Thiodiglycol,,,,,", "line 2", "8 cells"),
        ("AG,1C350.1,A,,,,,,\nAG,1C350.1,B,,,,,,", "line 3, column 'code'", "given twice"),
    ],
)
def test_a_bad_row_is_refused_by_line_and_column(row, location, words):
    with pytest.raises(ListFormatError) as refused:
        parse_controls(f"{HEADER}\n{row}\n".encode())
    assert refused.value.location == location
    assert words in str(refused.value)


def test_a_header_without_a_column_is_refused():
    with pytest.raises(ListFormatError) as refused:
        parse_controls(b"regime,code,description_en\nAG,1,x\n")
    assert refused.value.location == "line 1"
    assert "cas_numbers" in str(refused.value)
