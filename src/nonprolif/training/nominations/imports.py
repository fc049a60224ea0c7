"""Reading a nominations upload (CSV or XLSX) into rows; no database.

The first row names the columns (any order, case and accents ignored), by code or by the
name the template gives it in Spanish or English (:data:`COLUMN_LABELS`): ``official_id``
(or ``id``) and/or ``email`` to name the official (one is needed), and optionally
``language`` (es-mx or en), ``unavailable`` (periods like
``2010-01-20..2010-01-29; 2010-04-01..2010-04-05``; a single date is one day) and
``preferences`` (cohort numbers, best first: ``1,3,2``). Rows are numbered as a spreadsheet
shows them: the header is row 1. Empty rows are skipped.
"""

import csv
import datetime
import io
import re
import unicodedata
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

MAX_ROWS = 5000
ID_COLUMNS = ("official_id", "id")
COLUMNS = {"official_id", "id", "email", "language", "unavailable", "preferences"}
# The columns' names in the template (and in the users' languages: a file names a column by
# its code, or by its name in Spanish or in English, as the template of either gives it).
COLUMN_LABELS = {
    "official_id": gettext_lazy("Official id"),
    "email": gettext_lazy("E-mail"),
    "language": gettext_lazy("Language"),
    "unavailable": gettext_lazy("Unavailable"),
    "preferences": gettext_lazy("Preferences"),
}
LANGUAGES = ("es-mx", "en")


def _folded(name: str) -> str:
    """A column name as the header compares it: case, accents and spacing ignored."""
    text = unicodedata.normalize("NFKD", name.strip().lower())
    return " ".join("".join(c for c in text if not unicodedata.combining(c)).split())


def column_aliases() -> dict[str, str]:
    """{folded name: column code} for the codes and their names in every language."""
    aliases = {_folded(code): code for code in COLUMNS}
    for language in LANGUAGES:
        with translation.override(language):
            aliases.update({_folded(str(label)): code for code, label in COLUMN_LABELS.items()})
    return aliases


def template_headers() -> list[str]:
    """The template's header row, in the active language."""
    return [str(label) for label in COLUMN_LABELS.values()]


def template_example(sessions_from: datetime.date) -> list[str]:
    """The template's example row: an official named by id (the e-mail would do too), a
    period he cannot attend and his cohort preferences, best first."""
    start = sessions_from + datetime.timedelta(days=14)
    return [
        "1234",
        "",
        "es-mx",
        f"{start.isoformat()}..{(start + datetime.timedelta(days=4)).isoformat()}",
        "2,1",
    ]


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


class FormulaCell(str):
    """The text of a formula cell (``=SUM(A1:A3)``): reported as an error of its row, never
    read as a value (nor dropped, as an unevaluated formula's empty cached value would be)."""


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


def size_error(size: int | None) -> str | None:
    """Why an upload of ``size`` bytes is refused before it is read, or None."""
    limit = settings.UPLOAD_MAX_BYTES
    if size is not None and size > limit:
        return _("The file is larger than %(limit)s: it was not read.") % {
            "limit": filesizeformat(limit)
        }
    return None


def _limited(rows: Iterable[list[str]], max_rows: int) -> list[list[str]]:
    """The first rows of a table, header included, reading no further than the first
    non-empty row past ``max_rows`` data rows (so that the caller sees there are too many)."""
    table: list[list[str]] = []
    filled = 0
    for row in rows:
        table.append(row)
        if any(row):
            filled += 1
            if filled > max_rows + 1:
                break
    return table


def _table_from_csv(content: bytes, max_rows: int) -> list[list[str]]:
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
        reader = csv.reader(io.StringIO(text), dialect)
        return _limited(([_cell(v) for v in row] for row in reader), max_rows)
    except csv.Error:
        raise UploadError(_("The file is not a CSV table (text, one row per line).")) from None


def _check_zip(content: bytes) -> None:
    """Refuse a zip (an XLSX) that would decompress to more than the settings allow, in all or
    against its compressed size, before anything is decompressed (a zip bomb). The sizes are
    those the zip declares; Python's zipfile never decompresses a member past its declared
    size."""
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, ValueError, OSError):
        raise UploadError(_("The file is not a readable Excel workbook (XLSX).")) from None
    total = sum(member.file_size for member in members)
    compressed = sum(member.compress_size for member in members)
    if total > settings.UPLOAD_MAX_UNCOMPRESSED_BYTES or (
        total > settings.UPLOAD_MAX_COMPRESSION_RATIO * max(compressed, 1)
    ):
        raise UploadError(
            _("The workbook decompresses to %(size)s, more than the %(limit)s allowed.")
            % {
                "size": filesizeformat(total),
                "limit": filesizeformat(
                    min(
                        settings.UPLOAD_MAX_UNCOMPRESSED_BYTES,
                        settings.UPLOAD_MAX_COMPRESSION_RATIO * max(compressed, 1),
                    )
                ),
            }
        )


