"""Writes of the training app: the calendar's sessions, their participants, feeds."""

from .feeds import create_feed, revoke_feed
from .regenerate import (
    RegenerationReport,
    SessionChange,
    follow_review,
    regenerate_sessions,
)
from .sessions import add_participant, remove_participant, update_session
from .venues import create_blackout_date, create_venue, delete_blackout_date

__all__ = [
    "RegenerationReport",
    "SessionChange",
    "add_participant",
    "create_blackout_date",
    "create_feed",
    "create_venue",
    "delete_blackout_date",
    "follow_review",
    "regenerate_sessions",
    "remove_participant",
    "revoke_feed",
    "update_session",
]
