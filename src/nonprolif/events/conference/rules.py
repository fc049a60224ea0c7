"""Who may act on the conference (events/models/conference.py and its rooms, talks and
releases). The national coordinator organises it: creates it, its rooms and talks, edits the
draft timetable and publishes releases. Everyone who can see the conference reads its
published agenda; the draft (talks, timetable, the changes not yet published) is for the
organisers, and auditors read it too."""

import rules

from nonprolif.core.rules import is_auditor, is_coordinator

rules.add_perm("events.add_conference", is_coordinator)  # object: the program
rules.add_perm("events.change_conference", is_coordinator)  # object: the conference
rules.add_perm("events.edit_timetable", is_coordinator)  # object: the conference
rules.add_perm("events.publish_schedule", is_coordinator)  # object: the conference
rules.add_perm("events.view_timetable_draft", is_coordinator | is_auditor)  # the conference


@rules.predicate
def is_feed_creator(user, feed) -> bool:
    return feed is not None and feed.created_by_id == user.pk


rules.add_perm("events.revoke_conference_feed", is_feed_creator)  # object: the feed
