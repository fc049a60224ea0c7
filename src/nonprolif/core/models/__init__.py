from .agency import Agency, AgencyKind
from .audit import AuditEntry, Outcome
from .official import Official, Seniority
from .token import ApiToken
from .user import Actor, User

__all__ = [
    "Actor",
    "Agency",
    "AgencyKind",
    "ApiToken",
    "AuditEntry",
    "Official",
    "Outcome",
    "Seniority",
    "User",
]
