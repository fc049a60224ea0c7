"""CSV and XLSX answers: one helper for every export and upload template.

- CSV in UTF-8 *with* a byte order mark: Excel reads a CSV without one in the machine's
  code page (``TÃ­tulo`` for ``Título``). Streamed row by row, so an export of hundreds of
  thousands of rows holds one row in memory.
- XLSX written by openpyxl's write-only workbook (rows go to a temporary file, not to
  memory) with real date and date-time cells: ``datetime.date`` and ``datetime.datetime``
  values are cells with a number format, never text. Aware date-times are shown in the
  active time zone (the program's, America/Mexico_City for the 2009 program).
- Cells that a spreadsheet would run as formulas become plain text (the OWASP rule for CSV
  injection): a text that starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return
  is written with a leading apostrophe. Numbers and dates are not text and stay as they
  are.

Callers give the header row already in the user's language (the active one) and the rows as
an iterable; iterate a queryset with ``.iterator(chunk_size=...)`` and no prefetch, so that
the number of queries does not grow with the rows.
"""

import csv
import datetime
import tempfile
from collections.abc import Iterable, Iterator, Sequence
from typing import Any, TypeVar

from django.http import FileResponse, StreamingHttpResponse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
BOM = "\ufeff"
CSV_TYPE = "text/csv; charset=utf-8"
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
FORMATS = ("csv", "xlsx")
DATE_FORMAT = "yyyy-mm-dd"
DATETIME_FORMAT = "yyyy-mm-dd hh:mm"
CHUNK = 2000  # rows a queryset reads at a time (``.iterator(chunk_size=CHUNK)``)

# The OpenAPI description of a download in either format (``openapi_extra`` of an endpoint).
SPREADSHEET_CONTENT = {
    "text/csv": {"schema": {"type": "string"}},
    XLSX_TYPE: {"schema": {"type": "string", "format": "binary"}},
}


def spreadsheet_openapi(description: str) -> dict:
    """``openapi_extra`` of an endpoint answering a CSV or XLSX file (``?format=``)."""
    return {
        "responses": {
            200: {
                "description": f"{description}: CSV (UTF-8 with BOM) or XLSX, by ``format``",
                "content": SPREADSHEET_CONTENT,
            }
        }
    }


T = TypeVar("T")


def safe_cell(value: T) -> T | str:
    """``value``, with a leading apostrophe if it is a text a spreadsheet would run."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def _local(value: datetime.datetime) -> datetime.datetime:
    """A naive date-time in the active time zone (spreadsheets know no time zones)."""
    if timezone.is_aware(value):
        value = timezone.localtime(value)
    return value.replace(tzinfo=None, microsecond=0)


def _csv_value(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, datetime.datetime):
        return _local(value).strftime("%Y-%m-%d %H:%M")
    if isinstance(value, datetime.date):
        return value.isoformat()
    return safe_cell(value)


class _Line:
    """A file-like object that hands back what ``csv.writer`` writes."""

    def write(self, text: str) -> str:
        return text


def csv_lines(headers: Sequence[str], rows: Iterable[Sequence[Any]]) -> Iterator[str]:
    """The CSV text, a line at a time (no BOM): the header, then each row (dates as ISO
    dates, date-times as ``YYYY-MM-DD HH:MM`` in the active time zone, booleans as yes/no in
    the active language, formula-like texts neutralised)."""
    writer = csv.writer(_Line())
    yield writer.writerow([safe_cell(h) for h in headers])
    for row in rows:
        yield writer.writerow([_csv_value(v) for v in row])


def _attachment(response, filename: str):
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "no-store"
    return response


def csv_response(
    filename: str, headers: Sequence[str], rows: Iterable[Sequence[Any]]
) -> StreamingHttpResponse:
    """A streamed CSV download in UTF-8 with BOM. The rows are read as the answer is sent,
    in the language and time zone active now."""
    lines = csv_lines(headers, rows)
    language = translation.get_language()
    zone = timezone.get_current_timezone()

    def content() -> Iterator[bytes]:
        yield BOM.encode("utf-8")
        with translation.override(language), timezone.override(zone):
            buffer: list[str] = []
            for line in lines:
                buffer.append(line)
                if len(buffer) >= 500:
                    yield "".join(buffer).encode("utf-8")
                    buffer = []
            if buffer:
                yield "".join(buffer).encode("utf-8")

    return _attachment(StreamingHttpResponse(content(), content_type=CSV_TYPE), filename)


def _xlsx_cell(sheet, value: Any):
    """A plain value as is (openpyxl writes it directly, the fast path); a date or date-time
    as a cell with its number format."""
    from openpyxl.cell import WriteOnlyCell

    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if not isinstance(value, datetime.date):
        return safe_cell(value)
    if isinstance(value, datetime.datetime):
        cell = WriteOnlyCell(sheet, value=_local(value))
        cell.number_format = DATETIME_FORMAT
        return cell
    cell = WriteOnlyCell(sheet, value=value)
    cell.number_format = DATE_FORMAT
    return cell


def write_xlsx(out, headers: Sequence[str], rows: Iterable[Sequence[Any]], *, title: str) -> None:
    """Write the workbook (one sheet named ``title``, the header row in bold and frozen) to
    the binary file ``out``."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    book = Workbook(write_only=True)
    sheet = book.create_sheet(title=(title[:31] or "export").replace("/", "-"))
    sheet.freeze_panes = "A2"
    bold = Font(bold=True)
    header_cells = []
    for header in headers:
        cell = WriteOnlyCell(sheet, value=safe_cell(header))
        cell.font = bold
        header_cells.append(cell)
    sheet.append(header_cells)
    for row in rows:
        sheet.append([_xlsx_cell(sheet, value) for value in row])
    book.save(out)


def xlsx_response(
    filename: str, headers: Sequence[str], rows: Iterable[Sequence[Any]], *, title: str
) -> FileResponse:
    """An XLSX download, built in a temporary file (bounded memory) and streamed from it."""
    out = tempfile.TemporaryFile()  # noqa: SIM115 (FileResponse closes it once sent)
    write_xlsx(out, headers, rows, title=title)
    out.seek(0)
    return _attachment(FileResponse(out, content_type=XLSX_TYPE), filename)


def spreadsheet_response(
    kind: str,
    stem: str,
    headers: Sequence[str],
    rows: Iterable[Sequence[Any]],
    *,
    title: str = "",
) -> StreamingHttpResponse:
    """The download ``<stem>.<kind>`` (``kind``: "csv" or "xlsx")."""
    if kind == "xlsx":
        return xlsx_response(f"{stem}.xlsx", headers, rows, title=title or stem)
    return csv_response(f"{stem}.csv", headers, rows)
