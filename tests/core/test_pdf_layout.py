"""The layout rules of the programme PDF (templates/typst/programme.typ): a day's heading
never ends a page, the headings are tagged and bookmarked, the title is the document's."""

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
