"""Who may act on meetings: the national coordinator records and edits them; every other
role only reads the meetings its agency took part in."""

import rules

from nonprolif.core.rules import is_auditor, is_coordinator

rules.add_perm("events.add_meeting", is_coordinator)  # object: the program
rules.add_perm("events.change_meeting", is_coordinator)  # object: the meeting

# The conference (events/models/conference.py). The national coordinator organises it:
# creates it, its rooms and talks, edits the draft timetable and publishes releases. Everyone
# who can see the conference reads its published agenda; the draft (talks, timetable, the
# changes not yet published) is for the organisers, and auditors read it too.
rules.add_perm("events.add_conference", is_coordinator)  # object: the program
rules.add_perm("events.change_conference", is_coordinator)  # object: the conference
rules.add_perm("events.edit_timetable", is_coordinator)  # object: the conference
rules.add_perm("events.publish_schedule", is_coordinator)  # object: the conference
rules.add_perm("events.view_timetable_draft", is_coordinator | is_auditor)  # the conference

# Guest speakers, invitations and registrations: their predicates live in rules_speakers.py.
import nonprolif.events.rules_speakers  # noqa: E402, F401

# Meeting decisions, action items and status reports.
from nonprolif.events import rules_coordination  # noqa: E402, F401
