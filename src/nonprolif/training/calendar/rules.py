"""Who may act on the training calendar: sessions, venues, regeneration and feeds.

The predicates assume the object is one the user can see (views and the API fetch it through
the ``get_<thing>_for`` helpers first); they decide only whether the user may act on it.

- The national coordinator regenerates the calendar, confirms held-back changes, edits a
  session's venue, capacity and language, adds or removes its participants, and keeps the
  program's venues and blackout dates.
- Calendar feeds: of a whole program, coordinators, auditors and the program's partners; of
  an agency, coordinators (any agency) and liaisons (their own); of an official,
  coordinators, liaisons (the officials of their agency) and the official himself (his own
  login). A user revokes the feeds he created.
"""

import rules

from nonprolif.core.rules import (
    is_auditor,
    is_coordinator,
    is_liaison,
    is_own_agency_official,
    is_partner,
)
from nonprolif.program.rules import is_partner_of_program


@rules.predicate
def is_own_agency(user, agency) -> bool:
    return agency is not None and bool(user.agency_id) and agency.pk == user.agency_id


@rules.predicate
def is_the_official(user, official) -> bool:
    return official is not None and official.user_id is not None and official.user_id == user.pk


@rules.predicate
def is_feed_creator(user, feed) -> bool:
    return feed is not None and feed.created_by_id == user.pk


rules.add_perm("training.regenerate_calendar", is_coordinator)  # object: the program
rules.add_perm("training.change_session", is_coordinator)  # object: the session
rules.add_perm("training.manage_venues", is_coordinator)  # object: the program
rules.add_perm("training.manage_participants", is_coordinator)  # object: the session
rules.add_perm(
    "training.add_program_feed",
    is_coordinator | is_auditor | (is_partner & is_partner_of_program),
)  # object: the program
rules.add_perm(
    "training.add_agency_feed", is_coordinator | (is_liaison & is_own_agency)
)  # object: the agency
rules.add_perm(
    "training.add_official_feed",
    is_coordinator | (is_liaison & is_own_agency_official) | is_the_official,
)  # object: the official
rules.add_perm("training.revoke_feed", is_feed_creator)  # object: the feed
