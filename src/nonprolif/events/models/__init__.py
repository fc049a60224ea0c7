from .conference import *  # noqa: F403 (the conference models, listed in its __all__)
from .meeting import DatePrecision, Meeting

__all__ = ["DatePrecision", "Meeting"]
from .coordination import ActionItem, ActionItemChange, ActionStatus, MeetingDecision  # noqa: E402
from .registrations import Registration, RegistrationQuota, RegistrationStatus  # noqa: E402
from .speakers import SpeakerInvitation  # noqa: E402
