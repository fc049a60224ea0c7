"""CAS registry numbers: the check digit, parsing, finding them in text."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from nonprolif.matching.goods import check_digit, find_in_text, is_valid, parse


@pytest.mark.parametrize(
    "number",
    ["111-48-8", "756-79-6", "10025-87-3", "7732-18-5", "64-17-5", "7719-09-7", "107-07-3"],
)
def test_real_cas_numbers_are_valid(number):
    assert is_valid(number)
    assert parse(number) == number


@pytest.mark.parametrize("number", ["111-48-9", "756-79-5", "10025-87-4", "7732-18-6"])
def test_a_wrong_check_digit_is_refused(number):
    assert not is_valid(number)
    assert parse(number) is None


@pytest.mark.parametrize("text", ["", "abc", "1-48-8", "111-4-8", "111-48-88", "12345678-12-1"])
def test_what_is_not_cas_shaped_is_refused(text):
    assert parse(text) is None


def test_the_check_digit_of_thiodiglycol_worked_out():
    assert check_digit("11148") == 8  # 8x1 + 4x2 + 1x3 + 1x4 + 1x5 = 28
    assert parse("111488") == "111-48-8"
    assert parse("0111-48-8") == "111-48-8"


@given(st.integers(10, 9_999_999), st.integers(0, 99))
def test_exactly_one_check_digit_is_right(first, second):
    body = f"{first}{second:02d}"
    valid = [d for d in range(10) if is_valid(f"{first}-{second:02d}-{d}")]
    assert valid == [check_digit(body)]


def test_cas_numbers_found_in_text_with_their_check_digit():
    text = (
        "Tiodiglicol (CAS 111-48-8), DMMP CAS No. 756–79–6, oxicloruro 10025 - 87 - 3; "
        "mal escrito 111-48-9; lote 2020-11-04-7 y teléfono 555-12-3456"
    )
    found = find_in_text(text)
    assert [(f.written.replace(" ", ""), f.valid) for f in found] == [
        ("111-48-8", True),
        ("756–79–6", True),
        ("10025-87-3", True),
        ("111-48-9", False),
    ]
    assert [f.number for f in found[:3]] == ["111-48-8", "756-79-6", "10025-87-3"]
    assert text[found[0].start : found[0].end] == "111-48-8"
