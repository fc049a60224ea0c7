"""The writes of intelligence reports: ``reports`` (create, edit with versions, publish,
withdraw, references, comparisons) and ``attachments`` (attach and remove files)."""

from nonprolif.intel.models import REPORT_FIELDS

from .attachments import add_attachment, remove_attachment
from .reports import (
    MARKINGS,
    FieldComparison,
    compare_versions,
    create_report,
    next_reference,
    normalise_tags,
    publish_report,
    report_snapshot,
    update_report,
    withdraw_report,
)

__all__ = [
    "MARKINGS",
    "REPORT_FIELDS",
    "FieldComparison",
    "add_attachment",
    "compare_versions",
    "create_report",
    "next_reference",
    "normalise_tags",
    "publish_report",
    "remove_attachment",
    "report_snapshot",
    "update_report",
    "withdraw_report",
]
