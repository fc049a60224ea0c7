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
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from nonprolif.core.tables import (  # noqa: F401 (FormulaCell, UploadError: this module's API too)
    FormulaCell,
    RowError,
    UploadError,
    cell_text,
    folded,
    is_xlsx,
    size_error,
    unreadable_cell,
    xlsx_rows,
)

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


def column_aliases() -> dict[str, str]:
    """{folded name: column code} for the codes and their names in every language."""
    aliases = {folded(code): code for code in COLUMNS}
    for language in LANGUAGES:
        with translation.override(language):
            aliases.update({folded(str(label)): code for code, label in COLUMN_LABELS.items()})
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
        return _limited(([cell_text(v) for v in row] for row in reader), max_rows)
    except csv.Error:
        raise UploadError(_("The file is not a CSV table (text, one row per line).")) from None


def _table_from_xlsx(content: bytes, max_rows: int) -> list[list[str]]:
    return _limited(xlsx_rows(content), max_rows)


def read_table(name: str, content: bytes, max_rows: int = MAX_ROWS) -> list[list[str]]:
    """The cells of the upload as text, row by row (XLSX by its name or signature), up to the
    first non-empty row past ``max_rows`` data rows."""
    if is_xlsx(name, content):
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
        why = unreadable_cell(value)
        if why:
            errors.append(RowError(number, column, why))
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
    header = [aliases.get(folded(h), h.strip().lower()) for h in table[0]]
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
