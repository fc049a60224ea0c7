"""The permissions of the outreach app (found by rules' autodiscovery): each feature
registers its own predicates in its ``rules.py``, imported here."""

from nonprolif.outreach.materials import rules as materials_rules  # noqa: F401
from nonprolif.outreach.stakeholders import rules as stakeholders_rules  # noqa: F401
from nonprolif.outreach.tips import rules as tips_rules  # noqa: F401
from nonprolif.outreach.visits import rules as visits_rules  # noqa: F401
