"""Who may read and import the lists.

- Coordinators, auditors, liaisons and analysts read the sanctions and control lists
  (``screening.view_lists``): they are reference data, the same for every agency.
- Coordinators import a new version of a list and edit the control lists
  (``screening.import_list``, ``screening.manage_controls``); administrators too correct a
  control-list entry in the admin (``screening.change_control_entry``).
"""

import rules

from nonprolif.core.rules import (
    is_administrator,
    is_analyst,
    is_auditor,
    is_coordinator,
    is_liaison,
)

can_view_lists = is_coordinator | is_auditor | is_liaison | is_analyst

rules.add_perm("screening.view_lists", can_view_lists)
rules.add_perm("screening.import_list", is_coordinator)
rules.add_perm("screening.manage_controls", is_coordinator)
rules.add_perm("screening.change_control_entry", is_coordinator | is_administrator)
