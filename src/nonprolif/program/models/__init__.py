from .program import Program
from .proposal import ItemKind, Proposal, ProposalItem
from .review import AMENDABLE_FIELDS, Decision, ItemDecision, ItemStatus, ProposalStatus

__all__ = [
    "AMENDABLE_FIELDS",
    "Decision",
    "ItemDecision",
    "ItemKind",
    "ItemStatus",
    "Program",
    "Proposal",
    "ProposalItem",
    "ProposalStatus",
]
