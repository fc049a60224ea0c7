"""Who may act on visits.

- Recording a visit to a stakeholder (``outreach.add_visit``, object: the stakeholder): a
  coordinator, or a liaison of the stakeholder's responsible agency.
- Changing a visit and adding its follow-ups (``outreach.change_visit``, object: the visit):
  a coordinator, or a liaison of the visiting agency who also reads the stakeholder (its
  responsible agency's). Analysts and auditors read only.
"""

import rules

from nonprolif.core.rules import is_coordinator, is_liaison
from nonprolif.outreach.stakeholders.rules import can_change_stakeholder, of_national_agency


@rules.predicate
def is_visiting_agency_user(user, visit) -> bool:
    """The user acts for the agency that made ``visit`` and is responsible for its
    stakeholder."""
    return (
        visit is not None
        and bool(getattr(user, "agency_id", None))
        and visit.agency_id == user.agency_id
        and visit.stakeholder.responsible_agency_id == user.agency_id
    )


can_add_visit = can_change_stakeholder
can_change_visit = is_coordinator | (is_liaison & of_national_agency & is_visiting_agency_user)

rules.add_perm("outreach.add_visit", can_add_visit)  # object: the stakeholder
rules.add_perm("outreach.change_visit", can_change_visit)  # object: the visit
