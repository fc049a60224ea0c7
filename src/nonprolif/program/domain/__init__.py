"""Writes of the program app: programs, proposals, proposal items and their review."""

from .items import create_item, start_date_error, update_item
from .programs import create_program, update_program
from .proposals import create_proposal, update_proposal
from .review import close_review, decide_all, decide_item, reopen_review
from .revisions import revise_proposal

__all__ = [
    "close_review",
    "create_item",
    "create_program",
    "create_proposal",
    "decide_all",
    "decide_item",
    "reopen_review",
    "revise_proposal",
    "start_date_error",
    "update_item",
    "update_program",
    "update_proposal",
]
