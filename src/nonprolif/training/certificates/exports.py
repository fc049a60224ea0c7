"""A program's certificates as CSV or XLSX: the certificates the user sees (the list's
selector), read a chunk at a time (the number of queries does not grow with the rows)."""

from collections.abc import Iterator
from typing import Any

from django.http import Http404
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from nonprolif.core.audit_reads import note_read
from nonprolif.core.spreadsheets import CHUNK, FORMATS, spreadsheet_response
from nonprolif.program.queries import get_program_for
from nonprolif.training.certificates.queries import certificates_for


def headers() -> list[str]:
    return [
        _("Official id"),
        _("Official"),
        _("Agency"),
        _("Item"),
        _("Title"),
        _("Start"),
        _("End"),
        _("Days present"),
        _("Session days"),
        _("Verification code"),
        _("Issued"),
        _("Status"),
        _("Revoked"),
        _("Reason for the revocation"),
    ]


def rows(certificates) -> Iterator[list[Any]]:
    valid, revoked = _("Valid"), _("Revoked")
    for c in certificates.iterator(chunk_size=CHUNK):
        yield [
            c.official_id,
            c.official_name,
            c.official.agency.code,
            c.item_number,
            c.title,
            c.start,
            c.end,
            c.days_present,
            c.days_total,
            c.code,
            c.issued_at,
            valid if c.is_valid else revoked,
            c.revoked_at,
            c.revocation_reason,
        ]


def certificates_answer(request, user, kind: str, code: str):
    """The program's certificates ``user`` can see, as a ``kind`` file; read-audited."""
    program = get_program_for(user, code)
    note_read(request, action="certificate.export", obj=program, changes={"format": kind})
    certificates = certificates_for(user).filter(program=program)
    stem = f"{slugify(program.code)}-certificates"
    return spreadsheet_response(kind, stem, headers(), rows(certificates), title=stem)


@require_GET
def certificate_export(request, code, kind):
    """The program's certificates the user can see, as a file."""
    if kind not in FORMATS:
        raise Http404
    return certificates_answer(request, request.user, kind, code)
