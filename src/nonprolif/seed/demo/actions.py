"""Meetings and their action items for the demos that hang records on them: an exercise's
after-action meeting, an outreach visit's meeting, the 1540 action plan's meeting. The items
are written as the coordination demo writes them (with their first history rows)."""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from typing import Any

from nonprolif.core.models import Agency, User
from nonprolif.events.models import ActionItem, Meeting
from nonprolif.program.models import Program
from nonprolif.seed.loader.result import SeedResult
from nonprolif.seed.loader.upsert import upsert

from .coordination import _load_item


def upsert_meeting(
    *,
    program: Program,
    values: dict[str, Any],
    agencies: Sequence[Agency],
    where: str,
    result: SeedResult,
    actor: User | None,
) -> Meeting:
    """The meeting of ``program`` keyed by its Spanish title and date, brought to ``values``
    (title_en, place, summaries) and ``agencies``. Side effects: the row and its agencies, one
    audit entry when something changed."""
    key = {"program": program, "title_es": values["title_es"], "date": values["date"]}
    rest = {name: value for name, value in values.items() if name not in key}
    return upsert(
        Meeting,
        key=key,
        values=rest,
        m2m={"agencies": list(agencies)},
        where=where,
        result=result,
        actor=actor,
    )


def upsert_items(
    entries: Sequence[dict[str, Any]],
    *,
    meeting: Meeting,
    coordinator: User,
    recorded: datetime.datetime,
    where: str,
    result: SeedResult,
    actor: User | None,
) -> list[ActionItem]:
    """The meeting's action items (keys of the coordination demo's items: ``title_es``,
    ``title_en``, ``owner_agency`` code, ``due_date``, optional status, ``closed_at``...),
    keyed by ``title_es``, in the order given. Side effects: see ``load_demo_coordination``
    (the item, its first history rows, one audit entry when something changed)."""
    participants = {agency.code: agency for agency in meeting.agencies.all()}
    for i, entry in enumerate(entries):
        _load_item(
            entry,
            meeting=meeting,
            decisions={},
            participants=participants,
            coordinator=coordinator,
            recorded=recorded.astimezone(datetime.UTC),
            where=f"{where}[{i}]",
            result=result,
            actor=actor,
        )
    found = {item.title_es: item for item in ActionItem.objects.filter(meeting=meeting)}
    return [found[entry["title_es"]] for entry in entries]
