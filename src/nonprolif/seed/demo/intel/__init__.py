"""The demo of intelligence (see ``load``): its content as plain data (``model`` and the
reports by concern: ``arms``, ``sources``, ``precursors``, ``outreach``) and its loader."""

from .load import demo_reports, load_demo_intel

__all__ = ["demo_reports", "load_demo_intel"]
