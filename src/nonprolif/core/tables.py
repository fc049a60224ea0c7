"""Reading an uploaded table (CSV or XLSX) a row at a time, whatever the feature: the pieces
the nominations upload and the screening batches share.

- A file over ``UPLOAD_MAX_BYTES`` is refused unread (:func:`size_error`).
- An XLSX is checked against a zip bomb before anything is decompressed (:func:`check_zip`)
  and read streamed (openpyxl's read-only mode) with formulas kept as formulas: a formula
  cell is a :class:`FormulaCell`, reported as an error of its row (:func:`unreadable_cell`),
  never read as a value.
- A CSV is read by the csv module over a text wrapper (UTF-8, a byte order mark or not), the
  delimiter sniffed among comma, semicolon and tab.
- Column names compare folded (:func:`folded`: case, accents and spacing ignored).
- What is wrong is a :class:`RowError` naming the row (0: the file itself; 1: its header) and
  the column.
"""

import csv
import datetime
import io
import unicodedata
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass

from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _


@dataclass(frozen=True)
class RowError:
    """What is wrong with one row (0: the file itself; 1: its header) and column."""

    row: int
    column: str
    message: str


class UploadError(ValueError):
    """The file cannot be read at all (not CSV/XLSX, empty...)."""


class FormulaCell(str):
    """The text of a formula cell (``=SUM(A1:A3)``): reported as an error of its row, never
    read as a value (nor dropped, as an unevaluated formula's empty cached value would be)."""


def folded(name: str) -> str:
    """A column name as a header compares it: case, accents and spacing ignored."""
    text = unicodedata.normalize("NFKD", name.strip().lower())
    return " ".join("".join(c for c in text if not unicodedata.combining(c)).split())


def cell_text(value) -> str:
    """A cell's value as text (a whole float without its ``.0``, dates as ISO dates)."""
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


def unreadable_cell(value: str) -> str | None:
    """Why a cell holds no value to read (a formula, a NUL or another control character), or
    None."""
    if isinstance(value, FormulaCell):
        return _("A formula (%(formula)s): enter its value instead.") % {"formula": value}
    if any(unicodedata.category(char) == "Cc" and char not in "\t\n\r" for char in value):
        return _("The cell holds a control character.")
    return None


def check_zip(content: bytes) -> None:
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


def xlsx_value(cell) -> str:
    """A read-only cell's text; a formula as a :class:`FormulaCell`."""
    if getattr(cell, "data_type", None) == "f":
        return FormulaCell(str(cell.value))
    return cell_text(cell.value)


def xlsx_rows(content: bytes) -> Iterator[list[str]]:
    """The first sheet's rows as text, one at a time (``check_zip`` first; UploadError when
    the workbook cannot be read)."""
    from openpyxl import load_workbook

    check_zip(content)
    try:
        # Read-only (streamed, one row at a time) and with formulas as formulas: a formula's
        # cached value may be empty (the file was never opened in a spreadsheet).
        book = load_workbook(io.BytesIO(content), read_only=True, data_only=False)
    except Exception:
        raise UploadError(_("The file is not a readable Excel workbook (XLSX).")) from None
    try:
        for row in book.worksheets[0].iter_rows():
            yield [xlsx_value(cell) for cell in row]
    except UploadError:
        raise
    except Exception:
        raise UploadError(_("The file is not a readable Excel workbook (XLSX).")) from None
    finally:
        book.close()


def csv_rows(content: bytes) -> Iterator[list[str]]:
    """The rows of a UTF-8 CSV (a byte order mark or not) as text, one at a time, read by the
    csv module over a text wrapper; the delimiter sniffed (comma, semicolon, tab).
    UploadError when the bytes are not UTF-8 or not a CSV table."""
    text = io.TextIOWrapper(io.BytesIO(content), encoding="utf-8-sig", newline="")
    try:
        sample = text.read(4096)
        text.seek(0)
        try:
            dialect: type[csv.Dialect] | csv.Dialect = csv.Sniffer().sniff(
                sample, delimiters=",;\t"
            )
        except csv.Error:
            dialect = csv.excel
        for row in csv.reader(text, dialect):
            yield [cell_text(value) for value in row]
    except UnicodeDecodeError:
        raise UploadError(_("The file is not UTF-8 text.")) from None
    except csv.Error:
        raise UploadError(_("The file is not a CSV table (text, one row per line).")) from None


def is_xlsx(name: str, content: bytes) -> bool:
    """Whether an upload is a workbook: by its name or its zip signature."""
    return name.lower().endswith(".xlsx") or content[:2] == b"PK"


def table_rows(name: str, content: bytes) -> Iterator[list[str]]:
    """The upload's rows as text, one at a time: XLSX (by name or signature) or CSV."""
    return xlsx_rows(content) if is_xlsx(name, content) else csv_rows(content)
