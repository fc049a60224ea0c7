from .conference import CONFERENCE_FIELDS, Conference
from .coordination import ActionItem, ActionItemChange, ActionStatus, MeetingDecision
from .feeds import ConferenceFeed
from .meeting import DatePrecision, Meeting
from .registrations import Registration, RegistrationQuota, RegistrationStatus
from .releases import ScheduleRelease
from .rooms import Room
from .speakers import Speaker, SpeakerInvitation, SpeakerResponse, SpeakerStatus
from .talks import Talk, TalkKind, TalkLanguage

__all__ = [
    "CONFERENCE_FIELDS",
    "ActionItem",
    "ActionItemChange",
    "ActionStatus",
    "Conference",
    "ConferenceFeed",
    "DatePrecision",
    "Meeting",
    "MeetingDecision",
    "Registration",
    "RegistrationQuota",
    "RegistrationStatus",
    "Room",
    "ScheduleRelease",
    "Speaker",
    "SpeakerInvitation",
    "SpeakerResponse",
    "SpeakerStatus",
    "Talk",
    "TalkKind",
    "TalkLanguage",
]
