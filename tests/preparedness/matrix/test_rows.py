"""The matrix's rows as shipped (migration 0003 from fixtures/matrix-1540.json): 28 measures
of operative paragraphs 1-3, each for nuclear, chemical and biological weapons."""

from nonprolif.preparedness.models import MatrixRow

MEASURES = ["1.1", "1.2"] + [f"2.{n}" for n in range(1, 13)] + [f"3.{n}" for n in range(1, 15)]


def test_the_84_rows_in_order(matrix_rows):
    rows = list(MatrixRow.objects.order_by("position"))
    assert len(rows) == 84
    assert [r.position for r in rows] == list(range(1, 85))
    assert [r.code for r in rows] == [f"{m}.{w}" for m in MEASURES for w in ("NW", "CW", "BW")]
    assert {r.paragraph for r in rows if r.measure.startswith("3.")} == {3}


def test_every_row_reads_in_both_languages(matrix_rows):
    for row in MatrixRow.objects.all():
        assert all((row.text_es, row.text_en, row.section_es, row.section_en)), row.code
    row = MatrixRow.objects.get(code="3.4.BW")
    assert "armas biológicas" in row.text_es
    assert "biological weapons" in row.text_en
    assert "3(c)" in row.section_en
