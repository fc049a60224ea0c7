"""The demo of outreach: twenty stakeholders of the 2009 program with their contacts, the
awareness materials, the visits of 2009 with their follow-ups, and the tip of Química
Industrial del Bajío that became the intelligence demo's outreach-tip report (``content``,
``visits``; loaded by ``load``). The content is fixed (no randomness) and keyed by natural
keys, so a second load changes nothing and writes no audit entry."""

from .load import load_demo_outreach

__all__ = ["load_demo_outreach"]
