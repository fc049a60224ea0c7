"""The permissions of the preparedness app (found by rules' autodiscovery): each feature
registers its own predicates in its ``rules.py``, imported here."""

from nonprolif.preparedness.aar import rules as aar_rules  # noqa: F401
from nonprolif.preparedness.conduct import rules as conduct_rules  # noqa: F401
from nonprolif.preparedness.exercises import rules as exercises_rules  # noqa: F401
from nonprolif.preparedness.improvement import rules as improvement_rules  # noqa: F401
from nonprolif.preparedness.matrix import rules as matrix_rules  # noqa: F401
from nonprolif.preparedness.plan import rules as plan_rules  # noqa: F401
