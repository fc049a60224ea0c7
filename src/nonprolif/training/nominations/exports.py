"""Nominations as a table for CSV and XLSX (the files themselves are written by
:mod:`nonprolif.core.spreadsheets`).

The rows come from the scoped selector the lists use (``program_nominations``), read a chunk
at a time with every related row joined: the number of queries does not grow with the rows.
Headers and texts speak the active language.
"""

import uuid
from collections.abc import Iterable, Iterator
from typing import Any

from django.db.models import QuerySet
from django.utils.text import slugify
from django.utils.translation import gettext as _

from nonprolif.core.audit_reads import note_read
from nonprolif.core.spreadsheets import CHUNK, spreadsheet_response
from nonprolif.program.queries import get_program_for
from nonprolif.training.models.nomination import Nomination
from nonprolif.training.nominations.domain.reasons import reason_text
from nonprolif.training.nominations.queries import (
    NominationItem,
    get_item_for,
    program_nominations,
    visible_items,
)


def headers() -> list[str]:
    return [
        _("Item"),
        _("Item title"),
        _("Official id"),
        _("Official"),
        _("E-mail"),
        _("Agency"),
        _("Status"),
        _("Nominated"),
        _("Nominated by"),
        _("Decided"),
        _("Reason for the decision"),
        _("Withdrawn or replaced"),
        _("Reason for the withdrawal"),
        _("Substitute for"),
        _("Language"),
        _("Preferences"),
        _("Unavailable"),
        _("Placed in"),
        _("Session start"),
        _("Waitlist position"),
        _("Left out because"),
    ]


def _user(user) -> str:
    return user.get_username() if user is not None else ""


def rows(nominations: QuerySet[Nomination], items: Iterable[NominationItem]) -> Iterator[list[Any]]:
    """One row per nomination of ``nominations`` (already scoped); ``items``: the visible
    nomination items, for their number and title."""
    by_key = {item.key: item for item in items}
    query = nominations.select_related("session__audience_agency")
    for n in query.iterator(chunk_size=CHUNK):
        item = by_key.get(n.item_key)
        placed = n.session if n.session_id and n.status == "approved" else None
        yield [
            item.number if item else None,
            item.title if item else "",
            n.official_id,
            n.official.full_name,
            n.official.email,
            n.agency.code,
            n.get_status_display(),
            n.submitted_at,
            _user(n.submitted_by),
            n.decided_at,
            n.decision_reason,
            n.withdrawn_at,
            n.withdrawal_reason,
            n.substitute_for.official.full_name if n.substitute_for else "",
            n.get_language_display(),
            ",".join(str(p) for p in n.preferences),
            "; ".join(f"{start}..{end}" for start, end in n.unavailable),
            placed.audience_label if placed else "",
            placed.start if placed else None,
            n.waitlist_rank,
            reason_text(n.outcome_code, n.outcome_details),
        ]


def nominations_answer(
    request,
    user,
    kind: str,
    code: str,
    *,
    item_key: uuid.UUID | str | None = None,
    status: str | None = None,
    agency: str | None = None,
    q: str | None = None,
):
    """The nominations ``user`` sees of the program ``code`` (of one item, status, agency
    code, or matching ``q``) as a ``kind`` file; read-audited. Http404 for a program or
    item he does not see."""
    program = get_program_for(user, code)
    items = visible_items(user, program)
    if item_key is not None:
        items = [get_item_for(user, program, item_key)]
    search = {"status": status or "", "agency": agency or "", "q": q or ""}
    note_read(
        request,
        action="nomination.export",
        obj=program,
        changes={"format": kind, "search": {k: v for k, v in search.items() if v}}
        | ({"item": str(items[0].key)} if item_key is not None else {}),
    )
    found = program_nominations(
        user, program, status=status or None, agency=agency or None, query=q or None
    ).filter(item_key__in=[item.key for item in items])
    number = f"-{items[0].number}" if item_key is not None else ""
    stem = f"{slugify(program.code)}{number}-nominations"
    table = rows(found, items)
    return spreadsheet_response(kind, stem, headers(), table, title=stem)
