"""Who may act on guest speakers and their invitations.

Loaded with ``events/rules.py`` (rules autodiscovery). The predicates assume the object is one
the user can see (fetched through a ``get_<thing>_for`` helper); they decide only whether the
user may act on it.

A partner agency's users propose speakers to the conferences of the programs their agency
partners in; the coordinator proposes too, decides on every proposal, sends and revokes the
invitations.
"""

import rules

from nonprolif.core.rules import is_auditor, is_coordinator, is_partner


@rules.predicate
def is_partner_of_conference(user, conference) -> bool:
    """The user's agency is a partner agency of the conference's program."""
    if conference is None or not user.agency_id:
        return False
    return conference.program.partner_agencies.filter(pk=user.agency_id).exists()


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
