"""Upload limits, web and API: a file over UPLOAD_MAX_BYTES is refused unread naming its field,
a zip bomb is refused before openpyxl decompresses it, the row limit stops the reading, and
formula cells are errors of their row and column. Each refusal writes nothing."""

import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook

from nonprolif.core.models import AuditEntry
from nonprolif.training.models.nomination import Nomination
from nonprolif.training.nominations import imports
from nonprolif.training.nominations.imports import parse_upload, read_table

API = "/api/v1"


def web_url(program, item):
    return reverse("nomination_item", args=[program.code, item.key])


def api_url(program, item):
    return f"{API}/programs/{program.code}/nomination-items/{item.key}/nominations/upload"


def big_csv(official) -> bytes:
    """A 45 MB CSV: a good first row and then rows until the size is reached."""
    line = f"{official.email}\n".encode()
    return b"email\n" + line * (45 * 1024 * 1024 // len(line))


def zip_bomb() -> bytes:
    """An XLSX-shaped zip whose sheet decompresses to 200 MB from a few hundred kilobytes."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        with archive.open("xl/worksheets/sheet1.xml", "w") as sheet:
            chunk = b" " * (1024 * 1024)
            for _ in range(200):
                sheet.write(chunk)
    return buffer.getvalue()


def formula_xlsx(official) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.append(["official_id", "language"])
    sheet.append(["=1+1", "en"])
    sheet.append([official.pk, '=HYPERLINK("http://evil.example","x")'])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


@pytest.fixture
def spy_reading(monkeypatch):
    """The calls of read_table: a refused-unread file never reaches it."""
    calls = []
    original = imports.read_table

    def spy(*args, **kwargs):
        calls.append(args[0])
        return original(*args, **kwargs)

    monkeypatch.setattr(imports, "read_table", spy)
    return calls


def test_a_45_mb_csv_is_refused_unread_on_the_web_naming_the_file_field(
    as_user, liaison_a, program, training, official_a, spy_reading
):
    response = as_user(liaison_a).post(
        web_url(program, training),
        {"form": "upload", "upload-file": SimpleUploadedFile("n.csv", big_csv(official_a))},
    )
    assert response.status_code == 400
    form = response.context["upload_form"]
    assert list(form.errors) == ["file"]
    assert "5,0" in form.errors["file"][0] or "5.0" in form.errors["file"][0]
    assert spy_reading == []
    assert not Nomination.objects.exists()


def test_a_45_mb_csv_is_refused_unread_by_the_api_naming_the_file_field(
    as_user, liaison_a, program, training, official_a, spy_reading
):
    before = AuditEntry.objects.count()
    response = as_user(liaison_a).post(
        api_url(program, training), {"file": SimpleUploadedFile("n.csv", big_csv(official_a))}
    )
    assert response.status_code == 422
    [error] = response.json()["detail"]
    assert (error["field"], error["row"]) == ("file", 0)
    assert spy_reading == []
    assert not Nomination.objects.exists()
    assert AuditEntry.objects.count() == before


def test_the_upload_handler_keeps_no_byte_past_the_limit(
    as_user, liaison_a, program, training, official_a, settings, monkeypatch
):
    """The file that reaches the form holds the limit and one byte, not the 45 MB sent."""
    seen = []
    original = imports.size_error
    monkeypatch.setattr(
        "nonprolif.training.nominations.forms.size_error",
        lambda size: seen.append(size) or original(size),
    )
    as_user(liaison_a).post(
        web_url(program, training),
        {"form": "upload", "upload-file": SimpleUploadedFile("n.csv", big_csv(official_a))},
    )
    assert seen == [settings.UPLOAD_MAX_BYTES + 1]


def test_a_file_just_within_the_limit_is_read(liaison_a, program, training, official_a, settings):
    settings.UPLOAD_MAX_BYTES = 100
    content = f"email\n{official_a.email}\n".encode().ljust(100, b"\n")
    rows, errors = parse_upload("n.csv", content)
    assert errors == []
    assert [row.email for row in rows] == [official_a.email]
    rows, errors = parse_upload("n.csv", content + b"\n")
    assert rows == []
    assert errors[0].row == 0
    assert "100" in errors[0].message  # the limit, in bytes (filesizeformat)


def test_a_zip_bomb_xlsx_is_refused_before_it_is_decompressed(
    as_user, liaison_a, program, training, monkeypatch
):
    bomb = zip_bomb()
    assert len(bomb) < 5 * 1024 * 1024

    def never(*args, **kwargs):
        raise AssertionError("openpyxl opened the bomb")

    monkeypatch.setattr("openpyxl.load_workbook", never)
    client = as_user(liaison_a)
    web = client.post(
        web_url(program, training),
        {"form": "upload", "upload-file": SimpleUploadedFile("n.xlsx", bomb)},
    )
    assert web.status_code == 400
    [error] = web.context["report"].errors
    assert error.row == 0
    assert "200.0" in error.message
    api = client.post(api_url(program, training), {"file": SimpleUploadedFile("n.xlsx", bomb)})
    assert api.status_code == 422
    [error] = api.json()["detail"]
    assert error["field"] == "file"
    assert "200.0" in error["message"]
    assert not Nomination.objects.exists()


def test_a_high_compression_ratio_alone_is_refused(settings):
    settings.UPLOAD_MAX_UNCOMPRESSED_BYTES = 10**12
    rows, errors = parse_upload("n.xlsx", zip_bomb())
    assert rows == []
    assert "200.0" in errors[0].message


def test_the_row_limit_stops_the_reading_at_the_first_row_past_it(monkeypatch):
    lines = ["email"] + [f"a{i}@example.org" for i in range(100)]
    table = read_table("n.csv", "\n".join(lines).encode(), max_rows=10)
    assert len(table) == 12  # the header, 10 rows and the one that tells there are more
    monkeypatch.setattr(imports, "MAX_ROWS", 10)
    rows, errors = parse_upload("n.csv", "\n".join(lines).encode())
    assert rows == []
    assert errors[0].row == 0
    assert "10" in errors[0].message


def test_the_row_limit_stops_reading_an_xlsx_too():
    book = Workbook()
    for i in range(50):
        book.active.append([f"a{i}@example.org"])
    buffer = io.BytesIO()
    book.save(buffer)
    assert len(read_table("n.xlsx", buffer.getvalue(), max_rows=5)) == 7


def test_formula_cells_are_errors_of_their_row_and_column_on_the_web_and_in_the_api(
    as_user, liaison_a, program, training, official_a
):
    content = formula_xlsx(official_a)
    client = as_user(liaison_a)
    web = client.post(
        web_url(program, training),
        {"form": "upload", "upload-file": SimpleUploadedFile("n.xlsx", content)},
    )
    assert web.status_code == 400
    assert {(e.row, e.column) for e in web.context["report"].errors} == {
        (2, "official_id"),
        (3, "language"),
    }
    api = client.post(api_url(program, training), {"file": SimpleUploadedFile("n.xlsx", content)})
    assert api.status_code == 422
    detail = api.json()["detail"]
    assert {(e["row"], e["column"]) for e in detail} == {(2, "official_id"), (3, "language")}
    assert "=1+1" in detail[0]["message"]
    assert not Nomination.objects.exists()


def test_an_official_id_over_64_bits_is_a_row_error_not_a_500(
    as_user, liaison_a, program, training
):
    content = f"official_id\n{2**64}\n٣\n".encode()
    response = as_user(liaison_a).post(
        api_url(program, training), {"file": SimpleUploadedFile("n.csv", content)}
    )
    assert response.status_code == 422
    assert [(e["row"], e["column"]) for e in response.json()["detail"]] == [
        (2, "official_id"),
        (3, "official_id"),
    ]
    assert not Nomination.objects.exists()


def test_a_nul_in_a_cell_is_a_row_error(as_user, liaison_a, program, training, official_a):
    content = f"email,language\n{official_a.email},es\x00mx\n".encode()
    response = as_user(liaison_a).post(
        api_url(program, training), {"file": SimpleUploadedFile("n.csv", content)}
    )
    assert response.status_code == 422
    assert [(e["row"], e["column"]) for e in response.json()["detail"]] == [(2, "language")]
    assert not Nomination.objects.exists()
