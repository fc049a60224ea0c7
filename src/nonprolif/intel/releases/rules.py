"""Who may act on releasability lists, partner releases and distribution lists.

Loaded with ``intel/rules.py`` (rules autodiscovery). The predicates assume the object is one
the user can see (fetched through a ``get_<thing>_for`` helper); they decide only whether the
user may act on it. The services ask them again and audit a refusal.

- A report's releasability list is set by the originating agency's analysts and
  coordinators (object: the report).
- A pending partner release is decided by an analyst or coordinator of the originating
  agency (object: the release); the service also refuses the requester himself.
- An agency's distribution lists are managed by its analysts and coordinators (object: the
  list, or None to create one).
"""

import rules

from nonprolif.core.rules import is_analyst, is_coordinator


@rules.predicate
def is_of_originating_agency(user, obj) -> bool:
    """The user's agency wrote the report (``obj``: a report, or a release of one)."""
    if obj is None or not getattr(user, "agency_id", None):
        return False
    report = getattr(obj, "report", obj)
    return report.originator_id == user.agency_id


@rules.predicate
def is_of_owning_agency(user, distribution_list) -> bool:
    """The list is the user's agency's own (None: a new list, owned by his agency)."""
    if not getattr(user, "agency_id", None):
        return False
    return distribution_list is None or distribution_list.owner_id == user.agency_id


@rules.predicate
def has_agency_and_clearance(user) -> bool:
    return bool(getattr(user, "agency_id", None)) and bool(getattr(user, "clearance_id", None))


is_intel_writer = (is_analyst | is_coordinator) & has_agency_and_clearance

rules.add_perm("intel.release_report", is_intel_writer & is_of_originating_agency)
rules.add_perm("intel.decide_release", is_intel_writer & is_of_originating_agency)
rules.add_perm("intel.manage_distribution_list", is_intel_writer & is_of_owning_agency)
