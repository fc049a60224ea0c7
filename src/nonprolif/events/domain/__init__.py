"""Writes of the events app."""

from .meetings import create_meeting, update_meeting

__all__ = ["create_meeting", "update_meeting"]
