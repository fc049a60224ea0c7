"""Who may act on seats, nominations and the assignment.

The predicates assume the object is one the user can see (views and the API fetch it through
the ``get_<thing>_for`` helpers first); they decide only whether the user may act on it.

- The national coordinator sets each accepted item's seats, window and assignment settings,
  approves or declines nominations and runs the assignment.
- A liaison nominates officials of his own agency, withdraws and substitutes his agency's
  nominees. The coordinator may do the same for any agency (the nomination still needs an
  approval).
"""

import rules

from nonprolif.core.rules import is_coordinator, is_liaison, is_own_agency_official


@rules.predicate
def is_own_agency_nomination(user, nomination) -> bool:
    return (
        nomination is not None and bool(user.agency_id) and nomination.agency_id == user.agency_id
    )


rules.add_perm("training.manage_seats", is_coordinator)  # object: the program
rules.add_perm("training.run_assignment", is_coordinator)  # object: the program
rules.add_perm(
    "training.nominate", is_coordinator | (is_liaison & is_own_agency_official)
)  # object: the official
rules.add_perm("training.decide_nomination", is_coordinator)  # object: the nomination
rules.add_perm(
    "training.withdraw_nomination", is_coordinator | (is_liaison & is_own_agency_nomination)
)  # object: the nomination
rules.add_perm(
    "training.substitute_nomination", is_coordinator | (is_liaison & is_own_agency_nomination)
)  # object: the nomination
