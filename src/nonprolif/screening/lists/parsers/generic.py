"""The project's own list format, CSV, and the CSV reading the other CSV formats share.

Header ``id,kind,name,aliases,birth_dates,countries,identifiers,programmes,remarks``
(``remarks`` and ``programmes`` may be left out). Multiple values are ``"; "`` separated:
aliases (a weak one prefixed ``~``), dates of birth (``YYYY[-MM[-DD]]``), countries (ISO
alpha-2), identifiers (``kind:number[:country]``). UTF-8, with or without a byte-order mark.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator

from nonprolif.matching.names.model import Identifier, Kind, Name, Quality

from .countries import ISO_CODES
from .model import IDENTIFIER_KINDS, ListFormatError, ParsedEntry, ParsedList, birth_date, unique

SOURCE = "csv"
COLUMNS = ("id", "kind", "name", "aliases", "birth_dates", "countries", "identifiers")
OPTIONAL = ("programmes", "remarks")


def decode(data: bytes) -> str:
    """``data`` as UTF-8 text (a byte-order mark dropped); a bad byte is named by its line."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise ListFormatError("not UTF-8 text", location=f"line {line}") from None


def rows(text: str, required: tuple[str, ...]) -> Iterator[tuple[int, dict[str, str]]]:
    """Each data row of the CSV ``text`` with its line number, its cells stripped; refuses
    a header without the ``required`` columns and a row of the wrong width. Lines starting
    with ``#`` before the header are comments."""
    skipped = 0
    while text.startswith("#"):  # leading comment lines, as the samples have
        _, _, text = text.partition("\n")
        skipped += 1
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = next(reader, None)
        if header is None:
            raise ListFormatError("the file is empty", location=f"line {skipped + 1}")
        names = [h.strip().lower() for h in header]
        missing = [c for c in required if c not in names]
        if missing:
            raise ListFormatError(
                f"missing column(s) {', '.join(missing)}: a file of another format",
                location=f"line {skipped + 1}",
            )
        for cells in reader:
            line = reader.line_num + skipped
            if not any(cell.strip() for cell in cells):
                continue
            if len(cells) != len(names):
                raise ListFormatError(
                    f"{len(cells)} cells where the header has {len(names)}", location=f"line {line}"
                )
            yield line, {n: c.strip() for n, c in zip(names, cells, strict=True)}
    except csv.Error as error:
        raise ListFormatError(
            f"not CSV ({error})", location=f"line {reader.line_num + skipped}"
        ) from None


def split(value: str) -> list[str]:
    """The ``"; "``-separated values of a cell."""
    return [v.strip() for v in value.split(";") if v.strip()]


def cell(line: int, column: str) -> str:
    """A cell's location: ``line 7, column 'name'``."""
    return f"line {line}, column {column!r}"


def _identifier(value: str, location: str) -> Identifier:
    parts = [p.strip() for p in value.split(":")]
    if len(parts) not in (2, 3) or not parts[1] or parts[0] not in IDENTIFIER_KINDS:
        raise ListFormatError(
            f"identifier {value!r} is not kind:number[:country] "
            f"(kinds: {', '.join(IDENTIFIER_KINDS)})",
            location=location,
        )
    country = parts[2].upper() if len(parts) == 3 and parts[2] else None
    if country is not None and country not in ISO_CODES:
        raise ListFormatError(f"{parts[2]!r} is not an ISO country code", location=location)
    return Identifier(parts[0], parts[1], country)


def _entry(line: int, row: dict[str, str]) -> ParsedEntry:
    if not row["id"]:
        raise ListFormatError("the id is empty", location=cell(line, "id"))
    try:
        kind = Kind(row["kind"].lower())
    except ValueError:
        raise ListFormatError(
            f"kind {row['kind']!r} is not person, entity or vessel", location=cell(line, "kind")
        ) from None
    if not row["name"]:
        raise ListFormatError("the name is empty", location=cell(line, "name"))
    names = [Name(row["name"])]
    for alias in split(row["aliases"]):
        weak = alias.startswith("~")
        names.append(
            Name(alias.removeprefix("~").strip(), Quality.WEAK if weak else Quality.STRONG)
        )
    countries = [c.upper() for c in split(row["countries"])]
    for country in countries:
        if country not in ISO_CODES:
            raise ListFormatError(
                f"{country!r} is not an ISO country code", location=cell(line, "countries")
            )
    return ParsedEntry(
        external_id=row["id"],
        kind=kind,
        names=tuple(names),
        birth_dates=tuple(
            birth_date(b, location=cell(line, "birth_dates")) for b in split(row["birth_dates"])
        ),
        countries=tuple(countries),
        identifiers=tuple(
            _identifier(i, cell(line, "identifiers")) for i in split(row["identifiers"])
        ),
        programmes=tuple(split(row.get("programmes", ""))),
        remarks=row.get("remarks", ""),
    )


def parse_generic(data: bytes) -> ParsedList:
    """A list in the project's CSV format."""
    entries, lines = [], []
    for line, row in rows(decode(data), COLUMNS):
        entries.append(_entry(line, row))
        lines.append(cell(line, "id"))
    return ParsedList(SOURCE, None, unique(entries, lines))
