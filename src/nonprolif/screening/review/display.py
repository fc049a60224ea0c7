"""What the alert page shows of an alert, as plain data for its template: the list entry's
content (names with their quality, dates of birth, countries, identifiers, programmes) and
the explanation table with labelled features and its sum. No database access beyond the
rows selected with the alert."""

from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext_lazy as _

from nonprolif.screening.models import Alert
from nonprolif.screening.review.dossier import FEATURES, explanation_rows, identifiers_text

QUALITIES = {"strong": _("strong"), "weak": _("weak")}


@dataclass
class EntryFacts:
    """A list entry's content as the page lists it."""

    names: list[tuple[str, str]] = field(default_factory=list)
    birth_dates: list[str] = field(default_factory=list)
    countries: list[str] = field(default_factory=list)
    identifiers: list[str] = field(default_factory=list)
    programmes: list[str] = field(default_factory=list)
    remarks: str = ""
    changed: bool = False


def entry_facts(alert: Alert) -> EntryFacts | None:
    """The list entry of a party's alert, from its ``content`` (``ParsedEntry.content()``);
    ``changed`` when the entry no longer has the version the alert matched. None for a
    goods alert."""
    entry = alert.entry
    if entry is None:
        return None
    content: dict[str, Any] = entry.content if isinstance(entry.content, dict) else {}
    names = []
    for item in content.get("names") or []:
        if isinstance(item, dict):
            quality = str(item.get("quality") or "")
            names.append((str(item.get("text") or ""), str(QUALITIES.get(quality, quality))))
        else:
            names.append((str(item), ""))
    return EntryFacts(
        names=names or [(entry.name, "")],
        birth_dates=[str(value) for value in content.get("birth_dates") or []],
        countries=[str(value) for value in content.get("countries") or []],
        identifiers=[
            text for item in content.get("identifiers") or [] if (text := identifiers_text([item]))
        ],
        programmes=[str(value) for value in content.get("programmes") or []],
        remarks=str(content.get("remarks") or ""),
        changed=entry.version != alert.entry_version or entry.removed_in_id is not None,
    )


@dataclass
class Explanation:
    """The explanation table: rows of (label, contribution, detail) and their sum."""

    rows: list[dict[str, Any]]
    total: float


def explanation_table(alert: Alert) -> Explanation:
    rows = [
        row | {"label": str(FEATURES.get(row["feature"], row["feature"]))}
        for row in explanation_rows(alert)
    ]
    return Explanation(rows=rows, total=sum(row["contribution"] for row in rows))
