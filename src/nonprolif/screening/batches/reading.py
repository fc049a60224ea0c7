"""Reading a batch file (CSV or XLSX, first sheet) into its parties and goods lines; no
database.

One row per party or goods line; the first row names the columns (any order, case and
accents ignored), by code or by its Spanish alias (:data:`ALIASES`). The values of
``record``, ``role`` and ``kind`` may be written in English or Spanish too. Rows are numbered
as a spreadsheet shows them: the header is row 1; empty rows are skipped. Every row is
checked and every error collected (row, column, why): a file with any error gives no rows.

The file is read a row at a time (``core.tables``): its size (``UPLOAD_MAX_BYTES``), an XLSX's
decompressed size and the number of rows (``SCREENING_BATCH_MAX_ROWS``, default
:data:`DEFAULT_MAX_ROWS`) are limited; a formula cell or a control character is an error of
its row.
"""

import re
from dataclasses import dataclass, field

from django.conf import settings
from django.utils.translation import gettext as _

from nonprolif.core.tables import RowError, UploadError, folded, size_error, table_rows
from nonprolif.core.tables import unreadable_cell as unreadable
from nonprolif.matching.goods import cas
from nonprolif.matching.names import BirthDate

DEFAULT_MAX_ROWS = 50_000
IDENTIFIER_KINDS = ("passport", "national_id", "imo", "tax_id", "other")
#: Each column's code and its Spanish alias.
ALIASES = {
    "declaration": "pedimento",
    "record": "registro",
    "role": "papel",
    "name": "nombre",
    "kind": "tipo",
    "country": "país",
    "birth_date": "fecha_nacimiento",
    "identifiers": "identificadores",
    "description": "descripción",
    "tariff_code": "fracción",
    "cas_numbers": "cas",
}
REQUIRED = ("declaration", "record")
RECORDS = {"party": "party", "parte": "party", "goods": "goods", "mercancia": "goods"}
ROLES = {
    **{code: code for code in ("importer", "exporter", "consignee", "end_user", "carrier")},
    "other": "other",
    "importador": "importer",
    "exportador": "exporter",
    "consignatario": "consignee",
    "usuario_final": "end_user",
    "usuario final": "end_user",
    "transportista": "carrier",
    "otro": "other",
}
KINDS = {
    "person": "person",
    "entity": "entity",
    "vessel": "vessel",
    "persona": "person",
    "entidad": "entity",
    "buque": "vessel",
}
_COUNTRY = re.compile(r"[A-Z]{2}")
_TARIFF = re.compile(r"\d{4,10}")


@dataclass(frozen=True)
class PartyRow:
    """A party row, checked: the values as stored (``birth_date`` as ``BirthDate`` writes it,
    identifiers as ``{"kind", "number", "country"}``)."""

    row: int
    declaration: str
    role: str
    name: str
    kind: str = ""
    country: str = ""
    birth_date: str = ""
    identifiers: tuple[dict, ...] = ()


@dataclass(frozen=True)
class LineRow:
    """A goods line row, checked (CAS numbers written the standard way)."""

    row: int
    declaration: str
    description: str
    tariff_code: str = ""
    cas_numbers: tuple[str, ...] = ()


@dataclass
class BatchFile:
    """What a file gave: its parties and goods lines in row order, or the errors (then no
    rows), ``rows`` the data rows read."""

    parties: list[PartyRow] = field(default_factory=list)
    lines: list[LineRow] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)
    rows: int = 0


def max_rows() -> int:
    """The most data rows a batch file may have."""
    return int(getattr(settings, "SCREENING_BATCH_MAX_ROWS", DEFAULT_MAX_ROWS))


def column_aliases() -> dict[str, str]:
    """{folded name: column code} for the codes and their Spanish aliases."""
    aliases = {folded(code): code for code in ALIASES}
    aliases.update({folded(alias): code for code, alias in ALIASES.items()})
    return aliases


