"""Reads of the program app. Every selector starts from ``visible_to(user)``."""

from .agencies import agencies_by_codes, agency_by_code, national_agency_ids, program_agencies
from .programs import (
    Dashboard,
    ProgramAgency,
    ProgramSummary,
    get_program_for,
    home_programs,
    program_dashboard,
    programs_for,
)
from .proposals import (
    VisibleItems,
    current_proposals_for,
    decision_history_prefetch,
    get_item_for,
    get_proposal_for,
    items_for,
    program_proposals,
    proposal_items,
    proposals_for,
    with_review_state,
)
from .review import ItemPlan, accepted_item_plans, item_decision_state, item_decisions
from .revisions import (
    FieldChange,
    ItemChange,
    ProposalChanges,
    previous_version,
    proposal_changes,
    proposal_versions,
)

__all__ = [
    "Dashboard",
    "FieldChange",
    "ItemChange",
    "ItemPlan",
    "ProgramAgency",
    "ProgramSummary",
    "ProposalChanges",
    "VisibleItems",
    "accepted_item_plans",
    "agencies_by_codes",
    "agency_by_code",
    "current_proposals_for",
    "decision_history_prefetch",
    "get_item_for",
    "get_program_for",
    "get_proposal_for",
    "home_programs",
    "item_decision_state",
    "item_decisions",
    "items_for",
    "national_agency_ids",
    "previous_version",
    "program_agencies",
    "program_dashboard",
    "program_proposals",
    "programs_for",
    "proposal_changes",
    "proposal_items",
    "proposal_versions",
    "proposals_for",
    "with_review_state",
]
