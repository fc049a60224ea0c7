"""Who may write intelligence reports.

The predicates assume the report is one the user can read (fetched through
``queries.get_report_for``); they decide only whether he may act on it. A writer is an
analyst of the originating agency whose clearance reaches the report's classification.
"""

import rules

from nonprolif.core.rules import is_analyst


@rules.predicate
def has_agency_and_clearance(user) -> bool:
    return bool(getattr(user, "agency_id", None)) and bool(getattr(user, "clearance_id", None))


@rules.predicate
def is_of_originator_and_cleared(user, report) -> bool:
    """The user's agency wrote the report and his clearance reaches its classification."""
    if report is None or not user.agency_id or not user.clearance_id:
        return False
    return (
        report.originator_id == user.agency_id and user.clearance.rank >= report.classification.rank
    )


can_add_report = is_analyst & has_agency_and_clearance
can_change_report = is_analyst & is_of_originator_and_cleared

rules.add_perm("intel.add_report", can_add_report)  # no object
rules.add_perm("intel.change_report", can_change_report)  # object: the report
