"""Bilingual conference badges as one PDF (Typst template ``typst/badge.typ``)."""

from collections.abc import Iterable, Sequence
from typing import Any

from django.utils import formats, translation
from django.utils.translation import pgettext

from nonprolif.core.documents import render_pdf
from nonprolif.events.models import Conference, Registration, Speaker

BADGE_LANGUAGES = ("es-mx", "en")


def _roles() -> dict[str, dict[str, str]]:
    """{kind: {"es": ..., "en": ...}}: the role printed on the badge in both languages."""
    roles: dict[str, dict[str, str]] = {"participant": {}, "speaker": {}}
    for code, key in zip(BADGE_LANGUAGES, ("es", "en"), strict=True):
        with translation.override(code):
            roles["participant"][key] = pgettext("badge role", "Participant")
            roles["speaker"][key] = pgettext("badge role", "Speaker")
    return roles


def _split_name(name: str) -> tuple[str, str]:
    """A speaker's single name field as (given, family) for the two badge lines."""
    parts = name.split(None, 1)
    return (parts[0], parts[1]) if len(parts) == 2 else (name, "")


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
        given, family = _split_name(speaker.name)
        badges.append(
            {
                "kind": "speaker",
                "given_names": given,
                "family_names": family,
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
                "given_names": registration.official.given_names,
                "family_names": registration.official.family_names,
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
    return render_pdf("badge.typ", badge_data(conference, list(registrations), list(speakers)))
