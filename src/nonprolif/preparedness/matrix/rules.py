"""Who may act on the 1540 matrix.

- ``preparedness.view_matrix`` (no object): may open the matrix section: coordinators,
  auditors and the users of a national agency (foreign partners never).
- ``preparedness.change_matrix_entry`` (object: a ``MatrixEntry``, saved or not): sets a
  row's status, legal reference and citation and adds or removes its evidence: coordinators,
  and the liaisons of the entry's responsible agency for that agency's entries. Assigning
  the responsible agency stays with the coordinators (the services check it).
- ``preparedness.assign_matrix_entry`` (object: the entry): sets its responsible agency:
  coordinators.
- ``preparedness.add_matrix_plan_item`` (object: the entry): adds a national action plan item
  (a coordination action item): coordinators.

Auditors read everything and change nothing.
"""

import rules

from nonprolif.core.models.agency import AgencyKind
from nonprolif.core.rules import is_analyst, is_auditor, is_coordinator, is_liaison


@rules.predicate
def of_national_agency(user) -> bool:
    """The user acts for a national agency (not a foreign partner)."""
    agency = getattr(user, "agency", None)
    return agency is not None and agency.kind == AgencyKind.NATIONAL


@rules.predicate
def is_active_user(user) -> bool:
    return bool(getattr(user, "is_authenticated", False)) and user.is_active


@rules.predicate
def is_entry_agency_user(user, entry) -> bool:
    """The entry has a responsible agency and it is the user's."""
    return (
        entry is not None
        and entry.agency_id is not None
        and getattr(user, "agency_id", None) == entry.agency_id
    )


can_view_matrix = is_active_user & (
    is_coordinator | is_auditor | ((is_liaison | is_analyst) & of_national_agency)
)
can_change_entry = is_active_user & (
    is_coordinator | (is_liaison & of_national_agency & is_entry_agency_user)
)
can_add_plan_item = is_active_user & is_coordinator

rules.add_perm("preparedness.view_matrix", can_view_matrix)
rules.add_perm("preparedness.change_matrix_entry", can_change_entry)
rules.add_perm("preparedness.assign_matrix_entry", is_active_user & is_coordinator)
rules.add_perm("preparedness.add_matrix_plan_item", can_add_plan_item)
