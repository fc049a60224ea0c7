"""Who may act on programs, proposals and proposal items.

The predicates assume the object is one the user can see (views and the API fetch it through
the ``get_<thing>_for`` helpers first); they decide only whether the user may act on it.

- Coordinators create and edit programs, proposals and items.
- A partner agency's users (role partner) propose to the programs their agency partners in,
  and edit the proposals (and their items) their own agency submitted.
- Only coordinators decide on proposal items (accept, reject, amend) and close the review.
- Auditors, liaisons and administrators change nothing here.
"""

import rules

from nonprolif.core.rules import is_coordinator, is_partner


@rules.predicate
def is_partner_of_program(user, program) -> bool:
    """The user's agency is a partner agency of ``program``."""
    if program is None or not user.agency_id:
        return False
    return program.partner_agencies.filter(pk=user.agency_id).exists()


@rules.predicate
def is_submitting_agency(user, proposal) -> bool:
    """The user's agency submitted ``proposal``."""
    return (
        proposal is not None
        and bool(user.agency_id)
        and (proposal.submitted_by_id == user.agency_id)
    )


@rules.predicate
def is_item_submitting_agency(user, item) -> bool:
    """The user's agency submitted the proposal ``item`` belongs to."""
    return (
        item is not None
        and bool(user.agency_id)
        and (item.proposal.submitted_by_id == user.agency_id)
    )


can_add_proposal = is_coordinator | (is_partner & is_partner_of_program)
can_change_proposal = is_coordinator | (is_partner & is_submitting_agency)
can_add_item = can_change_proposal  # object: the proposal
can_change_item = is_coordinator | (is_partner & is_item_submitting_agency)

rules.add_perm("program.add_program", is_coordinator)
rules.add_perm("program.change_program", is_coordinator)
rules.add_perm("program.add_proposal", can_add_proposal)  # object: the program
rules.add_perm("program.change_proposal", can_change_proposal)  # object: the proposal
rules.add_perm("program.add_proposalitem", can_add_item)  # object: the proposal
rules.add_perm("program.change_proposalitem", can_change_item)  # object: the item

# Review: only the national coordinator decides on items and closes or reopens the review; the
# submitting partner agency (and the coordinator) submit revised versions of a proposal.
rules.add_perm("program.decide_proposalitem", is_coordinator)  # object: the item
rules.add_perm("program.review_proposal", is_coordinator)  # object: the proposal
rules.add_perm("program.revise_proposal", can_change_proposal)  # object: the proposal
