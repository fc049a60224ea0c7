"""Writes of the program app: programs, proposals and proposal items."""

from .items import create_item, update_item
from .programs import create_program, update_program
from .proposals import create_proposal, update_proposal

__all__ = [
    "create_item",
    "create_program",
    "create_proposal",
    "update_item",
    "update_program",
    "update_proposal",
]
