"""Nominations as CSV and XLSX: the rows the user sees, with the list's filters; 404 for an
outsider or an unknown item; real date cells; queries that do not grow with the rows; the
upload's template, which the upload accepts filled in."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from nonprolif.core.models import AuditEntry
from nonprolif.training.models.nomination import Nomination, NominationStatus
from tests.conftest import AUDITED_READ_QUERIES
from tests.exports import client_speaking, column, csv_rows, xlsx_rows, xlsx_sheet


def item_export(program, item, kind):
    return reverse("item_nominations_export", args=[program.code, item.key, kind])


def queue_export(program, kind):
    return reverse("program_nominations_export", args=[program.code, kind])


def test_the_item_csv_holds_the_rows_the_liaison_sees(
    as_user, liaison_a, program, training, official_a, official_b, make_nomination
):
    make_nomination(official_a, training, preferences=[2, 1])
    make_nomination(official_b, training, minute=1)

    rows = csv_rows(client_speaking(as_user, liaison_a).get(item_export(program, training, "csv")))

    assert rows[0][:4] == ["Item", "Item title", "Official id", "Official"]
    assert column(rows, "Official") == [official_a.full_name]
    assert column(rows, "Preferences") == ["2,1"]
    assert column(rows, "Nominated") == ["2009-09-14 09:00"]


def test_the_export_follows_the_list_filters(
    as_user, coordinator, program, training, official_a, official_b, make_nomination
):
    make_nomination(official_a, training)
    make_nomination(official_b, training, minute=1, status=NominationStatus.SUBMITTED)
    client = client_speaking(as_user, coordinator)

    rows = csv_rows(client.get(item_export(program, training, "csv"), {"status": "submitted"}))
    assert column(rows, "Official") == [official_b.full_name]
    queue = csv_rows(client.get(queue_export(program, "csv")))  # the queue: awaiting approval
    assert column(queue, "Official") == [official_b.full_name]
    every = csv_rows(client.get(queue_export(program, "csv"), {"status": ""}))
    assert len(every) == 3


def test_the_xlsx_has_real_date_cells(
    as_user, coordinator, program, training, official_a, make_nomination
):
    make_nomination(official_a, training)

    sheet = xlsx_sheet(
        client_speaking(as_user, coordinator).get(item_export(program, training, "xlsx"))
    )

    header = [cell.value for cell in sheet[1]]
    nominated = sheet.cell(row=2, column=header.index("Nominated") + 1)
    assert nominated.is_date
    assert nominated.value == datetime.datetime(2009, 9, 14, 9, 0)


def test_headers_are_in_the_users_language(
    as_user, liaison_a, program, training, official_a, make_nomination
):
    make_nomination(official_a, training)
    client = client_speaking(as_user, liaison_a, "es-mx")
    rows = xlsx_rows(client.get(item_export(program, training, "xlsx")))
    assert rows[0][3] == "Funcionario"
    assert column(rows, "Estatus") == ["Aprobada"]


@pytest.mark.parametrize("kind", ["csv", "xlsx"])
def test_an_outsider_gets_404_and_no_rows(
    as_user, outsider, program, training, official_a, make_nomination, kind
):
    make_nomination(official_a, training)
    client = client_speaking(as_user, outsider)
    assert client.get(item_export(program, training, kind)).status_code == 404
    assert client.get(queue_export(program, kind)).status_code == 404
    template = reverse("nominations_upload_template", args=[program.code, training.key, kind])
    assert client.get(template).status_code == 404


def test_an_unknown_item_or_format_gives_404(as_user, coordinator, program, training):
    client = client_speaking(as_user, coordinator)
    unknown = reverse(
        "item_nominations_export",
        args=[program.code, "0" * 8 + "-0000-0000-0000-" + "0" * 12, "csv"],
    )
    assert client.get(unknown).status_code == 404
    assert client.get(item_export(program, training, "pdf")).status_code == 404


def test_the_liaison_of_another_agency_cannot_see_a_senior_item_not_for_him(
    as_user, liaison_b, program, senior, senior_official_a, make_nomination
):
    make_nomination(senior_official_a, senior)
    rows = csv_rows(
        client_speaking(as_user, liaison_b).get(queue_export(program, "csv"), {"status": ""})
    )
    assert senior_official_a.full_name not in str(rows)


def test_the_export_is_read_audited(
    as_user, coordinator, program, training, official_a, make_nomination
):
    make_nomination(official_a, training)
    client_speaking(as_user, coordinator).get(
        item_export(program, training, "csv"), {"status": "approved"}
    )
    entry = AuditEntry.objects.filter(action="nomination.export").get()
    assert entry.changes["format"] == "csv"
    assert entry.changes["search"] == {"status": "approved"}


@pytest.mark.parametrize("kind", ["csv", "xlsx"])
def test_the_query_count_does_not_grow_with_the_rows(
    as_user, coordinator, program, training, officials_of, agency_a, make_nomination, kind
):
    client = client_speaking(as_user, coordinator)
    people = officials_of(agency_a, 3)
    counts = []
    for n in (1, 3):
        Nomination.objects.all().delete()
        for minute, official in enumerate(people[:n]):
            make_nomination(official, training, minute=minute)
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as captured:
            response = client.get(item_export(program, training, kind))
            response.getvalue()
        counts.append(len(captured.captured_queries))
    assert counts[0] == counts[1]
    assert counts[0] <= 12 + AUDITED_READ_QUERIES


# The upload's template -------------------------------------------------------------------


@pytest.mark.parametrize("language", ["es-mx", "en"])
@pytest.mark.parametrize("kind", ["csv", "xlsx"])
def test_the_template_filled_in_is_imported(
    as_user, liaison_a, program, training, official_a, language, kind
):
    client = client_speaking(as_user, liaison_a, language)
    url = reverse("nominations_upload_template", args=[program.code, training.key, kind])
    response = client.get(url)
    if kind == "csv":
        rows = csv_rows(response)
    else:
        rows = [["" if v is None else v for v in row] for row in xlsx_rows(response)]
    header, example = rows
    spanish = language == "es-mx"
    assert header[0] == ("Id del funcionario" if spanish else "Official id")
    assert example[0] == "1234"

    # the user replaces the example with his official
    filled = [str(official_a.pk), "", "en", "2009-11-16..2009-11-20", "2,1"]
    if kind == "csv":
        content = "\ufeff" + ",".join(header) + "\n" + ",".join(f'"{v}"' for v in filled)
        upload = SimpleUploadedFile("filled.csv", content.encode())
    else:
        import io

        from openpyxl import Workbook

        book = Workbook()
        book.active.append(header)
        book.active.append(filled)
        out = io.BytesIO()
        book.save(out)
        upload = SimpleUploadedFile("filled.xlsx", out.getvalue())
    response = client.post(
        reverse("nomination_item", args=[program.code, training.key]),
        {"form": "upload", "upload-file": upload},
    )

    assert response.status_code == 200  # the page, with the message of the import
    nomination = Nomination.objects.get()
    assert (nomination.official, nomination.language, nomination.preferences) == (
        official_a,
        "en",
        [2, 1],
    )
    assert nomination.unavailable == [["2009-11-16", "2009-11-20"]]


def test_the_item_page_links_to_its_exports_and_template(as_user, liaison_a, program, training):
    content = (
        client_speaking(as_user, liaison_a)
        .get(reverse("nomination_item", args=[program.code, training.key]))
        .content.decode()
    )
    assert item_export(program, training, "csv") in content
    assert item_export(program, training, "xlsx") in content
    assert (
        reverse("nominations_upload_template", args=[program.code, training.key, "xlsx"]) in content
    )
    queue = client_speaking(as_user, liaison_a).get(
        reverse("nomination_queue", args=[program.code])
    )
    assert queue_export(program, "csv") in queue.content.decode()
