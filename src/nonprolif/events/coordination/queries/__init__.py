"""Reads of coordination: meeting decisions and action items with their history
(``action_items``), and the program's engagement timeline (``timeline``). Every selector starts
from ``visible_to(user)`` of each model it reads."""

from nonprolif.events.coordination.queries.action_items import (
    HistoryEntry,
    MarkedActionItems,
    ShownChange,
    action_item_history,
    action_items_for,
    get_action_item_for,
    get_decision_for,
    meeting_action_items,
    meeting_decisions,
    overdue_action_items,
    program_action_items,
)
from nonprolif.events.coordination.queries.timeline import (
    EntryKind,
    TimelineEntry,
    engagement_timeline,
    kind_labels,
    timeline_agencies,
)

__all__ = [
    "EntryKind",
    "HistoryEntry",
    "MarkedActionItems",
    "ShownChange",
    "TimelineEntry",
    "action_item_history",
    "action_items_for",
    "engagement_timeline",
    "get_action_item_for",
    "get_decision_for",
    "kind_labels",
    "meeting_action_items",
    "meeting_decisions",
    "overdue_action_items",
    "program_action_items",
    "timeline_agencies",
]
