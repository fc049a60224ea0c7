"""What the name engine takes and gives: list entries, the party screened, their qualifiers.

Plain frozen dataclasses. The Django side converts a list entry (whatever list it came from)
into an :class:`Entry` and a declaration's party into a :class:`Party`.
"""

from __future__ import annotations

import enum
import re
from dataclasses import dataclass
from datetime import date

_NUMBER_NOISE = re.compile(r"[^0-9A-Z]")
_BIRTH_DATE = re.compile(r"^(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?$")


class Kind(enum.StrEnum):
    """What a list entry names."""

    PERSON = "person"
    ENTITY = "entity"
    VESSEL = "vessel"


class Quality(enum.StrEnum):
    """How much a list trusts a name: its primary names and good aliases are strong; the
    aliases a list marks as low quality (the UN's "Low" quality, OFAC's weak a.k.a.) weak."""

    STRONG = "strong"
    WEAK = "weak"


@dataclass(frozen=True)
class Name:
    """One name of a list entry, as the list writes it (any script)."""

    text: str
    quality: Quality = Quality.STRONG


@dataclass(frozen=True, order=True)
class BirthDate:
    """A date of birth as precise as the list or the declaration knows it.

    ``month`` and ``day`` are ``None`` when only the year (or the year and month) is known.
    """

    year: int
    month: int | None = None
    day: int | None = None

    def __post_init__(self) -> None:
        if self.day is not None and self.month is None:
            raise ValueError("a day of birth needs its month")
        if self.month is not None and self.day is not None:
            date(self.year, self.month, self.day)  # raises on an impossible date
        elif self.month is not None and not 1 <= self.month <= 12:
            raise ValueError(f"month {self.month} out of range")

    @classmethod
    def parse(cls, text: str) -> BirthDate:
        """``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``."""
        found = _BIRTH_DATE.match(text.strip())
        if not found:
            raise ValueError(f"not a date of birth: {text!r}")
        year, month, day = found.groups()
        return cls(int(year), int(month) if month else None, int(day) if day else None)

    @classmethod
    def of(cls, day: date) -> BirthDate:
        """The exact date ``day``."""
        return cls(day.year, day.month, day.day)

    @property
    def exact(self) -> bool:
        """Whether day, month and year are all known."""
        return self.day is not None

    def __str__(self) -> str:
        if self.day is not None:
            return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"
        if self.month is not None:
            return f"{self.year:04d}-{self.month:02d}"
        return f"{self.year:04d}"


@dataclass(frozen=True)
class Identifier:
    """A document number: ``kind`` as the engine names it (``passport``, ``imo``,
    ``national_id``, ``tax_id`` …), the number as written, the issuing country if known."""

    kind: str
    number: str
    country: str | None = None

    @property
    def key(self) -> str:
        """The number compared: upper case, letters and digits only (``"PD 12-34"`` → ``PD1234``;
        an IMO number loses its ``IMO`` prefix)."""
        number = _NUMBER_NOISE.sub("", self.number.upper())
        if self.kind == "imo":
            number = number.removeprefix("IMO")
        return number

    @property
    def verifies(self) -> bool:
        """Whether the number passes its kind's check: an IMO number is seven digits whose
        first six, weighted 7 down to 2, add up to a number ending in the seventh
        (``9176187``: 9×7 + 1×6 + 7×5 + 6×4 + 1×3 + 8×2 = 147). Kinds without a check pass."""
        if self.kind != "imo":
            return True
        return imo_check_digit_ok(self.key)


def imo_check_digit_ok(number: str) -> bool:
    """Whether ``number`` (digits only, no ``IMO`` prefix) is an IMO number whose check digit
    verifies: seven digits, the first six weighted 7..2, their sum mod 10 the last."""
    if len(number) != 7 or not number.isdigit():
        return False
    total = sum(int(digit) * weight for digit, weight in zip(number, range(7, 1, -1), strict=False))
    return total % 10 == int(number[6])


@dataclass(frozen=True)
class Entry:
    """One entry of a sanctions or denied-party list.

    ``source`` names the list (``un``, ``csl``, ``ofac`` …: thresholds are per list) and
    ``version`` the entry's version there (a cleared party lapses when it changes).
    ``countries`` are ISO 3166 alpha-2 codes (nationality, citizenship, address, flag).
    """

    id: str
    names: tuple[Name, ...]
    kind: Kind = Kind.PERSON
    source: str = ""
    version: str = ""
    birth_dates: tuple[BirthDate, ...] = ()
    countries: tuple[str, ...] = ()
    identifiers: tuple[Identifier, ...] = ()

    def __post_init__(self) -> None:
        if not self.names:
            raise ValueError(f"entry {self.id} has no name")


@dataclass(frozen=True)
class Party:
    """A party screened: the names a declaration, an application or a tip gives, and what else
    is known of it. ``kind`` is ``None`` when the declaration does not say."""

    names: tuple[str, ...]
    kind: Kind | None = None
    birth_dates: tuple[BirthDate, ...] = ()
    countries: tuple[str, ...] = ()
    identifiers: tuple[Identifier, ...] = ()

    def __post_init__(self) -> None:
        if not any(name.strip() for name in self.names):
            raise ValueError("a party needs a name")
