"""Who may act on entities and on the entities a report names.

Loaded with ``intel/rules.py`` (rules autodiscovery). The predicates assume the object is one
the user can see (fetched through a ``get_<thing>_for`` helper); they decide only whether he
may act on it.

- An analyst with an agency and a clearance registers entities (his agency owns them).
- The analysts of the owning agency edit an entity and its aliases.
- The writers of a report (analysts of the originating agency cleared for its
  classification) link entities to it and unlink them, unless it was withdrawn.
"""

import rules

from nonprolif.core.rules import is_analyst
from nonprolif.intel.models import ReportStatus


@rules.predicate
def is_cleared_member(user) -> bool:
    """The user has an agency and a clearance (without them no intelligence exists for him)."""
    return bool(getattr(user, "agency_id", None)) and bool(getattr(user, "clearance_id", None))


@rules.predicate
def is_entity_owner(user, entity) -> bool:
    """The user's agency registered ``entity``."""
    return entity is not None and bool(user.agency_id) and entity.owner_id == user.agency_id


@rules.predicate
def writes_report(user, report) -> bool:
    """The user's agency originated ``report``, his clearance covers its classification and
    the report was not withdrawn."""
    if report is None or not user.agency_id or user.clearance_id is None:
        return False
    return (
        report.originator_id == user.agency_id
        and report.status != ReportStatus.WITHDRAWN
        and user.clearance.rank >= report.classification.rank
    )


rules.add_perm("intel.add_entity", is_analyst & is_cleared_member)
rules.add_perm("intel.change_entity", is_analyst & is_cleared_member & is_entity_owner)
# object: the report
rules.add_perm("intel.link_entity", is_analyst & is_cleared_member & writes_report)
