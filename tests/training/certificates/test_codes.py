"""Verification codes: random, self-checking and unforgeable without the deployment's key."""

import re

from django.test import override_settings

from nonprolif.training.certificates import codes

SHAPE = re.compile(r"^NPX-[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){3}$")


def altered(code: str, position: int) -> str:
    """``code`` with the character at ``position`` replaced by another of the alphabet."""
    old = code[position]
    new = codes.ALPHABET[(codes.ALPHABET.index(old) + 1) % len(codes.ALPHABET)]
    return code[:position] + new + code[position + 1 :]


def test_a_new_code_has_the_printed_shape_and_passes_its_check():
    code = codes.new_code()

    assert SHAPE.match(code), code
    assert codes.is_authentic(code)


def test_two_codes_differ():
    assert len({codes.new_code() for _ in range(50)}) == 50


def test_changing_any_single_character_fails_the_check():
    code = codes.new_code()
    positions = [i for i, char in enumerate(code) if i > 3 and char != "-"]

    assert len(positions) == 16
    for position in positions:
        assert not codes.is_authentic(altered(code, position)), position


def test_a_code_made_up_in_the_right_shape_fails_the_check():
    assert not codes.is_authentic("NPX-ABCD-EFGH-JKMN-PQRS")
    assert not codes.is_authentic("NPX-0000-0000-0000-0000")


def test_a_code_signed_with_another_key_fails_the_check():
    with override_settings(SECRET_KEY="another deployment's key " * 2):
        foreign = codes.new_code()

    assert not codes.is_authentic(foreign)


def test_codes_signed_with_a_rotated_out_key_still_pass():
    with override_settings(SECRET_KEY="the old key of this deployment " * 2):
        old = codes.new_code()

    with override_settings(
        SECRET_KEY="the new key of this deployment " * 2,
        SECRET_KEY_FALLBACKS=["the old key of this deployment " * 2],
    ):
        assert codes.is_authentic(old)


def test_codes_are_read_leniently_but_nothing_else_is_accepted():
    code = codes.new_code()
    body = code.replace("-", "")[3:]

    assert codes.normalize(code.lower()) == code
    assert codes.normalize(f"  {body[:8]} {body[8:]} ") == code
    assert codes.normalize(code.replace("0", "o").replace("1", "l")) == code
    assert codes.normalize("NPX-ABCD") is None
    assert codes.normalize("NPX-ABCD-EFGH-JKMN-PQR!") is None
    assert codes.normalize("NPX-ABCD-EFGH-JKMN-PQRSU") is None
    assert codes.normalize("") is None
