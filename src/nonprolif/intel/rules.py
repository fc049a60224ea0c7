"""The permissions of the intel app (found by rules' autodiscovery): each feature registers
its own predicates in its ``rules.py``, imported here."""

from nonprolif.intel.requests import rules as requests_rules  # noqa: F401
