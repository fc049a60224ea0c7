from .agency import Agency, AgencyKind
from .audit import AuditEntry, AuditHead, Outcome
from .classification import ClassificationLevel
from .grant import GrantState, RoleGrant
from .official import Official, Seniority
from .token import ApiToken
from .user import Actor, User

__all__ = [
    "Actor",
    "Agency",
    "AgencyKind",
    "ApiToken",
    "AuditEntry",
    "AuditHead",
    "ClassificationLevel",
    "GrantState",
    "Official",
    "Outcome",
    "RoleGrant",
    "Seniority",
    "User",
]
