"""Reading a batch file: every row checked, every error named by row and column."""

import io

import pytest
from openpyxl import Workbook

from nonprolif.core.tables import UploadError, check_zip
from nonprolif.screening.batches.reading import read_batch

HEADER = (
    "declaration,record,role,name,kind,country,birth_date,identifiers,description,"
    "tariff_code,cas_numbers\n"
)
GOOD = (
    HEADER
    + "09-000001,party,importer,Química del Norte S.A. de C.V.,entity,MX,,tax_id:QNO0901015X1,,,\n"
    + "09-000001,party,end_user,Juan Pérez López,person,mx,1965-04,passport:G1234567:MX,,,\n"
    + "\n"
    + "09-000001,goods,,,,,,,Cloruro de tionilo,2812.17.01,7719-09-7\n"
)


def errors_of(text: str) -> list[tuple[int, str]]:
    return [(e.row, e.column) for e in read_batch("batch.csv", text.encode()).errors]


def test_a_good_file_gives_its_parties_and_lines_in_row_order():
    content = read_batch("batch.csv", GOOD.encode())
    assert content.errors == []
    assert [(p.row, p.role, p.kind, p.country) for p in content.parties] == [
        (2, "importer", "entity", "MX"),
        (3, "end_user", "person", "MX"),
    ]
    assert content.parties[1].birth_date == "1965-04"
    assert content.parties[1].identifiers == (
        {"kind": "passport", "number": "G1234567", "country": "MX"},
    )
    assert content.parties[0].identifiers[0]["country"] is None
    [line] = content.lines
    assert (line.row, line.tariff_code, line.cas_numbers) == (5, "2812.17.01", ("7719-09-7",))


@pytest.mark.parametrize(
    ("row", "column"),
    [
        ("09-1,buyer,importer,A,,,,,,,", "record"),
        ("09-1,party,buyer,A,,,,,,,", "role"),
        ("09-1,party,,A,,,,,,,", "role"),
        ("09-1,party,importer,A,robot,,,,,,", "kind"),
        ("09-1,party,importer,A,,MEX,,,,,", "country"),
        ("09-1,party,importer,A,,,1965-13-01,,,,", "birth_date"),
        ("09-1,party,importer,A,,,12/04/1965,,,,", "birth_date"),
        ("09-1,party,importer,A,,,,passport,,,", "identifiers"),
        ("09-1,party,importer,A,,,,licence:123,,,", "identifiers"),
        ("09-1,party,importer,A,,,,passport:1:MEX,,,", "identifiers"),
        ("09-1,party,importer,,,,,,,,", "name"),
        (",party,importer,A,,,,,,,", "declaration"),
        ("09-1,goods,,,,,,,,,", "description"),
        ("09-1,goods,,,,,,,Ácido,,7719-09-8", "cas_numbers"),
        ("09-1,goods,,,,,,,Ácido,28AB,", "tariff_code"),
        ("09-1,party,importer,A\x01B,,,,,,,", "name"),
    ],
)
def test_each_kind_of_bad_row_is_named_by_row_and_column(row, column):
    assert (2, column) in errors_of(HEADER + row + "\n")


def test_every_error_of_every_row_is_collected_and_nothing_is_given():
    text = HEADER + "09-1,party,buyer,A,,MEX,,,,,\n" + "09-1,goods,,,,,,,,,1-1-1\n"
    content = read_batch("batch.csv", text.encode())
    assert [(e.row, e.column) for e in content.errors] == [
        (2, "role"),
        (2, "country"),
        (3, "description"),
        (3, "cas_numbers"),
    ]
    assert content.parties == []
    assert content.lines == []


def test_a_byte_order_mark_and_semicolons_are_read():
    text = "\ufeff" + GOOD.replace(",", ";").replace("S.A. de C.V.", "SA")
    content = read_batch("batch.csv", text.encode("utf-8"))
    assert content.errors == []
    assert len(content.parties) == 2


