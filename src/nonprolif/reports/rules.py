"""Who may generate the program status report (the reporting cable).

Coordinators generate it; auditors read it. Both see the whole program, which the report's
figures need (a report from a partial view would state partial numbers as the program's).
The object is the program.
"""

import rules

from nonprolif.core.rules import is_auditor, is_coordinator

rules.add_perm("reports.view_program_report", is_coordinator | is_auditor)  # object: program
