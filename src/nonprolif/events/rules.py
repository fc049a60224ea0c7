"""The permissions of the events app (found by rules' autodiscovery): each feature registers
its own predicates in its ``rules.py``, imported here."""

from nonprolif.events.conference import rules as conference_rules
from nonprolif.events.coordination import rules as coordination_rules
from nonprolif.events.meetings import rules as meeting_rules
from nonprolif.events.registrations import rules as registration_rules
from nonprolif.events.speakers import rules as speaker_rules

__all__ = [
    "conference_rules",
    "coordination_rules",
    "meeting_rules",
    "registration_rules",
    "speaker_rules",
]
