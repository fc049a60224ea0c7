"""Badges: the QR code of the attendee's check-in code, drawn locally; names that shrink to
fit on one line and never break inside a given name; the role band never clipped.

No PDF text extractor is installed (neither pypdf nor pdftotext), so the laid-out text is
read back from the compiled document with ``typst query``: the template labels each fitted
line with its natural width, the room it had and the size it got."""

import json
import re
import tempfile
from pathlib import Path

import pytest
import segno
import typst

from nonprolif.core.documents import TYPST_TEMPLATES
from nonprolif.events.registrations import badges
from nonprolif.events.registrations.codes import checkin_code, registration_id
from tests.events.speakers.conftest import make_speaker

NBSP = "\N{NO-BREAK SPACE}"


def _query(data: dict, files: dict[str, bytes], label: str) -> list[dict]:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        (root / "main.typ").write_text((TYPST_TEMPLATES / "badge.typ").read_text("utf-8"))
        (root / "data.json").write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
        for name, content in files.items():
            (root / name).write_bytes(content)
        found = typst.query(
            str(root / "main.typ"), label, field="value", root=str(root), ignore_system_fonts=True
        )
    return json.loads(found)


def _pt(value: str) -> float:
    return float(re.fullmatch(r"(-?[\d.]+)pt", value).group(1))


@pytest.fixture
def long_named(registration_a, approve):
    official = registration_a.official
    official.given_names = "Ana Lucía"
    official.family_names = "Ferrer Castañeda de la Garza y Montenegro Villaseñor"
    official.save()
    return approve(registration_a)


@pytest.mark.django_db
def test_a_badge_carries_the_qr_code_of_its_check_in_code(long_named):
    data = badges.badge_data(long_named.conference, [long_named])
    (badge,) = data["badges"]
    assert badge["code"] == checkin_code(long_named.pk)
    assert registration_id(badge["code"]) == long_named.pk
    assert badge["qr"] == f"qr-{long_named.pk}.svg"
    svg = badges.qr_svg(badge["code"]).decode()
    assert svg.startswith("<svg")
    assert "http" not in svg.replace("http://www.w3.org/2000/svg", "")  # nothing to fetch
    # a full QR symbol (not a Micro QR, which phones and many scanners do not read) of
    # that very code: 21 modules (version 1) and the quiet zone of 2 on each side
    symbol = segno.make_qr(badge["code"], error="m")
    assert not symbol.is_micro
    assert symbol.version == 1
    assert 'width="25" height="25"' in svg
    assert svg != badges.qr_svg(checkin_code(long_named.pk + 1)).decode()


@pytest.mark.django_db
def test_names_keep_given_names_together_and_shrink_to_fit(long_named, partner_agency):
    speaker = make_speaker(long_named.conference, partner_agency, "María Fernanda Villaseñor")
    data = badges.badge_data(long_named.conference, [long_named], [speaker])
    speaker_badge, attendee = data["badges"]
    assert attendee["given_names"] == f"Ana{NBSP}Lucía"
    assert " " not in attendee["family_names"]
    assert speaker_badge["given_names"] == f"María{NBSP}Fernanda{NBSP}Villaseñor"
    files = {attendee["qr"]: badges.qr_svg(attendee["code"])}
    lines = _query(data, files, "<fit>")
    assert lines
    for line in lines:
        fitted = _pt(line["natural"]) * _pt(line["scaled"]) / _pt(line["size"])
        assert fitted <= _pt(line["room"]) + 0.01, line
    shrunk = [line for line in lines if _pt(line["scaled"]) < _pt(line["size"])]
    assert shrunk  # the long family names were made smaller, not broken or clipped


@pytest.mark.django_db
def test_the_role_band_is_laid_out_whole(long_named, partner_agency):
    speaker = make_speaker(long_named.conference, partner_agency, "Dana Whitfield")
    data = badges.badge_data(long_named.conference, [long_named], [speaker])
    files = {b["qr"]: badges.qr_svg(b["code"]) for b in data["badges"] if b["qr"]}
    placed = _query(data, files, "<badge>")
    roles = [badge["role"] for badge in placed]
    assert roles == ["Conferencista / Speaker", "Participante / Participant"]
    assert [badge["code"] for badge in placed] == ["", checkin_code(long_named.pk)]


@pytest.mark.django_db
def test_the_badges_pdf_renders_with_the_qr_codes(long_named, partner_agency):
    speaker = make_speaker(long_named.conference, partner_agency, "Dana Whitfield")
    pdf = badges.badges_pdf(long_named.conference, registrations=[long_named], speakers=[speaker])
    assert pdf.startswith(b"%PDF")
    assert len(pdf) > 5000
