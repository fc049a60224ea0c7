"""The permissions of the intel app (found by rules' autodiscovery): each feature registers
its own predicates in its ``rules.py``, imported here."""

from nonprolif.intel.entities import rules as entities_rules  # noqa: F401
from nonprolif.intel.exchange import rules as exchange_rules  # noqa: F401
from nonprolif.intel.releases import rules as releases_rules  # noqa: F401
from nonprolif.intel.reports import rules as reports_rules  # noqa: F401
from nonprolif.intel.requests import rules as requests_rules  # noqa: F401
