"""Who may plan an exercise's improvement (``preparedness.plan_improvement``, object: the
exercise): coordinators and the exercise's director (while he may read it). They add
corrective actions, flag them as training needs and propose a training need for the next
review (which also takes ``program.add_proposalitem`` on the proposal). Auditors read and
change nothing. Status changes of a corrective action are its action item's
(``events.update_actionitem_status``)."""

import rules

from nonprolif.core.rules import is_auditor, is_coordinator
from nonprolif.preparedness.exercises.rules import is_director

rules.add_perm("preparedness.plan_improvement", (is_coordinator | is_director) & ~is_auditor)
