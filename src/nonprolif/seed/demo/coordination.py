"""The demo of coordination: what the program document's meetings decided and who must do
what by when (decisions and action items, in Spanish and English)."""

from __future__ import annotations

import datetime
from typing import Any

from nonprolif.core.domain.audit import diff
from nonprolif.core.models import Agency, Official, User
from nonprolif.events.models import (
    ActionItem,
    ActionItemChange,
    ActionStatus,
    Meeting,
    MeetingDecision,
)
from nonprolif.events.models.coordination import CLOSED_STATUSES
from nonprolif.seed.loader.checks import check_entry, fail, parse_date, parse_moment
from nonprolif.seed.loader.result import SeedResult
from nonprolif.seed.loader.upsert import upsert

COORDINATION_KEYS = {"coordinator", "recorded_at", "meetings"}
MEETING_KEYS = {"title_es", "date"}
MEETING_OPTIONAL = {"decisions", "action_items"}
DECISION_KEYS = {"number", "text_es", "text_en"}
ITEM_KEYS = {"title_es", "title_en", "owner_agency", "due_date"}
ITEM_OPTIONAL = {
    "description_es",
    "description_en",
    "owner_official",
    "status",
    "decision",
    "closed_at",
}


def load_demo_coordination(
    spec: dict[str, Any], *, result: SeedResult, actor: User | None = None
) -> None:
    """Decisions and action items of the meetings of the program document (each found by its
    ``title_es`` and ``date``), recorded by the ``coordinator`` login at ``recorded_at``.

    An action item's owner agency must have taken part in the meeting, its owner official
    (an e-mail address of the demo) must belong to it, and its decision (a number) must be
    one of the meeting's; a closed item (done, cancelled) gives ``closed_at``. Errors name the
    place in the document. Keys: decisions (meeting, number), action items (meeting,
    ``title_es``). Side effects: MeetingDecision and ActionItem rows created or brought back
    to the document; a new item's first history row; one audit entry per row created or
    changed. A second load changes nothing and writes no audit entry.
    """
    check_entry(spec, "coordination", COORDINATION_KEYS)
    coordinator = User.objects.filter(username=spec["coordinator"]).first()
    if coordinator is None:
        fail("coordination.coordinator", f"unknown login “{spec['coordinator']}”")
    recorded = parse_moment(spec["recorded_at"], "coordination.recorded_at")
    recorded = recorded.astimezone(datetime.UTC)
    for i, entry in enumerate(spec["meetings"]):
        where = f"coordination.meetings[{i}]"
        check_entry(entry, where, MEETING_KEYS, MEETING_OPTIONAL)
        day = parse_date(entry["date"], f"{where}.date")
        if day is None:
            fail(f"{where}.date", "give the meeting's date")
        meeting = Meeting.objects.filter(title_es=entry["title_es"], date=day).first()
        if meeting is None:
            fail(f"{where}.title_es", f"unknown meeting “{entry['title_es']}” on {entry['date']}")
        decisions: dict[int, MeetingDecision] = {}
        for j, decision in enumerate(entry.get("decisions", [])):
            check_entry(decision, f"{where}.decisions[{j}]", DECISION_KEYS)
            decisions[decision["number"]] = upsert(
                MeetingDecision,
                key={"meeting": meeting, "number": decision["number"]},
                values={
                    "text_es": decision["text_es"],
                    "text_en": decision["text_en"],
                    "created_by": coordinator,
                    "created_at": recorded,
                },
                where=f"{where}.decisions[{j}]",
                result=result,
                actor=actor,
            )
        participants = {agency.code: agency for agency in meeting.agencies.all()}
        for j, item in enumerate(entry.get("action_items", [])):
            _load_item(
                item,
                meeting=meeting,
                decisions=decisions,
                participants=participants,
                coordinator=coordinator,
                recorded=recorded,
                where=f"{where}.action_items[{j}]",
                result=result,
                actor=actor,
            )


def _load_item(
    entry: dict[str, Any],
    *,
    meeting: Meeting,
    decisions: dict[int, MeetingDecision],
    participants: dict[str, Agency],
    coordinator: User,
    recorded: datetime.datetime,
    where: str,
    result: SeedResult,
    actor: User | None,
) -> None:
    check_entry(entry, where, ITEM_KEYS, ITEM_OPTIONAL)
    agency = participants.get(entry["owner_agency"])
    if agency is None:
        fail(f"{where}.owner_agency", f"“{entry['owner_agency']}” did not take part in the meeting")
    official = None
    if entry.get("owner_official"):
        official = Official.objects.filter(agency=agency, email=entry["owner_official"]).first()
        if official is None:
            fail(f"{where}.owner_official", f"no official “{entry['owner_official']}” there")
    decision = None
    if entry.get("decision") is not None:
        decision = decisions.get(entry["decision"])
        if decision is None:
            fail(f"{where}.decision", f"the meeting has no decision {entry['decision']}")
    status = entry.get("status", ActionStatus.OPEN)
    if status not in ActionStatus.values:
        fail(f"{where}.status", f"“{status}” is not one of {', '.join(ActionStatus.values)}")
    closed_at = None
    if status in CLOSED_STATUSES:
        if not entry.get("closed_at"):
            fail(f"{where}.closed_at", "a closed item needs the moment it closed")
        closed_at = parse_moment(entry["closed_at"], f"{where}.closed_at").astimezone(datetime.UTC)
    existing = ActionItem.objects.filter(meeting=meeting, title_es=entry["title_es"]).first()
    item = upsert(
        ActionItem,
        key={"meeting": meeting, "title_es": entry["title_es"]},
        values={
            "title_en": entry["title_en"],
            "description_es": entry.get("description_es", ""),
            "description_en": entry.get("description_en", ""),
            "owner_agency": agency,
            "owner_official": official,
            "decision": decision,
            "due_date": parse_date(entry["due_date"], f"{where}.due_date"),
            "status": status,
            "closed_at": closed_at,
            "created_by": coordinator,
            "created_at": recorded,
        },
        where=where,
        result=result,
        actor=actor,
        existing=existing,
    )
    if existing is None:
        # The item's history: created open at ``recorded``, then closed at ``closed_at``.
        first = {
            "title_es": item.title_es,
            "title_en": item.title_en,
            "description_es": item.description_es,
            "description_en": item.description_en,
            "owner_agency": agency.code,
            "owner_official": item.owner_official_id,
            "due_date": item.due_date.isoformat(),
            "status": ActionStatus.OPEN,
            "decision": decision.number if decision is not None else None,
        }
        ActionItemChange.objects.create(
            action_item=item, actor=coordinator, at=recorded, changes=diff({}, first)
        )
        if closed_at is not None:
            ActionItemChange.objects.create(
                action_item=item,
                actor=coordinator,
                at=closed_at,
                changes={"status": [ActionStatus.OPEN, status]},
            )
