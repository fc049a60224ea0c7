"""The permissions of the intel app (found by rules' autodiscovery): each feature registers
its own predicates in its ``rules.py``, imported here."""

from nonprolif.intel.exchange import rules as exchange_rules  # noqa: F401
