from .feed import CalendarFeed, FeedScope
from .session import Audience, Session, SessionLanguage, SessionParticipant
from .venue import BlackoutDate, Venue

__all__ = [
    "Audience",
    "BlackoutDate",
    "CalendarFeed",
    "FeedScope",
    "Session",
    "SessionLanguage",
    "SessionParticipant",
    "Venue",
]
