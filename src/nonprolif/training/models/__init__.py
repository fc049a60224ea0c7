from .attendance import Attendance  # noqa: F401
from .certificate import Certificate  # noqa: F401
from .feed import CalendarFeed, FeedScope
from .nomination import AgencySeats, AssignmentRun, ItemSettings, Nomination  # noqa: F401
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
