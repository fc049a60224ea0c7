"""Creating and editing the items of a proposal."""

import datetime
from collections.abc import Iterable
from typing import Any

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from nonprolif.core.domain.audit import diff, record, snapshot
from nonprolif.core.domain.permissions import require_perm
from nonprolif.core.models import Agency, User
from nonprolif.program.models import ITEM_FIELDS, Program, Proposal, ProposalItem

from ._common import collect, merge_errors, reject_unknown

# The item's own values, which the services take as keyword arguments (the target agencies
# come apart: they are links, not values).
ITEM_VALUES = frozenset(ITEM_FIELDS) - {"target_agencies"}


def _program_agency_ids(program: Program) -> set[int]:
    return set(Agency.objects.filter(member_programs=program).values_list("pk", flat=True)) | {
        program.lead_agency_id
    }


def target_errors(proposal: Proposal, target_agencies: Iterable[Agency]) -> ValidationError | None:
    """Target agencies must be the program's lead or member agencies."""
    outside = [a for a in target_agencies if a.pk not in _program_agency_ids(proposal.program)]
    if outside:
        return ValidationError(
            {
                "target_agencies": _("Not an agency of the program: %(codes)s.")
                % {"codes": ", ".join(sorted(a.code for a in outside))}
            }
        )
    return None


def start_date_error(
    proposal: Proposal, start_date: datetime.date | None, *, field: str = "start_date"
) -> ValidationError | None:
    """A ValidationError on ``field`` if ``start_date`` is before the proposal's earliest
    start (the later of the program's start and the proposal's submission date), else None."""
    if start_date is None:
        return None
    program_start = proposal.program.start_date
    if (
        program_start is not None
        and start_date < program_start
        and (proposal.submitted_on is None or program_start >= proposal.submitted_on)
    ):
        return ValidationError(
            {
                field: _("The start date cannot be before the program starts (%(date)s).")
                % {"date": program_start.isoformat()}
            }
        )
    if proposal.submitted_on is not None and start_date < proposal.submitted_on:
        return ValidationError(
            {
                field: _("The start date cannot be before the proposal was submitted (%(date)s).")
                % {"date": proposal.submitted_on.isoformat()}
            }
        )
    return None


def _number_error(item: ProposalItem) -> ValidationError | None:
    """Item numbers are unique within a proposal."""
    if item.number is None:
        return None
    taken = (
        ProposalItem.objects.filter(proposal_id=item.proposal_id, number=item.number)
        .exclude(pk=item.pk)
        .exists()
    )
    if taken:
        return ValidationError({"number": _("This proposal already has an item with this number.")})
    return None


def _editable_error(proposal: Proposal, item: ProposalItem | None = None) -> ValidationError | None:
    """Items change only while their proposal is the latest version under an open review,
    and an item only until the coordinator decides on it: after that the partner submits a
    revised version (what was accepted never changes under the calendar)."""
    if proposal.review_closed_at is not None:
        return ValidationError(
            {
                NON_FIELD_ERRORS: _(
                    "The review of this proposal is closed; submit a revised version."
                )
            }
        )
    newer = Proposal.objects.filter(
        program_id=proposal.program_id,
        submitted_by_id=proposal.submitted_by_id,
        version__gt=proposal.version,
    ).exists()
    if newer:
        return ValidationError(
            {NON_FIELD_ERRORS: _("A later version supersedes this proposal; change that one.")}
        )
    if item is not None and item.pk and item.decisions.exists():
        return ValidationError(
            {
                NON_FIELD_ERRORS: _(
                    "The coordinator has decided on this item; submit a revised version of "
                    "the proposal to change it."
                )
            }
        )
    return None


def _audit_values(item: ProposalItem, target_agencies: Iterable[Agency]) -> dict[str, object]:
    values = snapshot(item)
    values["target_agencies"] = sorted(a.code for a in target_agencies)
    return values


def create_item(
    *, actor: User, proposal: Proposal, target_agencies: Iterable[Agency] = (), **fields: Any
) -> ProposalItem:
    """Add an item to a proposal.

    ``fields``: number (defaults to the next free number), kind, title_es, title_en,
    description_es, description_en, target_trainees, cohort_size, cohort_count, start_date,
    cadence_months, session_days, notes. ``target_agencies``: the program's agencies the
    item is for (none: every agency).

    Side effects: one ProposalItem row, its target agency links, one audit entry
    ("proposalitem.create"). PermissionDenied unless the actor may add items to the proposal;
    ValidationError naming the field on bad input (e.g. a cohort size of 0, a negative
    cadence, a start before the program or the proposal's submission), or when the proposal's
    review is closed or a later version supersedes it. Nothing is written in those cases.
    """
    reject_unknown(fields, ITEM_VALUES)
    require_perm(actor, "program.add_proposalitem", proposal)
    targets = list(target_agencies)
    if fields.get("number") is None:
        latest = proposal.items.aggregate(latest=Max("number"))["latest"]
        fields["number"] = (latest or 0) + 1
    item = ProposalItem(proposal=proposal, **fields)
    merge_errors(
        _editable_error(proposal),
        collect(item, validate_constraints=False),
        start_date_error(proposal, item.start_date),
        _number_error(item),
        target_errors(proposal, targets),
    )
    with transaction.atomic():
        item.save()
        item.target_agencies.set(targets)
        record(
            actor=actor,
            action="proposalitem.create",
            obj=item,
            changes=diff({}, _audit_values(item, targets)),
        )
    return item


def update_item(
    *,
    actor: User,
    item: ProposalItem,
    target_agencies: Iterable[Agency] | None = None,
    **fields: Any,
) -> ProposalItem:
    """Change an item's fields and, when given, its target agencies.

    Side effects: the ProposalItem row and its target agency links are updated, one audit
    entry ("proposalitem.update") holds the changes. PermissionDenied unless the actor may
    change the item; ValidationError naming the field on bad input, and once the coordinator
    has decided on the item, the review is closed or a later version supersedes the proposal
    (the partner submits a revised version then). Nothing is written in those cases.
    """
    reject_unknown(fields, ITEM_VALUES)
    require_perm(actor, "program.change_proposalitem", item)
    before = _audit_values(item, item.target_agencies.all())
    targets = list(target_agencies) if target_agencies is not None else None
    editable = _editable_error(item.proposal, item)
    start_changed = "start_date" in fields and fields["start_date"] != item.start_date
    for name, value in fields.items():
        setattr(item, name, value)
    try:
        merge_errors(
            editable,
            collect(item, validate_constraints=False),
            start_date_error(item.proposal, item.start_date) if start_changed else None,
            _number_error(item),
            target_errors(item.proposal, targets or []),
        )
    except ValidationError:
        item.refresh_from_db()
        raise
    with transaction.atomic():
        item.save()
        if targets is not None:
            item.target_agencies.set(targets)
        after = _audit_values(item, item.target_agencies.all())
        record(actor=actor, action="proposalitem.update", obj=item, changes=diff(before, after))
    return item
