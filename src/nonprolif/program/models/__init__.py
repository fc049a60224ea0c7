from .program import Program
from .proposal import ITEM_FIELDS, ItemKind, Proposal, ProposalItem
from .review import AMENDABLE_FIELDS, Decision, ItemDecision, ItemStatus, ProposalStatus

__all__ = [
    "AMENDABLE_FIELDS",
    "ITEM_FIELDS",
    "Decision",
    "ItemDecision",
    "ItemKind",
    "ItemStatus",
    "Program",
    "Proposal",
    "ProposalItem",
    "ProposalStatus",
]
