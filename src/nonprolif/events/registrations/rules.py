"""Who may act on conference registrations, quotas, badges and check-in.

Loaded with ``events/rules.py`` (rules autodiscovery). The predicates assume the object is one
the user can see (fetched through a ``get_<thing>_for`` helper); they decide only whether the
user may act on it.

The coordinator sets the agencies' seats and approves or declines; a liaison registers and
cancels his own agency's officials. Check-in at the door: the coordinator for everybody, and a
liaison for his own agency's officials (he escorts his delegation and vouches for who they
are; he still sees nothing of other agencies).
"""

import rules

from nonprolif.core.rules import is_auditor, is_coordinator, is_liaison


@rules.predicate
def is_own_agency_registration(user, registration) -> bool:
    return (
        registration is not None
        and bool(user.agency_id)
        and registration.agency_id == user.agency_id
    )


# Who has registrations at all (partners and the rest get 404). Object: the conference.
rules.add_perm("events.view_registrations", is_coordinator | is_auditor | is_liaison)
rules.add_perm("events.set_registration_quota", is_coordinator)  # object: the conference
rules.add_perm("events.add_registration", is_coordinator | is_liaison)  # object: the conference
rules.add_perm("events.decide_registration", is_coordinator)  # object: the registration
rules.add_perm(
    "events.cancel_registration", is_coordinator | (is_liaison & is_own_agency_registration)
)  # object: the registration
rules.add_perm(
    "events.check_in_registration", is_coordinator | (is_liaison & is_own_agency_registration)
)  # object: the registration
rules.add_perm("events.check_in", is_coordinator | is_liaison)  # object: the conference
rules.add_perm("events.print_badges", is_coordinator)  # object: the conference
rules.add_perm(
    "events.print_badge", is_coordinator | (is_liaison & is_own_agency_registration)
)  # object: the registration
