"""Who may read and import the lists.

- Coordinators, auditors, and the liaisons and analysts of national agencies read the
  sanctions and control lists (``screening.view_lists``): reference data, the same for
  every agency.
- Coordinators import a new version of a list and edit the control lists
  (``screening.import_list``, ``screening.manage_controls``); administrators too correct a
  control-list entry in the admin (``screening.change_control_entry``).
"""

import rules

from nonprolif.core.rules import is_administrator, is_auditor, is_coordinator
from nonprolif.screening.models.batch import screens_for_agency

can_view_lists = is_coordinator | is_auditor | rules.predicate(screens_for_agency)

rules.add_perm("screening.view_lists", can_view_lists)
rules.add_perm("screening.import_list", is_coordinator)
rules.add_perm("screening.manage_controls", is_coordinator)
rules.add_perm("screening.change_control_entry", is_coordinator | is_administrator)
