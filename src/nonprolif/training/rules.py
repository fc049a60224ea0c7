"""The training app's permissions: each feature's predicates, registered with ``rules`` when
this module is imported (``rules`` autodiscovers it)."""

from nonprolif.training.attendance import rules as attendance_rules
from nonprolif.training.calendar import rules as calendar_rules
from nonprolif.training.certificates import rules as certificates_rules
from nonprolif.training.nominations import rules as nominations_rules

__all__ = ["attendance_rules", "calendar_rules", "certificates_rules", "nominations_rules"]
