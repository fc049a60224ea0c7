"""A conference's registrations as CSV or XLSX: the rows of the registrations list as the
user sees them (its selector and its status and search filters), read a chunk at a time (the
number of queries does not grow with the rows)."""

from collections.abc import Iterator
from typing import Any

from django.http import Http404
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from nonprolif.core.audit_reads import note_read
from nonprolif.core.spreadsheets import CHUNK, FORMATS, spreadsheet_response
from nonprolif.events.conference.queries import get_conference_for
from nonprolif.events.registrations.queries import conference_registrations


def headers() -> list[str]:
    return [
        _("Official id"),
        _("Official"),
        _("E-mail"),
        _("Agency"),
        _("Status"),
        _("Registered"),
        _("Registered by"),
        _("Decided"),
        _("Reason"),
        _("Checked in"),
    ]


def _user(user) -> str:
    return user.get_username() if user is not None else ""


def rows(registrations) -> Iterator[list[Any]]:
    for r in registrations.iterator(chunk_size=CHUNK):
        yield [
            r.official_id,
            r.official.full_name,
            r.official.email,
            r.agency.code,
            r.get_status_display(),
            r.registered_at,
            _user(r.registered_by),
            r.decided_at,
            r.reason,
            r.checked_in_at,
        ]


def registrations_answer(request, user, kind: str, pk, *, status: str = "", q: str = ""):
    """The registrations ``user`` sees of the conference ``pk`` (of one status, matching
    ``q`` as the list) as a ``kind`` file; read-audited. Http404 for a conference whose
    registrations he may not view."""
    conference = get_conference_for(user, pk, perm="events.view_registrations")
    note_read(
        request,
        action="registration.export",
        obj=conference,
        changes={"format": kind, "search": {"status": status, "q": q}},
    )
    stem = f"{slugify(conference.acronym or str(conference.pk))}-registrations"
    table = rows(conference_registrations(user, conference, status=status, q=q))
    return spreadsheet_response(kind, stem, headers(), table, title=stem)


@require_GET
def registration_export(request, pk, kind):
    """The conference's registrations the user sees (``status`` and ``q`` as the list)."""
    if kind not in FORMATS:
        raise Http404
    status = request.GET.get("status", "")
    q = request.GET.get("q", "").strip()
    return registrations_answer(request, request.user, kind, pk, status=status, q=q)
