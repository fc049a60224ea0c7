"""Who may record attendance (asked by the attendance service, views and API).

The predicates assume the object is one the user can see (fetched through the
``get_<thing>_for`` helpers first); they decide only whether the user may act on it.

- Attendance of a session is recorded by the national coordinator or by a user of a partner
  agency of the session's program (the partner trains the session).
- The progress dashboard of a program is read by whoever sees the program; the counts come
  from the rows each user may see (no permission of its own).
"""

import rules

from nonprolif.core.rules import is_coordinator, is_partner


@rules.predicate
def is_partner_of_session_program(user, session) -> bool:
    """The user's agency is a partner agency of the session's program."""
    if session is None or not user.agency_id:
        return False
    return session.program.partner_agencies.filter(pk=user.agency_id).exists()


can_record_attendance = is_coordinator | (is_partner & is_partner_of_session_program)

rules.add_perm("training.record_attendance", can_record_attendance)  # object: the session
