"""A batch's alerts as CSV or XLSX: the alerts the user sees (the results' own selector), read
a chunk at a time (the number of queries does not grow with the rows)."""

from collections.abc import Iterator
from typing import Any

from django.http import Http404
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from nonprolif.core.audit_reads import note_read
from nonprolif.core.spreadsheets import CHUNK, FORMATS, spreadsheet_response
from nonprolif.screening.batches.queries import batch_alerts, get_batch_for


def explanation_text(explanation: list[dict], *, details: bool = True) -> str:
    """An alert's explanation on one line: each feature with its contribution (and why)."""
    parts = []
    for item in explanation:
        text = f"{item.get('feature', '')} {float(item.get('contribution', 0.0)):+.3f}"
        if details and item.get("detail"):
            text += f" ({item['detail']})"
        parts.append(text)
    return "; ".join(parts)


def subject(alert) -> tuple[str, int | None, str]:
    """(declaration, row, party name or goods description) of an alert."""
    if alert.party_id:
        return alert.party.declaration, alert.party.row, alert.party.name
    return alert.line.declaration, alert.line.row, alert.line.description


def matched(alert) -> tuple[str, str]:
    """(list, entry reference) of what an alert matched: a list entry or a control entry."""
    if alert.entry_id:
        return alert.entry.watchlist.code, alert.entry.external_id
    return alert.control_entry.regime, alert.control_entry.code


def headers() -> list[str]:
    return [
        _("Declaration"),
        _("Row"),
        _("Party or goods"),
        _("List"),
        _("Entry reference"),
        _("Entry name"),
        _("Score"),
        _("Explanation"),
        _("Status"),
    ]


def rows(alerts) -> Iterator[list[Any]]:
    for alert in alerts.iterator(chunk_size=CHUNK):
        declaration, row, name = subject(alert)
        watchlist, reference = matched(alert)
        yield [
            declaration,
            row,
            name,
            watchlist,
            reference,
            alert.entry_name,
            round(alert.score, 4),
            explanation_text(alert.explanation),
            alert.get_status_display(),
        ]


def alerts_answer(request, user, kind: str, pk: int):
    """The alerts of batch ``pk`` that ``user`` can see, as a ``kind`` file; read-audited."""
    batch = get_batch_for(user, pk)
    note_read(request, action="screening.batch.export", obj=batch, changes={"format": kind})
    stem = f"scr-{batch.pk}-alerts"
    return spreadsheet_response(kind, stem, headers(), rows(batch_alerts(user, batch)), title=stem)


@require_GET
def batch_export(request, pk, kind):
    """The batch's alerts as a file."""
    if kind not in FORMATS:
        raise Http404
    return alerts_answer(request, request.user, kind, pk)
