"""Who may act on meetings: the national coordinator records and edits them; every other
role only reads the meetings its agency took part in."""

import rules

from nonprolif.core.rules import is_coordinator

rules.add_perm("events.add_meeting", is_coordinator)  # object: the program
rules.add_perm("events.change_meeting", is_coordinator)  # object: the meeting
