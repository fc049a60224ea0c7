"""The permissions of the screening app (found by rules' autodiscovery): each feature
registers its own predicates in its ``rules.py``, imported here."""

from nonprolif.screening.batches import rules as batches_rules  # noqa: F401
from nonprolif.screening.lists import rules as lists_rules  # noqa: F401
from nonprolif.screening.review import rules as review_rules  # noqa: F401
