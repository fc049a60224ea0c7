"""The phonetic key: spellings of one name fall together, different names do not."""

import itertools

import pytest
from hypothesis import given
from hypothesis import strategies as st

from nonprolif.matching.names import phonetic_key


@pytest.mark.parametrize(
    "spellings",
    [
        ("mohammed", "muhammad", "mohamed", "mhmd"),
        ("vasquez", "vazquez", "basques"),
        ("gonzalez", "gonsales", "gonzales"),
        ("guillermo", "guiyermo"),
        ("chavez", "shavez", "chaves"),
        ("philippe", "filipe", "felipe"),
        ("cecilia", "sesilia"),
        ("jimenez", "gimenez"),
    ],
)
def test_spellings_of_one_name_share_a_key(spellings):
    assert len({phonetic_key(s) for s in spellings}) == 1


@pytest.mark.parametrize(("a", "b"), [("perez", "lopez"), ("kim", "lee"), ("ivan", "omar")])
def test_different_names_have_different_keys(a, b):
    assert phonetic_key(a) != phonetic_key(b)


@given(st.text(alphabet="abcdefghijklmnopqrstuvwxyz0123456789", max_size=20))
def test_a_key_is_a_skeleton_without_vowels_or_doubled_letters(token):
    key = phonetic_key(token)
    assert not set(key) & set("aeiouh")
    assert all(a != b for a, b in itertools.pairwise(key))
    assert len(key) <= 2 * len(token)
