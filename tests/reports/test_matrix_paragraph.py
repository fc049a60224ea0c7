"""The status report's paragraph on the UNSCR 1540 matrix: its figures from the database,
in both languages, only for a reader who may see the matrix and once it has been started."""

import datetime

import pytest

from nonprolif.preparedness.matrix.domain import add_plan_item, entry_for
from nonprolif.preparedness.models import MatrixEntry, MatrixRow
from nonprolif.reports.queries import build_cable, cable_facts
from tests.preparedness.matrix.conftest import matrix_rows  # noqa: F401 (the rows, loaded)

AS_OF = datetime.date(2009, 11, 1)


@pytest.fixture
def started(program, coordinator, agency_a, agency_b, matrix_rows):  # noqa: F811
    rows = {r.code: r for r in MatrixRow.objects.all()}
    MatrixEntry.objects.bulk_create(
        [
            MatrixEntry(program=program, row=rows["1.1.NW"], status="X", agency=agency_a),
            MatrixEntry(program=program, row=rows["1.2.NW"], status="X", agency=agency_a),
            MatrixEntry(program=program, row=rows["2.3.CW"], status="?", agency=agency_b),
            MatrixEntry(program=program, row=rows["3.4.BW"], status="NA"),
        ]
    )
    entry = entry_for(program, rows["3.6.CW"])
    for due in (datetime.date(2009, 10, 1), datetime.date(2010, 3, 1)):
        add_plan_item(
            actor=coordinator,
            entry=entry,
            title_es="Reglamento",
            title_en="Regulation",
            owner_agency=agency_b,
            due_date=due,
        )


def _paragraph(cable):
    return next(p for p in cable.paragraphs if p.key == "matrix")


def test_the_figures_come_from_the_matrix(coordinator, program, started):
    cable = build_cable(coordinator, program, language="en", as_of=AS_OF)
    figures = cable.figures["matrix"]
    assert figures["total"] == {"rows": 84, "x": 2, "unclear": 1, "na": 1, "blank": 80}
    assert figures["paragraphs"]["1"] == {"rows": 6, "x": 2, "unclear": 0, "na": 0, "blank": 4}
    assert figures["paragraphs"]["2"]["unclear"] == 1
    assert figures["paragraphs"]["3"]["na"] == 1
    assert (figures["open_items"], figures["overdue_items"]) == (2, 1)
    paragraph = _paragraph(cable)
    assert paragraph.heading == "UNSCR 1540 implementation matrix"
    text = " ".join(paragraph.text)
    assert (
        "Of the 84 obligations of the matrix, 2 are in place, 1 unclear, 1 not applicable" in text
    )
    assert "80 not yet assessed (2% of those that apply in place)" in text
    assert "2 open items, 1 of them overdue" in text
    rows = paragraph.tables[0].rows
    assert [r[0] for r in rows] == ["1", "2", "3"]
    assert rows[0][1:6] == ["6", "2", "0", "0", "4"]
    assert paragraph.tables[0].total[1:6] == ["84", "2", "1", "1", "80"]


def test_the_paragraph_in_spanish(coordinator, program, started):
    paragraph = _paragraph(build_cable(coordinator, program, language="es", as_of=AS_OF))
    assert paragraph.heading == "Matriz de aplicación de la resolución 1540"
    assert "De las 84 obligaciones de la matriz, 2 están establecidas" in " ".join(paragraph.text)


def test_the_paragraph_comes_before_the_comment(coordinator, program, started):
    keys = [p.key for p in build_cable(coordinator, program, language="en", as_of=AS_OF).paragraphs]
    assert keys[-2:] == ["matrix", "comment"]
    numbers = [
        p.number for p in build_cable(coordinator, program, language="en", as_of=AS_OF).paragraphs
    ]
    assert numbers == list(range(1, len(numbers) + 1))


def test_a_matrix_not_started_has_no_paragraph(coordinator, program, matrix_rows):  # noqa: F811
    cable = build_cable(coordinator, program, language="en", as_of=AS_OF)
    assert "matrix" not in [p.key for p in cable.paragraphs]
    assert cable.figures["matrix"] is None


@pytest.mark.parametrize("who", ["partner", "outsider"])
def test_a_reader_who_may_not_see_the_matrix_gets_no_figures(request, who, program, started):
    facts = cable_facts(request.getfixturevalue(who), program, language="en", as_of=AS_OF)
    assert facts.matrix is None