def _header(values: list[str]) -> tuple[list[str], list[RowError]]:
    aliases = column_aliases()
    header = [aliases.get(folded(value), "") if value.strip() else "" for value in values]
    errors = []
    for value, code in zip(values, header, strict=True):
        if value.strip() and not code:
            errors.append(
                RowError(
                    1,
                    value.strip(),
                    _("Unknown column; use %(columns)s.") % {"columns": ", ".join(ALIASES)},
                )
            )
    seen: set[str] = set()
    for code in header:
        if code and code in seen:
            errors.append(RowError(1, code, _("The column is given twice.")))
        seen.add(code)
    for code in REQUIRED:
        if code not in header:
            errors.append(RowError(1, code, _("The column is missing.")))
    return header, errors


def parse_identifiers(text: str) -> tuple[dict, ...]:
    """``"passport:PD1234:KP; imo:9123456"`` → the identifiers; ValueError why."""
    found = []
    for part in text.split(";"):
        part = part.strip()
        if not part:
            continue
        pieces = [piece.strip() for piece in part.split(":")]
        if len(pieces) not in (2, 3) or not pieces[1]:
            raise ValueError(
                _("“%(part)s” is not an identifier like passport:PD1234:KP.") % {"part": part}
            )
        kind = pieces[0].lower()
        if kind not in IDENTIFIER_KINDS:
            raise ValueError(
                _("“%(kind)s” is not a kind of identifier; use %(kinds)s.")
                % {"kind": pieces[0], "kinds": ", ".join(IDENTIFIER_KINDS)}
            )
        country = pieces[2].upper() if len(pieces) == 3 else ""
        if country and not _COUNTRY.fullmatch(country):
            raise ValueError(
                _("“%(value)s” is not a two-letter country code.") % {"value": pieces[2]}
            )
        found.append({"kind": kind, "number": pieces[1], "country": country or None})
    return tuple(found)


def parse_cas_numbers(text: str) -> tuple[str, ...]:
    """``"7664-39-3; 111-48-8"`` → the numbers written the standard way; ValueError naming
    the first whose check digit (or shape) is wrong."""
    numbers = []
    for part in re.split(r"[;,]", text):
        part = part.strip()
        if not part:
            continue
        parsed = cas.parse(part)
        if parsed is None:
            raise ValueError(
                _("“%(number)s” is not a CAS number (or its check digit is wrong).")
                % {"number": part}
            )
        numbers.append(parsed)
    return tuple(dict.fromkeys(numbers))


class _Row:
    """One data row's cells and its errors, as it is checked."""

    def __init__(self, number: int, cells: dict[str, str]) -> None:
        self.number = number
        self.cells = cells
        self.errors: list[RowError] = []
        for column, value in cells.items():
            why = unreadable(value)
            if why:
                self.errors.append(RowError(number, column, why))
                cells[column] = ""

    def error(self, column: str, message: str) -> None:
        self.errors.append(RowError(self.number, column, message))

    def text(self, column: str, limit: int, *, required: bool = False) -> str:
        value = " ".join(self.cells.get(column, "").split())
        if required and not value and not any(e.column == column for e in self.errors):
            self.error(column, _("The value is missing."))
        if len(value) > limit:
            self.error(column, _("At most %(max)d characters.") % {"max": limit})
        return value

    def choice(self, column: str, choices: dict[str, str], *, required: bool) -> str:
        value = self.cells.get(column, "").strip()
        if not value:
            if required and not any(e.column == column for e in self.errors):
                self.error(column, _("The value is missing."))
            return ""
        code = choices.get(folded(value))
        if code is None:
            self.error(
                column,
                _("“%(value)s” is not one of %(choices)s.")
                % {"value": value, "choices": ", ".join(dict.fromkeys(choices.values()))},
            )
            return ""
        return code

    def parsed(self, column: str, parse, empty):
        try:
            return parse(self.cells.get(column, ""))
        except ValueError as error:
            self.error(column, str(error))
            return empty


