from .conference import (
    Conference,
    Room,
    ScheduleRelease,
    Speaker,
    SpeakerResponse,
    SpeakerStatus,
    Talk,
    TalkKind,
    TalkLanguage,
)
from .coordination import ActionItem, ActionItemChange, ActionStatus, MeetingDecision
from .meeting import DatePrecision, Meeting
from .registrations import Registration, RegistrationQuota, RegistrationStatus
from .speakers import SpeakerInvitation

__all__ = [
    "ActionItem",
    "ActionItemChange",
    "ActionStatus",
    "Conference",
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
