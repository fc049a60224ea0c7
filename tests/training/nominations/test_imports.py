"""Nomination uploads: all or nothing with a row-by-row report, or only the good rows."""

import io

import pytest
from openpyxl import Workbook

from nonprolif.training.models.nomination import Nomination
from nonprolif.training.nominations.domain.upload import import_nominations
from nonprolif.training.nominations.imports import parse_periods, parse_upload


def upload(actor, program, item, text, only_good=False, name="nominations.csv"):
    content = text.encode() if isinstance(text, str) else text
    rows, file_errors = parse_upload(name, content)
    return import_nominations(
        actor=actor,
        program=program,
        item=item,
        rows=rows,
        file_errors=file_errors,
        only_good=only_good,
    )


def test_periods_and_single_days_are_read():
    assert parse_periods("2010-01-20..2010-01-29; 2010-04-01") == [
        ["2010-01-20", "2010-01-29"],
        ["2010-04-01", "2010-04-01"],
    ]
    with pytest.raises(ValueError, match="ends before"):
        parse_periods("2010-02-01..2010-01-01")


@pytest.fixture
def csv_with_bad_rows(official_a, official_b, senior_official_a, agency_a):
    return (
        "email,language,unavailable,preferences\n"
        f'{official_a.email},es-mx,2010-01-20..2010-01-29,"1,3,2"\n'  # row 2: good
        f"{official_b.email},,,\n"  # row 3: another agency's official: unknown to liaison A
        f"{senior_official_a.email},fr,,\n"  # row 4: bad language
        f"{official_a.email},,,\n"  # row 5: twice in the file
        f"{senior_official_a.email},,2010-13-01,9\n"  # row 6: bad date and bad cohort
    )


def test_an_upload_with_bad_rows_imports_nothing_and_lists_each_error(
    liaison_a, program, training, csv_with_bad_rows
):
    report = upload(liaison_a, program, training, csv_with_bad_rows)
    assert not report.created
    assert not Nomination.objects.exists()
    errors = {(e.row, e.column) for e in report.errors}
    assert errors == {
        (3, "email"),
        (4, "language"),
        (5, "email"),
        (6, "email"),  # the senior official's second row
        (6, "unavailable"),
        (6, "preferences"),
    }
    assert all(e.message for e in report.errors)


def test_only_the_good_rows_are_imported_when_asked(
    liaison_a, program, training, csv_with_bad_rows, official_a
):
    report = upload(liaison_a, program, training, csv_with_bad_rows, only_good=True)
    assert [n.official for n in report.created] == [official_a]
    nomination = Nomination.objects.get()
    assert nomination.preferences == [1, 3, 2]
    assert nomination.unavailable == [["2010-01-20", "2010-01-29"]]
    assert report.bad_rows == 4


def test_a_non_senior_row_for_a_senior_session_is_a_row_error(
    liaison_a, program, senior, official_a
):
    report = upload(liaison_a, program, senior, f"official_id\n{official_a.pk}\n")
    assert [(e.row, e.column) for e in report.errors] == [(2, "official_id")]
    assert "senior" in report.errors[0].message
    assert not Nomination.objects.exists()


def test_unknown_columns_and_a_missing_official_column_import_nothing_even_for_good_rows(
    liaison_a, program, training, official_a
):
    report = upload(liaison_a, program, training, f"mail,colour\n{official_a.email},red\n", True)
    assert {e.column for e in report.errors} >= {"mail", "colour"}
    assert not Nomination.objects.exists()


def test_an_excel_upload_is_read_like_a_csv(liaison_a, program, training, official_a):
    book = Workbook()
    sheet = book.active
    sheet.append(["official_id", "preferences"])
    sheet.append([official_a.pk, "2,1"])
    buffer = io.BytesIO()
    book.save(buffer)
    report = upload(liaison_a, program, training, buffer.getvalue(), name="n.xlsx")
    assert not report.errors
    assert Nomination.objects.get().preferences == [2, 1]


def test_a_file_that_is_not_a_table_is_one_clear_error(liaison_a, program, training):
    report = upload(liaison_a, program, training, b"PK\x03\x04garbage", name="n.xlsx")
    assert len(report.errors) == 1
    assert "Excel" in report.errors[0].message


def test_a_binary_file_named_csv_is_one_clear_error_and_imports_nothing(
    liaison_a, program, training
):
    png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01"
    report = upload(liaison_a, program, training, png, name="nominations.csv")
    assert len(report.errors) == 1
    assert "CSV" in report.errors[0].message
    assert not Nomination.objects.exists()
