"""CAS registry numbers: parse, validate the check digit, find them in free text.

A CAS number is two to seven digits, a hyphen, two digits, a hyphen and one check digit
(``111-48-8``). The check digit is the sum of the other digits, each multiplied by its
position counted from the right starting at 1, modulo 10: for ``111-48-8``,
``8×1 + 4×2 + 1×3 + 1×4 + 1×5 = 28``, and 28 mod 10 is 8.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_CAS = re.compile(r"^(\d{2,7})-(\d{2})-(\d)$")
_IN_TEXT = re.compile(r"(?<![\d-])(\d{2,7})\s?[-‐‑–]\s?(\d{2})\s?[-‐‑–]\s?(\d)(?![\d-])")


def check_digit(body: str) -> int:
    """The check digit of a CAS number's digits without it (``"11148"`` → 8)."""
    if not body.isdigit() or not 3 <= len(body) <= 9:
        raise ValueError(f"not the digits of a CAS number: {body!r}")
    return sum(int(d) * weight for weight, d in enumerate(reversed(body), start=1)) % 10


def parse(text: str) -> str | None:
    """``text`` as a CAS number written the standard way (leading zeros dropped), or ``None``
    when it is not one or its check digit is wrong. Hyphens may be missing (``111488``)."""
    text = text.strip()
    found = _CAS.match(text)
    if found:
        first, second, check = found.groups()
    elif text.isdigit() and 5 <= len(text) <= 10:
        first, second, check = text[:-3], text[-3:-1], text[-1]
    else:
        return None
    first = first.lstrip("0") or "0"
    if len(first) < 2:
        first = first.rjust(2, "0")
    if check_digit(first + second) != int(check):
        return None
    return f"{first}-{second}-{check}"


def is_valid(text: str) -> bool:
    """Whether ``text`` is a CAS number with a correct check digit."""
    return parse(text) is not None


@dataclass(frozen=True)
class CasInText:
    """A CAS-shaped number found in a text: as written, where, normalised, and whether its
    check digit holds (``number`` is ``None`` when it does not)."""

    written: str
    start: int
    end: int
    number: str | None

    @property
    def valid(self) -> bool:
        """Whether the check digit holds."""
        return self.number is not None


def find_in_text(text: str) -> tuple[CasInText, ...]:
    """Every CAS-shaped number in ``text`` (dashes of any kind, spaces around them allowed),
    in order, each with its check digit verified."""
    found = []
    for hit in _IN_TEXT.finditer(text):
        first, second, check = hit.groups()
        found.append(
            CasInText(hit.group(0), hit.start(), hit.end(), parse(f"{first}-{second}-{check}"))
        )
    return tuple(found)
