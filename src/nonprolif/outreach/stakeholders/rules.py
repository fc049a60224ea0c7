"""Who may act on stakeholders and open the outreach section."""

import rules

from nonprolif.core.models.agency import AgencyKind
from nonprolif.core.rules import is_analyst, is_auditor, is_coordinator, is_liaison


@rules.predicate
def of_national_agency(user) -> bool:
    """The user acts for a national agency (not a foreign partner)."""
    return user.agency is not None and user.agency.kind == AgencyKind.NATIONAL


reads_outreach = is_coordinator | is_auditor | ((is_liaison | is_analyst) & of_national_agency)

rules.add_perm("outreach.view_outreach", reads_outreach)
