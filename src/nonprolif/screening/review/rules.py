"""Who may decide alerts.

An alert is routed to the agency that submitted its batch: a liaison or an analyst of that
agency decides it (true match, false positive, escalate) — ``screening.decide_alert``.
Coordinators and auditors read every alert but decide none.
"""

import rules

from nonprolif.core.rules import is_analyst, is_liaison


@rules.predicate
def is_alert_agency_user(user, alert) -> bool:
    return (
        alert is not None
        and bool(getattr(user, "agency_id", None))
        and alert.agency_id == user.agency_id
    )


rules.add_perm("screening.decide_alert", (is_liaison | is_analyst) & is_alert_agency_user)
