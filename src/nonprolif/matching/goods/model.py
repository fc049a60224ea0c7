"""What the goods engine takes and gives: control-list entries, a declaration line, the matches
with their reasons. Plain frozen dataclasses."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class ControlEntry:
    """One entry of a dual-use control list.

    ``regime`` names the list (``AG``, ``NSG``, ``MTCR``, ``WA``, ``CWC``), ``code`` its item
    (``1C350``). ``hs6`` are Harmonized System subheadings (six digits) and
    ``tariff_fractions`` the national tariff's fractions (eight digits, or ten with the
    statistical suffix); dots and spaces in them do not count. ``keywords_es`` and
    ``keywords_en`` are the names and synonyms searched for in a description.
    """

    regime: str
    code: str
    description_en: str
    description_es: str = ""
    cas_numbers: tuple[str, ...] = ()
    hs6: tuple[str, ...] = ()
    tariff_fractions: tuple[str, ...] = ()
    keywords_en: tuple[str, ...] = ()
    keywords_es: tuple[str, ...] = ()
    id: str = ""

    @property
    def key(self) -> str:
        """The entry's identity: its ``id``, else regime and code."""
        return self.id or f"{self.regime}:{self.code}"


@dataclass(frozen=True)
class DeclarationLine:
    """One goods line of a declaration or licence application."""

    description: str
    tariff_code: str = ""
    cas_numbers: tuple[str, ...] = ()


@dataclass(frozen=True)
class Reason:
    """Why a line matches an entry: the kind of evidence, what it added to the score, and a
    sentence. ``kind`` is ``cas`` (a declared CAS number), ``cas_in_text``, ``fraction``,
    ``hs6`` or ``keyword``."""

    kind: str
    contribution: float
    detail: str


@dataclass(frozen=True)
class GoodsMatch:
    """A control-list entry a line matches, its score in [0, 1] and the reasons (their
    contributions add up to the score)."""

    entry_key: str
    regime: str
    code: str
    score: float
    reasons: tuple[Reason, ...]


@dataclass(frozen=True)
class LineResult:
    """What screening one line gave: the matches, best first, and the CAS-shaped numbers whose
    check digit is wrong (worth a look in themselves: a mistyped or disguised number)."""

    matches: tuple[GoodsMatch, ...]
    invalid_cas: tuple[str, ...]
