from .program import Program
from .proposal import ItemKind, Proposal, ProposalItem

__all__ = ["ItemKind", "Program", "Proposal", "ProposalItem"]