def test_spanish_headers_and_values_are_read():
    text = (
        "Pedimento,Registro,Papel,Nombre,Tipo,País,Fecha_Nacimiento,Identificadores,"
        "Descripción,Fracción,CAS\n"
        "09-7,parte,usuario_final,Ana Ruiz,persona,MX,1970,,,,\n"
        "09-7,Mercancía,,,,,,,Ácido fluorhídrico,,7664-39-3\n"
    )
    content = read_batch("lote.csv", text.encode())
    assert content.errors == []
    assert (content.parties[0].role, content.parties[0].kind) == ("end_user", "person")
    assert content.lines[0].cas_numbers == ("7664-39-3",)


def test_an_unknown_or_missing_column_is_an_error_of_the_header():
    assert errors_of("declaration,colour\n09-1,red\n") == [(1, "colour"), (1, "record")]


def test_an_empty_file_and_a_file_without_rows_are_refused():
    assert errors_of("") == [(1, "")]
    assert errors_of(HEADER) == [(0, "")]


def test_a_file_that_is_not_utf8_is_refused():
    content = read_batch(
        "batch.csv", (HEADER + "09-1,party,importer,Peña,,,,,,,\n").encode("utf-16")
    )
    assert [e.row for e in content.errors] == [0]


def test_too_many_rows_are_refused(settings):
    settings.SCREENING_BATCH_MAX_ROWS = 2
    rows = "".join(f"09-{n},party,importer,Nombre {n},,,,,,,\n" for n in range(3))
    content = read_batch("batch.csv", (HEADER + rows).encode())
    assert [(e.row, e.column) for e in content.errors] == [(0, "")]
    assert "2" in content.errors[0].message


def test_a_file_over_the_upload_limit_is_refused_unread(settings):
    settings.UPLOAD_MAX_BYTES = 100
    content = read_batch("batch.csv", GOOD.encode())
    assert [e.row for e in content.errors] == [0]


def _xlsx(rows) -> bytes:
    book = Workbook()
    sheet = book.active
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def test_an_xlsx_first_sheet_is_read_and_its_formula_cells_are_errors():
    header = HEADER.strip().split(",")
    data = _xlsx(
        [
            header,
            ["09-1", "party", "importer", "Ana Ruiz", "", "MX", 1970, "", "", "", ""],
            ["09-1", "party", "importer", "=A2&B2", "", "", "", "", "", "", ""],
        ]
    )
    content = read_batch("lote.xlsx", data)
    assert [(e.row, e.column) for e in content.errors] == [(3, "name")]
    good = read_batch(
        "lote.xlsx", _xlsx([header, ["09-1", "party", "importer", "Ana", "", "MX", 1970]])
    )
    assert good.errors == []
    assert good.parties[0].birth_date == "1970"


def test_a_workbook_that_decompresses_past_the_limit_is_refused_unread(settings):
    settings.UPLOAD_MAX_UNCOMPRESSED_BYTES = 1000
    header = HEADER.strip().split(",")
    data = _xlsx([header, ["09-1", "party", "importer", "Ana"]])
    content = read_batch("lote.xlsx", data)
    assert [(e.row, e.column) for e in content.errors] == [(0, "")]
    with pytest.raises(UploadError) as refused:
        check_zip(data)
    assert content.errors[0].message == str(refused.value)


def test_a_value_in_a_column_the_header_does_not_name_is_an_error_of_its_row():
    assert errors_of(HEADER + "09-1,party,importer,A,,,,,,,,surplus\n") == [(2, "")]
    assert errors_of("declaration,record,,name,role\n09-1,party,x,A,importer\n") == [(2, "")]
    assert errors_of("declaration,record,,name,role\n09-1,party,,A,importer\n") == []


def test_a_column_given_twice_is_an_error_of_the_header():
    assert errors_of("declaration,record,nombre,name\n09-1,party,A,A\n") == [(1, "name")]
