"""Bilingual conference badges as one PDF (Typst template ``typst/badge.typ``).

An attendee's badge carries the QR code of his check-in code (``codes.checkin_code``),
drawn here with segno as an SVG beside the template: nothing leaves the machine. Names are
printed one line each (given names, family names) with no-break spaces inside, so the
template shrinks a long name rather than breaking it."""

import io
from collections.abc import Iterable, Sequence
from typing import Any

import segno
from django.utils import formats, translation
from django.utils.translation import pgettext

from nonprolif.core.documents import render_pdf
from nonprolif.events.models import Conference, Registration, Speaker
from nonprolif.events.registrations.codes import checkin_code

BADGE_LANGUAGES = ("es-mx", "en")


def _roles() -> dict[str, dict[str, str]]:
    """{kind: {"es": ..., "en": ...}}: the role printed on the badge in both languages."""
    roles: dict[str, dict[str, str]] = {"participant": {}, "speaker": {}}
    for code, key in zip(BADGE_LANGUAGES, ("es", "en"), strict=True):
        with translation.override(code):
            roles["participant"][key] = pgettext("badge role", "Participant")
            roles["speaker"][key] = pgettext("badge role", "Speaker")
    return roles


def _unbroken(text: str) -> str:
    """``text`` with its spaces made no-break: a given (or family) name stays on one line."""
    return "\N{NO-BREAK SPACE}".join(text.split())


def qr_svg(code: str) -> bytes:
    """The QR code of ``code`` as SVG (dark modules, a quiet zone of 2 modules): a full QR
    symbol, never a Micro QR (which door scanners and phones do not all read)."""
    buffer = io.BytesIO()
    segno.make_qr(code, error="m").save(buffer, kind="svg", border=2, xmldecl=False)
    return buffer.getvalue()


def qr_file(registration: Registration) -> str:
    return f"qr-{registration.pk}.svg"


def badge_data(
    conference: Conference,
    registrations: Sequence[Registration] = (),
    speakers: Sequence[Speaker] = (),
) -> dict[str, Any]:
    """What the badge template reads: the conference (both titles, place, dates) and one entry
    per speaker, then per registration (name lines, organisation, role in both languages)."""
    roles = _roles()
    dates = (
        f"{formats.date_format(conference.start_date, 'SHORT_DATE_FORMAT')} \N{EN DASH} "
        f"{formats.date_format(conference.end_date, 'SHORT_DATE_FORMAT')}"
    )
    badges = []
    for speaker in speakers:
        # A speaker's name is one field: which words are his given names is not known, so
        # it is printed whole on the first line (shrunk to fit), never split.
        badges.append(
            {
                "kind": "speaker",
                "given_names": _unbroken(speaker.name),
                "family_names": "",
                "code": "",
                "qr": None,
                "organisation": speaker.organisation,
                "role_es": roles["speaker"]["es"],
                "role_en": roles["speaker"]["en"],
            }
        )
    for registration in registrations:
        agency = registration.agency
        badges.append(
            {
                "kind": "participant",
                "given_names": _unbroken(registration.official.given_names),
                "family_names": _unbroken(registration.official.family_names),
                "code": checkin_code(registration.pk),
                "qr": qr_file(registration),
                "organisation": f"{agency.acronym or agency.code} · {agency.name}",
                "role_es": roles["participant"]["es"],
                "role_en": roles["participant"]["en"],
            }
        )
    return {
        "title": f"{conference.acronym} badges",
        "conference": {
            "title_es": conference.title_es,
            "title_en": conference.title_en,
            "place": ", ".join(p for p in (conference.venue, conference.city) if p),
            "dates": dates,
        },
        "badges": badges,
        "empty": "—",
    }


def badges_pdf(
    conference: Conference,
    registrations: Iterable[Registration] = (),
    speakers: Iterable[Speaker] = (),
) -> bytes:
    """The badges as one PDF (eight per A4 page). Side effects: none."""
    attendees = list(registrations)
    return render_pdf(
        "badge.typ",
        badge_data(conference, attendees, list(speakers)),
        files={qr_file(r): qr_svg(checkin_code(r.pk)) for r in attendees},
    )