def _birth_date(text: str) -> str:
    text = text.strip()
    if not text:
        return ""
    try:
        return str(BirthDate.parse(text))
    except ValueError:
        raise ValueError(
            _("“%(value)s” is not a date of birth like 1965, 1965-04 or 1965-04-12.")
            % {"value": text}
        ) from None


def _country(text: str) -> str:
    value = text.strip().upper()
    if value and not _COUNTRY.fullmatch(value):
        raise ValueError(_("“%(value)s” is not a two-letter country code.") % {"value": text})
    return value


def _tariff(text: str) -> str:
    value = text.strip()
    if value and not _TARIFF.fullmatch(re.sub(r"[.\s]", "", value)):
        raise ValueError(
            _("“%(value)s” is not a tariff code (4 to 10 digits, dots allowed).") % {"value": text}
        )
    return value


def _check(row: _Row, batch: BatchFile) -> None:
    declaration = row.text("declaration", 64, required=True)
    record = row.choice("record", RECORDS, required=True)
    if record == "party":
        party = PartyRow(
            row=row.number,
            declaration=declaration,
            role=row.choice("role", ROLES, required=True),
            name=row.text("name", 500, required=True),
            kind=row.choice("kind", KINDS, required=False),
            country=row.parsed("country", _country, ""),
            birth_date=row.parsed("birth_date", _birth_date, ""),
            identifiers=row.parsed("identifiers", parse_identifiers, ()),
        )
        if not row.errors:
            batch.parties.append(party)
    elif record == "goods":
        line = LineRow(
            row=row.number,
            declaration=declaration,
            description=row.text("description", 5000, required=True),
            tariff_code=row.parsed("tariff_code", _tariff, ""),
            cas_numbers=row.parsed("cas_numbers", parse_cas_numbers, ()),
        )
        if not row.errors:
            batch.lines.append(line)
    batch.errors.extend(row.errors)


def _row(number: int, header: list[str], values: list[str]) -> _Row:
    """A data row's cells by column; a value in a column the header does not name is an
    error of the row."""
    cells: dict[str, str] = {}
    stray = False
    for position, value in enumerate([*values, *[""] * (len(header) - len(values))]):
        code = header[position] if position < len(header) else ""
        if code:
            cells[code] = value
        elif value.strip():
            stray = True
    row = _Row(number, cells)
    if stray:
        row.error("", _("A value stands in a column that the first row does not name."))
    return row


def read_batch(name: str, data: bytes) -> BatchFile:
    """The file's parties and goods lines, or every error of its rows (row, column, why) and
    none of them. Errors of the file itself come as row 0 (unreadable, too large, too many
    rows, no data) or row 1 (the header)."""
    batch = BatchFile()
    too_large = size_error(len(data))
    if too_large:
        batch.errors.append(RowError(0, "", too_large))
        return batch
    limit = max_rows()
    header: list[str] | None = None
    try:
        for number, values in enumerate(table_rows(name, data), start=1):
            if not any(value.strip() for value in values):
                continue
            if header is None:
                header, errors = _header(values)
                if errors:
                    batch.errors.extend(errors)
                    return batch
                continue
            batch.rows += 1
            if batch.rows > limit:
                batch.errors.append(
                    RowError(0, "", _("At most %(max)d rows per file.") % {"max": limit})
                )
                break
            _check(_row(number, header, values), batch)
    except UploadError as error:
        batch.errors.append(RowError(0, "", str(error)))
    if header is None and not batch.errors:
        batch.errors.append(
            RowError(1, "", _("The file is empty: the first row must name the columns."))
        )
    elif not batch.errors and not (batch.parties or batch.lines):
        batch.errors.append(RowError(0, "", _("The file has no row to screen.")))
    if batch.errors:
        batch.parties, batch.lines = [], []
    return batch


def error_lines(errors: list[RowError]) -> list[str]:
    """The errors as lines of text: ``row 3, country: why``."""
    out = []
    for error in errors:
        where = _("row %(row)d") % {"row": error.row} if error.row else _("file")
        if error.column:
            where = f"{where}, {error.column}"
        out.append(f"{where}: {error.message}")
    return out
