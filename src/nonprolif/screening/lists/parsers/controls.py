"""A dual-use control list in CSV: one row an entry.

Header ``regime,code,description_en,description_es,cas_numbers,hs6,tariff_fractions,
keywords_en,keywords_es``; multiple values ``"; "`` separated. ``regime``, ``code`` and
``description_en`` are required; a CAS number must pass its check digit (written back the
standard way), an HS subheading is six digits and a tariff fraction eight or ten (dots and
spaces aside); an entry (regime and code) may not be given twice.
"""

from __future__ import annotations

from nonprolif.matching.goods import cas
from nonprolif.matching.goods.model import ControlEntry

from .generic import cell, decode, rows, split
from .model import ListFormatError

COLUMNS = (
    "regime",
    "code",
    "description_en",
    "description_es",
    "cas_numbers",
    "hs6",
    "tariff_fractions",
    "keywords_en",
    "keywords_es",
)


def _codes(value: str, lengths: tuple[int, ...], location: str, what: str) -> tuple[str, ...]:
    found = []
    for code in split(value):
        digits = code.replace(".", "").replace(" ", "")
        if not digits.isdigit() or len(digits) not in lengths:
            allowed = " or ".join(str(n) for n in lengths)
            raise ListFormatError(f"{what} {code!r} is not {allowed} digits", location=location)
        found.append(digits)
    return tuple(found)


def _entry(line: int, row: dict[str, str]) -> ControlEntry:
    for column in ("regime", "code", "description_en"):
        if not row[column]:
            raise ListFormatError(f"{column} is empty", location=cell(line, column))
    numbers = []
    for number in split(row["cas_numbers"]):
        parsed = cas.parse(number)
        if parsed is None:
            raise ListFormatError(
                f"{number!r} is not a CAS number (or its check digit is wrong)",
                location=cell(line, "cas_numbers"),
            )
        numbers.append(parsed)
    return ControlEntry(
        regime=row["regime"].upper(),
        code=row["code"],
        description_en=row["description_en"],
        description_es=row["description_es"],
        cas_numbers=tuple(dict.fromkeys(numbers)),
        hs6=_codes(row["hs6"], (6,), cell(line, "hs6"), "HS subheading"),
        tariff_fractions=_codes(
            row["tariff_fractions"], (8, 10), cell(line, "tariff_fractions"), "tariff fraction"
        ),
        keywords_en=tuple(split(row["keywords_en"])),
        keywords_es=tuple(split(row["keywords_es"])),
    )


def parse_controls(data: bytes) -> tuple[ControlEntry, ...]:
    """The control-list entries of the CSV ``data``."""
    entries: list[ControlEntry] = []
    seen: dict[str, int] = {}
    for line, row in rows(decode(data), COLUMNS):
        entry = _entry(line, row)
        if entry.key in seen:
            raise ListFormatError(
                f"{entry.regime} {entry.code} is given twice (first on line {seen[entry.key]})",
                location=cell(line, "code"),
            )
        seen[entry.key] = line
        entries.append(entry)
    return tuple(entries)
