"""Who may act on tips.

A tip is taken by a liaison of the stakeholder's responsible agency (``outreach.add_tip``,
object: the stakeholder), who also sends its acknowledgement again
(``outreach.acknowledge_tip``, object: the tip). An analyst of that agency with a clearance
turns it into an intelligence report draft (``outreach.report_tip``, object: the tip).
Coordinators and auditors read every tip and write none.
"""

import rules

from nonprolif.core.rules import is_analyst, is_liaison
from nonprolif.intel.reports.rules import can_add_report
from nonprolif.outreach.stakeholders.rules import of_national_agency


@rules.predicate
def is_responsible_agency_user(user, stakeholder) -> bool:
    """The user's agency is responsible for the stakeholder."""
    return (
        stakeholder is not None
        and bool(getattr(user, "agency_id", None))
        and stakeholder.responsible_agency_id == user.agency_id
    )


@rules.predicate
def is_tip_agency_user(user, tip) -> bool:
    """The user's agency is responsible for the tip's stakeholder."""
    return tip is not None and is_responsible_agency_user(user, tip.stakeholder)


can_add_tip = is_liaison & of_national_agency & is_responsible_agency_user
can_acknowledge_tip = is_liaison & of_national_agency & is_tip_agency_user
can_report_tip = is_analyst & of_national_agency & can_add_report & is_tip_agency_user

rules.add_perm("outreach.add_tip", can_add_tip)
rules.add_perm("outreach.acknowledge_tip", can_acknowledge_tip)
rules.add_perm("outreach.report_tip", can_report_tip)
