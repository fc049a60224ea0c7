"""Who may act on guest speakers, their invitations and conference registrations.

Loaded with ``events/rules.py`` (rules autodiscovery). The predicates assume the object is one
the user can see (fetched through a ``get_<thing>_for`` helper); they decide only whether the
user may act on it.

- Speakers: a partner agency's users propose speakers to the conferences of the programs their
  agency partners in; the coordinator proposes too, decides on every proposal, sends and
  revokes the invitations.
- Registrations: the coordinator sets the agencies' seats and approves or declines; a liaison
  registers and cancels his own agency's officials. Check-in at the door: the coordinator for
  everybody, and a liaison for his own agency's officials (he escorts his delegation and
  vouches for who they are; he still sees nothing of other agencies).
"""

import rules

from nonprolif.core.rules import is_auditor, is_coordinator, is_liaison, is_partner


@rules.predicate
def is_partner_of_conference(user, conference) -> bool:
    """The user's agency is a partner agency of the conference's program."""
    if conference is None or not user.agency_id:
        return False
    return conference.program.partner_agencies.filter(pk=user.agency_id).exists()


@rules.predicate
def is_own_agency_registration(user, registration) -> bool:
    return (
        registration is not None
        and bool(user.agency_id)
        and registration.agency_id == user.agency_id
    )


can_propose_speaker = is_coordinator | (is_partner & is_partner_of_conference)

# Who has speaker records at all (the rest get 404: for them speakers exist only in the
# published agenda). Object: the conference.
rules.add_perm(
    "events.view_speakers", is_coordinator | is_auditor | (is_partner & is_partner_of_conference)
)
rules.add_perm("events.propose_speaker", can_propose_speaker)  # object: the conference
rules.add_perm("events.decide_speaker", is_coordinator)  # object: the speaker
rules.add_perm("events.invite_speaker", is_coordinator)  # object: the speaker
rules.add_perm("events.revoke_invitation", is_coordinator)  # object: the invitation

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
