"""Who may decide alerts and lift cleared parties.

An alert is routed to the agency that submitted its batch: a liaison or an analyst of that
agency decides it (true match, false positive) — ``screening.decide_alert`` — and lifts the
parties his agency cleared — ``screening.lift_suppression`` (a cleared party carries its
agency like an alert). Escalating an alert writes an intelligence report draft: it takes
``screening.decide_alert`` and ``intel.add_report`` (an analyst with a clearance) —
``screening.escalate_alert``. Coordinators and auditors read every alert but decide none.
"""

import rules

from nonprolif.intel.reports.rules import can_add_report
from nonprolif.screening.models.batch import screens_for_agency


@rules.predicate
def is_alert_agency_user(user, alert) -> bool:
    """The user's agency is the one the alert (or cleared party) belongs to."""
    return (
        alert is not None
        and bool(getattr(user, "agency_id", None))
        and alert.agency_id == user.agency_id
    )


can_decide_alert = rules.predicate(screens_for_agency) & is_alert_agency_user

rules.add_perm("screening.decide_alert", can_decide_alert)
rules.add_perm("screening.escalate_alert", can_decide_alert & can_add_report)
rules.add_perm("screening.lift_suppression", can_decide_alert)
