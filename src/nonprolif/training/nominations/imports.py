"""Reading a nominations upload (CSV or XLSX) into rows; no database.

The first row names the columns (any order, case-insensitive): ``official_id`` (or ``id``)
and/or ``email`` to name the official (one is needed), and optionally ``language`` (es-mx or
en), ``unavailable`` (periods like ``2010-01-20..2010-01-29; 2010-04-01..2010-04-05``; a
single date is one day) and ``preferences`` (cohort numbers, best first: ``1,3,2``). Rows are
numbered as a spreadsheet shows them: the header is row 1. Empty rows are skipped.
"""

import csv
import datetime
import io
import re
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

MAX_ROWS = 5000
ID_COLUMNS = ("official_id", "id")
COLUMNS = {"official_id", "id", "email", "language", "unavailable", "preferences"}


@dataclass(frozen=True)
class RowError:
    """What is wrong with one row (0: the file itself; 1: its header) and column."""

    row: int
    column: str
    message: str


@dataclass
class ParsedRow:
    number: int
    official_id: int | None = None
    email: str = ""
    official_column: str = "email"
    language: str = ""
    unavailable: list = field(default_factory=list)
    preferences: list = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)


class UploadError(ValueError):
    """The file cannot be read at all (not CSV/XLSX, empty...)."""


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime.datetime):
        return value.date().isoformat()
    if isinstance(value, datetime.date):
        return value.isoformat()
    return str(value).strip()


def _table_from_csv(content: bytes) -> list[list[str]]:
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        try:
            text = content.decode("cp1252")
        except UnicodeDecodeError:
            raise UploadError(_("The file is not UTF-8 text.")) from None
    sample = text[:4096]
    try:
        dialect = csv.Sniffer().sniff(sample, delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    try:
        return [[_cell(v) for v in row] for row in csv.reader(io.StringIO(text), dialect)]
    except csv.Error:
        raise UploadError(_("The file is not a CSV table (text, one row per line).")) from None


def _table_from_xlsx(content: bytes) -> list[list[str]]:
    from openpyxl import load_workbook

    try:
        book = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except Exception:
        raise UploadError(_("The file is not a readable Excel workbook (XLSX).")) from None
    sheet = book.worksheets[0]
    rows = [[_cell(v) for v in row] for row in sheet.iter_rows(values_only=True)]
    book.close()
    return rows


def read_table(name: str, content: bytes) -> list[list[str]]:
    """The cells of the upload as text, row by row (XLSX by its name or signature)."""
    if name.lower().endswith(".xlsx") or content[:2] == b"PK":
        return _table_from_xlsx(content)
    return _table_from_csv(content)


DATE = r"\d{4}-\d{2}-\d{2}"


def parse_periods(text: str) -> list[list[str]]:
    """``"2010-01-20..2010-01-29; 2010-04-01"`` → [[start, end], ...]; ValueError why."""
    periods = []
    for part in re.split(r"[;\n]", text):
        part = part.strip()
        if not part:
            continue
        match = re.fullmatch(rf"({DATE})\s*(?:(?:\.\.|/|\u2013| to )\s*({DATE}))?", part)
        if not match:
            raise ValueError(
                _("“%(part)s” is not a period like 2010-01-20..2010-01-29.") % {"part": part}
            )
        try:
            start = datetime.date.fromisoformat(match.group(1))
            end = datetime.date.fromisoformat(match.group(2) or match.group(1))
        except ValueError:
            raise ValueError(_("“%(part)s” is not a real date.") % {"part": part}) from None
        if end < start:
            raise ValueError(_("“%(part)s” ends before it starts.") % {"part": part})
        periods.append([start.isoformat(), end.isoformat()])
    return periods


def parse_preferences(text: str) -> list[int]:
    """``"1,3,2"`` → [1, 3, 2]; ValueError why."""
    numbers = []
    for part in re.split(r"[,;\s]+", text.strip()):
        if not part:
            continue
        if not part.isdigit():
            raise ValueError(_("“%(part)s” is not a cohort number.") % {"part": part})
        numbers.append(int(part))
    return numbers


def parse_upload(name: str, content: bytes) -> tuple[list[ParsedRow], list[RowError]]:
    """(rows, file errors). File errors (row 1 or 0) concern the whole file: an unreadable
    file, no header, an unknown column, no column naming the official, too many rows."""
    try:
        table = read_table(name, content)
    except UploadError as error:
        return [], [RowError(0, "", str(error))]
    while table and not any(table[-1]):
        table.pop()
    if not table or not any(table[0]):
        return [], [RowError(1, "", _("The file is empty: the first row must name the columns."))]
    header = [h.strip().lower() for h in table[0]]
    errors = []
    for column in header:
        if column and column not in COLUMNS:
            errors.append(
                RowError(
                    1,
                    column,
                    _("Unknown column; use %(columns)s.")
                    % {"columns": "official_id, email, language, unavailable, preferences"},
                )
            )
    if not any(c in header for c in (*ID_COLUMNS, "email")):
        errors.append(RowError(1, "", _("A column official_id or email must name the official.")))
    if len(table) - 1 > MAX_ROWS:
        errors.append(RowError(0, "", _("At most %(max)d rows per upload.") % {"max": MAX_ROWS}))
    if errors:
        return [], errors

    rows = []
    for index, values in enumerate(table[1:], start=2):
        if not any(values):
            continue
        cells = dict(zip(header, [*values, *[""] * (len(header) - len(values))], strict=False))
        row = ParsedRow(number=index)
        id_column = next((c for c in ID_COLUMNS if c in header), None)
        raw_id = cells.get(id_column, "") if id_column else ""
        if id_column is not None and raw_id:
            row.official_column = id_column
            if raw_id.isdigit():
                row.official_id = int(raw_id)
            else:
                row.errors.append(RowError(index, id_column, _("Not an official id (a number).")))
        elif cells.get("email"):
            row.email = cells["email"]
        else:
            row.official_column = id_column or "email"
            row.errors.append(
                RowError(index, row.official_column, _("Name the official by id or e-mail."))
            )
        row.language = cells.get("language", "").lower()
        for column, parse, attr in (
            ("unavailable", parse_periods, "unavailable"),
            ("preferences", parse_preferences, "preferences"),
        ):
            try:
                setattr(row, attr, parse(cells.get(column, "")))
            except ValueError as error:
                row.errors.append(RowError(index, column, str(error)))
        rows.append(row)
    return rows, []
