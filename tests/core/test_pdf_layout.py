"""The layout rules of the programme PDF (templates/typst/programme.typ): a day's heading
never ends a page, the footer's text never runs into the page counter, the headings are
tagged and bookmarked, the title is the document's; PDF/A-2b on demand."""

import io
import json

import typst
from PIL import Image

from nonprolif.core import documents
from tests import pdfs

BOTTOM_MARGIN = 56.7  # 2 cm, the programme's page margin
# A day heading needs room below it for the table's header and at least one talk.
ROOM_FOR_A_DAY = 60


def _talk(n: int) -> dict:
    return {
        "start": "09:00",
        "end": "09:30",
        "room": "Salón Caribe",
        "title": f"Charla {n}",
        "kind": "Ponencia",
        "speakers": "Ana Pérez",
        "abstract": "Un resumen breve que ocupa una línea.",
    }


def programme(talks_on_the_first_day: int, *, version: str = "Versión 3") -> dict:
    return {
        "lang": "es",
        "labels": {
            "programme": "Programa",
            "version": version,
            "hosted_by": "Anfitrión",
            "times": "Horas locales",
            "time": "Hora",
            "room": "Sala",
            "session": "Sesión",
            "no_talks": "Sin charlas",
            "speakers": "Conferencistas",
            "fictional": "ficticio",
        },
        "conference": {
            "title": "Conferencia ADM",
            "dates": "3 al 5 de noviembre de 2009",
            "place": "Cancún",
            "host": "SEGOB",
            "description": "",
        },
        "days": [
            {"date": "martes 3", "talks": [_talk(n) for n in range(talks_on_the_first_day)]},
            {"date": "miércoles 4", "talks": [_talk(n) for n in range(3)]},
        ],
        "speakers": [],
    }


def test_a_day_heading_is_never_left_at_the_bottom_of_a_page():
    """The first day grows one talk at a time past the end of page 1 (and of page 2): the
    second day's heading is always followed on its page by room for its table."""
    pages_seen = set()
    for talks in range(9, 30):
        pdf = documents.render_pdf("programme.typ", programme(talks))
        height = pdfs.page_height(pdf)
        day = next(mark for mark in pdfs.bookmarks(pdf) if mark.title == "miércoles 4")
        pages_seen.add(day.page)
        assert height - BOTTOM_MARGIN - day.top >= ROOM_FOR_A_DAY, (talks, day)
    assert pages_seen >= {1, 2, 3}


def test_the_programme_is_titled_and_its_headings_are_tagged():
    pdf = documents.render_pdf("programme.typ", programme(2))
    assert pdfs.info_title(pdf) == "Conferencia ADM · Programa"
    assert pdfs.structure_headings(pdf) == [
        ("H1", "Conferencia ADM"),
        ("H2", "martes 3"),
        ("H2", "miércoles 4"),
    ]
    assert [mark.title for mark in pdfs.bookmarks(pdf)] == [
        "Conferencia ADM",
        "martes 3",
        "miércoles 4",
    ]


def test_documents_kept_as_records_are_pdfa_2b_and_others_are_not():
    data = programme(1)
    assert pdfs.pdfa_identification(documents.render_pdf("programme.typ", data)) is None
    archived = documents.render_pdf("programme.typ", data, standard=documents.ARCHIVAL)
    assert pdfs.pdfa_identification(archived) == ("2", "B")


PPI = 144  # two pixels a point


def _footer_gap_before_the_counter(png: bytes) -> float:
    """On a rendered page: the blank width, in points, between the page counter (the
    footer's rightmost ink, its characters less than 6 points apart) and the footer text to
    its left on the counter's own rows."""
    scale = PPI / 72
    image = Image.open(io.BytesIO(png)).convert("L")
    width, height = image.size
    pixels = image.load()
    band = range(height - int(BOTTOM_MARGIN * scale), height)

    def ink(x: int, rows) -> bool:
        return any(pixels[x, y] < 220 for y in rows)

    columns = [ink(x, band) for x in range(width)]
    left = max(x for x in range(width) if columns[x])
    while any(columns[left - int(6 * scale) : left]):
        left -= 1
    counter_rows = [y for y in band if any(pixels[x, y] < 220 for x in range(left, width))]
    text = [x for x in range(left) if ink(x, counter_rows)]
    return (left - max(text)) / scale if text else width / scale


def _footer_png(tmp_path, data: dict) -> bytes:
    (tmp_path / "main.typ").write_text(
        (documents.TYPST_TEMPLATES / "programme.typ").read_text(encoding="utf-8"),
        encoding="utf-8",
    )
    (tmp_path / "data.json").write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    pages = typst.compile(
        str(tmp_path / "main.typ"), format="png", ppi=PPI, ignore_system_fonts=True
    )
    return pages[0] if isinstance(pages, list) else pages


TITLE = (
    "Conferencia Regional sobre la No Proliferación de Armas de Destrucción Masiva y la "
    "Seguridad Nacional de los Estados Unidos Mexicanos, Cancún, Quintana Roo, 2009"
)


def test_the_footer_text_never_runs_into_the_page_counter(tmp_path):
    """Titles around the length that fills the footer's line (Spanish, with the version
    line; a spacer before the counter shrank to a word space there): the text wraps in a
    column of its own, and the counter keeps the gutter's clear gap."""
    for length in range(76, 96):
        data = programme(3, version="Versión 12, publicada el miércoles 28 de octubre de 2009")
        data["conference"]["title"] = TITLE[:length]
        gap = _footer_gap_before_the_counter(_footer_png(tmp_path, data))
        assert gap >= 10, (length, gap)
