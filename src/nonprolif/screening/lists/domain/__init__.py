"""Writes of the lists: the import of a list file as a new snapshot with its delta, and the
load of a control-list file.

Both are all or nothing (one transaction), audited with one entry, and refused (an audit
entry with outcome denied, nothing else written) for anybody without the permission
(``screening.import_list``, ``screening.manage_controls``). ``actor`` None is the system (the
shell command without ``--as``, the seed): no permission is asked of it.
"""

from nonprolif.screening.lists.domain.controls import (
    load_controls,
    may_keep_controls,
    save_control_entry,
)
from nonprolif.screening.lists.domain.snapshots import import_list, require_import

__all__ = [
    "import_list",
    "load_controls",
    "may_keep_controls",
    "require_import",
    "save_control_entry",
]
