"""Who may act on stakeholders and open the outreach section.

- Reading: coordinators and auditors, and the liaisons and analysts of a national agency
  (``outreach.view_outreach``); which rows each reads is ``stakeholder_scope``.
- Registering a stakeholder (``outreach.add_stakeholder``): a coordinator (for any national
  agency of the program) or a liaison of a national agency (for his own agency only: the
  service refuses another responsible agency).
- Changing one, and its contacts (``outreach.change_stakeholder``, object: the stakeholder):
  a coordinator, or a liaison of the responsible agency. Analysts and auditors read only.
"""

import rules

from nonprolif.core.models.agency import AgencyKind
from nonprolif.core.rules import is_analyst, is_auditor, is_coordinator, is_liaison


@rules.predicate
def of_national_agency(user) -> bool:
    """The user acts for a national agency (not a foreign partner)."""
    return user.agency is not None and user.agency.kind == AgencyKind.NATIONAL


@rules.predicate
def is_responsible_agency_user(user, stakeholder) -> bool:
    """The user acts for the agency responsible for ``stakeholder``."""
    return (
        stakeholder is not None
        and bool(getattr(user, "agency_id", None))
        and stakeholder.responsible_agency_id == user.agency_id
    )


reads_outreach = is_coordinator | is_auditor | ((is_liaison | is_analyst) & of_national_agency)
can_add_stakeholder = is_coordinator | (is_liaison & of_national_agency)
can_change_stakeholder = is_coordinator | (
    is_liaison & of_national_agency & is_responsible_agency_user
)

rules.add_perm("outreach.view_outreach", reads_outreach)
rules.add_perm("outreach.add_stakeholder", can_add_stakeholder)  # object: none or the program
rules.add_perm("outreach.change_stakeholder", can_change_stakeholder)  # object: the stakeholder