def _xlsx_value(cell) -> str:
    if getattr(cell, "data_type", None) == "f":
        return FormulaCell(str(cell.value))
    return _cell(cell.value)


def _table_from_xlsx(content: bytes, max_rows: int) -> list[list[str]]:
    from openpyxl import load_workbook

    _check_zip(content)
    try:
        # Read-only (streamed, one row at a time) and with formulas as formulas: a formula's
        # cached value may be empty (the file was never opened in a spreadsheet).
        book = load_workbook(io.BytesIO(content), read_only=True, data_only=False)
    except Exception:
        raise UploadError(_("The file is not a readable Excel workbook (XLSX).")) from None
    try:
        sheet = book.worksheets[0]
        rows = ([_xlsx_value(cell) for cell in row] for row in sheet.iter_rows())
        return _limited(rows, max_rows)
    except Exception:
        raise UploadError(_("The file is not a readable Excel workbook (XLSX).")) from None
    finally:
        book.close()


def read_table(name: str, content: bytes, max_rows: int = MAX_ROWS) -> list[list[str]]:
    """The cells of the upload as text, row by row (XLSX by its name or signature), up to the
    first non-empty row past ``max_rows`` data rows."""
    if name.lower().endswith(".xlsx") or content[:2] == b"PK":
        return _table_from_xlsx(content, max_rows)
    return _table_from_csv(content, max_rows)


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
        if not re.fullmatch(r"[0-9]{1,4}", part):
            raise ValueError(_("“%(part)s” is not a cohort number.") % {"part": part})
        numbers.append(int(part))
    return numbers


def _unreadable_cells(number: int, cells: dict[str, str]) -> list[RowError]:
    """The errors of a row's cells that hold no value to read: a formula, or a NUL or another
    control character."""
    errors = []
    for column, value in cells.items():
        if isinstance(value, FormulaCell):
            errors.append(
                RowError(
                    number,
                    column,
                    _("A formula (%(formula)s): enter its value instead.") % {"formula": value},
                )
            )
        elif any(unicodedata.category(char) == "Cc" and char not in "\t\n\r" for char in value):
            errors.append(RowError(number, column, _("The cell holds a control character.")))
    return errors


def parse_upload(name: str, content: bytes) -> tuple[list[ParsedRow], list[RowError]]:
    """(rows, file errors). File errors (row 1 or 0) concern the whole file: an unreadable
    file, no header, an unknown column, no column naming the official, too many rows; a file
    over ``UPLOAD_MAX_BYTES`` is refused unread."""
    too_large = size_error(len(content))
    if too_large:
        return [], [RowError(0, "", too_large)]
    try:
        table = read_table(name, content)
    except UploadError as error:
        return [], [RowError(0, "", str(error))]
    while table and not any(table[-1]):
        table.pop()
    if not table or not any(table[0]):
        return [], [RowError(1, "", _("The file is empty: the first row must name the columns."))]
    aliases = column_aliases()
    header = [aliases.get(_folded(h), h.strip().lower()) for h in table[0]]
    errors = []
    for column in header:
        if column and column not in COLUMNS:
            errors.append(
                RowError(
                    1,
                    column,
                    _("Unknown column; use %(columns)s.")
                    % {"columns": ", ".join(template_headers())},
                )
            )
    if not any(c in header for c in (*ID_COLUMNS, "email")):
        errors.append(RowError(1, "", _("A column official_id or email must name the official.")))
    if sum(1 for values in table[1:] if any(values)) > MAX_ROWS:
        errors.append(RowError(0, "", _("At most %(max)d rows per upload.") % {"max": MAX_ROWS}))
    if errors:
        return [], errors

    rows = []
    for index, values in enumerate(table[1:], start=2):
        if not any(values):
            continue
        cells = dict(zip(header, [*values, *[""] * (len(header) - len(values))], strict=False))
        row = ParsedRow(number=index)
        unreadable = _unreadable_cells(index, cells)
        row.errors.extend(unreadable)
        for bad in unreadable:  # reported: not read as a value
            cells[bad.column] = ""
        id_column = next((c for c in ID_COLUMNS if c in header), None)
        raw_id = cells.get(id_column, "") if id_column else ""
        naming = [bad.column for bad in unreadable if bad.column in (*ID_COLUMNS, "email")]
        if naming:
            row.official_column = naming[0]
            rows.append(row)
            continue
        if id_column is not None and raw_id:
            row.official_column = id_column
            if re.fullmatch(r"[0-9]{1,18}", raw_id):
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
