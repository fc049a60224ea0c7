"""Receivers of other apps' signals: they only hand off to services."""

from nonprolif.training.calendar.domain import follow_review


def regenerate_after_review(sender, *, program, actor, **kwargs):
    """The accepted items of ``program`` changed: bring its sessions in line."""
    follow_review(program=program, actor=actor)
