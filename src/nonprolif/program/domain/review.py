"""The coordinator's review of a partner's proposal, item by item.

Decisions are rows (``ItemDecision``): the latest of an item is its current decision, the
earlier ones its history; nothing here updates or deletes a decision. Every service that
changes what is accepted sends ``nonprolif.program.signals.review_changed`` inside its
transaction, after its writes, with ``program`` and ``actor``. Decisions and closing apply
to the latest version of a proposal (revisions: ``revisions.py``).
"""

from collections.abc import Iterable, Mapping
from typing import Any

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from nonprolif.core import clock
from nonprolif.core.domain.audit import diff, record
from nonprolif.core.domain.permissions import require_perm
from nonprolif.core.models import Agency, User
from nonprolif.program.models import (
    AMENDABLE_FIELDS,
    Decision,
    ItemDecision,
    Proposal,
    ProposalItem,
)

from ._common import (
    collect,
    current_by_item,
    merge_errors,
    merged,
    notify_review_changed,
    reject_unknown,
    require_latest,
)
from .items import start_date_error, target_errors

AMENDMENT_FIELDS = {*AMENDABLE_FIELDS, "target_agencies"}


def _require_open(proposal: Proposal) -> None:
    if proposal.review_closed_at is not None:
        raise ValidationError(
            {NON_FIELD_ERRORS: _("The review of this proposal is closed; reopen it first.")}
        )


def _current(item: ProposalItem) -> ItemDecision | None:
    return item.decisions.order_by("-at", "-pk").first()


def _decision_audit(decision: ItemDecision, targets: Iterable[Agency]) -> dict[str, object]:
    values: dict[str, object] = {"decision": decision.decision, "rationale": decision.rationale}
    values.update({f"amended_{k}": str(v) for k, v in decision.amended_values().items()})
    if decision.amends_target_agencies:
        values["amended_target_agencies"] = sorted(a.code for a in targets)
    return values


# Decisions ----------------------------------------------------------------------------------


def _build_decision(
    *,
    item: ProposalItem,
    decision: str,
    actor: User,
    rationale: str,
    amendments: Mapping[str, Any] | None,
) -> tuple[ItemDecision, list[Agency] | None]:
    """An unsaved ItemDecision and its amended target agencies (or None), validated: the
    amended values must pass the item's own rules. Raises ValidationError naming the field."""
    values = dict(amendments or {})
    reject_unknown(values, AMENDMENT_FIELDS)
    if decision not in Decision.values:
        raise ValidationError(
            {"decision": _("Choose one of: %(choices)s.") % {"choices": ", ".join(Decision.values)}}
        )
    given_targets = values.pop("target_agencies", None)
    targets = list(given_targets) if given_targets is not None else None
    row = ItemDecision(
        item=item,
        decision=decision,
        rationale=(rationale or "").strip(),
        actor=actor,
        amends_target_agencies=targets is not None,
        **{name: value for name, value in values.items() if value is not None},
    )
    own = collect(row, exclude=["item", "actor", "carried_from"], validate_constraints=False)
    errors: list[ValidationError | None] = [own]
    if own is not None:
        pass  # the values themselves are wrong: checking them against the item adds nothing
    elif decision == Decision.AMENDED and not row.amended_values_given() and targets is None:
        errors.append(
            ValidationError(
                {"amendments": _("Give at least one amended value, or accept the item as is.")}
            )
        )
    elif decision == Decision.AMENDED:
        changed = [n for n, v in row.amended_values().items() if getattr(item, n) != v]
        if targets is not None:
            same_targets = {a.pk for a in targets} == {a.pk for a in item.target_agencies.all()}
            if not same_targets:
                changed.append("target_agencies")
        if not changed:
            errors.append(
                ValidationError(
                    {
                        "amendments": _(
                            "The amended values are the item's own; accept the item as is."
                        )
                    }
                )
            )
        errors.append(_effective_errors(item, row))
        if targets is not None:
            errors.append(target_errors(item.proposal, targets))
    merge_errors(*errors)
    return row, targets


def _effective_errors(item: ProposalItem, row: ItemDecision) -> ValidationError | None:
    """The item's validators run on the item with the amendments applied; errors name the
    amended field."""
    amended = ProposalItem(
        **{f.attname: getattr(item, f.attname) for f in ProposalItem._meta.concrete_fields}
    )
    for name, value in row.amended_values().items():
        setattr(amended, name, value)
    error = collect(
        amended, exclude=["proposal", "key"], validate_unique=False, validate_constraints=False
    )
    start = row.start_date
    return merged(error, start_date_error(item.proposal, start) if start else None)


def decide_item(
    *,
    item: ProposalItem,
    decision: str,
    actor: User,
    rationale: str = "",
    amendments: Mapping[str, Any] | None = None,
) -> ItemDecision:
    """Record the coordinator's decision on one item: ``decision`` is "accepted", "rejected"
    or "amended" (accepted with amendments). ``rationale`` is required to reject or amend.
    ``amendments`` (for "amended" only): any of cohort_size, cohort_count, start_date,
    cadence_months, session_days (None: not amended) and target_agencies (a list of
    agencies; absent or None: not amended; empty: every agency). The item with its
    amendments applied must pass the item's own rules (cohort size and cadence at least 1,
    several cohorts need a cadence, no start before the program or the proposal...).

    Side effects: one ItemDecision row (the item's new current decision; earlier ones stay as
    history) with its amended target agencies, one audit entry ("proposalitem.decide"), and
    ``review_changed`` sent for the item's program. PermissionDenied unless the actor is a
    coordinator; ValidationError naming the field on bad input, when the review is closed or
    the proposal version is superseded. Nothing is written in those cases.
    """
    require_perm(actor, "program.decide_proposalitem", item)
    proposal = item.proposal
    _require_open(proposal)
    require_latest(proposal)
    row, targets = _build_decision(
        item=item, decision=decision, actor=actor, rationale=rationale, amendments=amendments
    )
    previous = _current(item)
    with transaction.atomic():
        row.at = clock.now()
        row.save()
        if targets is not None:
            row.target_agencies.set(targets)
        before = _decision_audit(previous, previous.target_agencies.all()) if previous else {}
        record(
            actor=actor,
            action="proposalitem.decide",
            obj=item,
            changes=diff(before, _decision_audit(row, targets or [])),
        )
        notify_review_changed(proposal.program, actor)
    return row


def decide_all(
    *,
    proposal: Proposal,
    decision: str,
    actor: User,
    rationale: str = "",
    only_awaiting: bool = True,
) -> list[ItemDecision]:
    """Accept (``decision="accepted"``) or reject (``"rejected"``, with a ``rationale``) the
    items of a proposal at once: by default only the items that await review, so that
    decisions already taken stand; with ``only_awaiting=False`` every item whose current
    decision differs. Returns the new decisions (empty when no item needed one).

    Side effects: one ItemDecision row and one audit entry ("proposalitem.decide") per item
    decided, one audit entry ("proposal.decide_all") on the proposal, and ``review_changed``
    sent once when anything was decided. PermissionDenied unless the actor is a coordinator;
    ValidationError naming the field on bad input (an amendment is decided item by item),
    when the review is closed or the version is superseded. Nothing is written then.
    """
    require_perm(actor, "program.review_proposal", proposal)
    _require_open(proposal)
    require_latest(proposal)
    if decision not in (Decision.ACCEPTED, Decision.REJECTED):
        raise ValidationError(
            {"decision": _("Accept or reject all items; amendments are decided item by item.")}
        )
    if decision == Decision.REJECTED and not (rationale or "").strip():
        raise ValidationError(
            {"rationale": _("Give the reason for rejecting or amending the item.")}
        )
    items = list(proposal.items.prefetch_related("target_agencies").order_by("number"))
    current = current_by_item(items)
    to_decide = [
        item
        for item in items
        if (current.get(item.pk) is None)
        or (not only_awaiting and current[item.pk].decision != decision)
    ]
    rows: list[ItemDecision] = []
    with transaction.atomic():
        now = clock.now()
        for item in to_decide:
            row = ItemDecision(
                item=item,
                decision=decision,
                rationale=(rationale or "").strip(),
                actor=actor,
                at=now,
            )
            row.save()
            previous = current.get(item.pk)
            record(
                actor=actor,
                action="proposalitem.decide",
                obj=item,
                changes=diff(
                    _decision_audit(previous, previous.target_agencies.all()) if previous else {},
                    _decision_audit(row, []),
                ),
            )
            rows.append(row)
        if rows:
            record(
                actor=actor,
                action="proposal.decide_all",
                obj=proposal,
                changes={
                    "decision": [None, decision],
                    "items": [None, [r.item.number for r in rows]],
                },
            )
            notify_review_changed(proposal.program, actor)
    return rows


def close_review(*, proposal: Proposal, actor: User) -> Proposal:
    """Close the review of a proposal: its decisions become final (until reopened).

    Every item must have a decision first. Side effects: the proposal's review_closed_at and
    review_closed_by are set, one audit entry ("proposal.close_review"), ``review_changed``
    sent. PermissionDenied unless the actor is a coordinator; ValidationError if the review is
    already closed, the version is superseded, or items still await review (named by number).
    Nothing is written in those cases.
    """
    require_perm(actor, "program.review_proposal", proposal)
    _require_open(proposal)
    require_latest(proposal)
    items = list(proposal.items.order_by("number"))
    current = current_by_item(items)
    awaiting = [str(item.number) for item in items if item.pk not in current]
    if awaiting:
        raise ValidationError(
            {
                NON_FIELD_ERRORS: _("Decide every item before closing the review: %(items)s.")
                % {"items": ", ".join(awaiting)}
            }
        )
    with transaction.atomic():
        proposal.review_closed_at = clock.now()
        proposal.review_closed_by = actor
        proposal.save(update_fields=["review_closed_at", "review_closed_by"])
        record(
            actor=actor,
            action="proposal.close_review",
            obj=proposal,
            changes={"review_closed_at": [None, proposal.review_closed_at.isoformat()]},
        )
        notify_review_changed(proposal.program, actor)
    return proposal


def reopen_review(*, proposal: Proposal, actor: User) -> Proposal:
    """Reopen a closed review so that decisions can be revised again.

    Side effects: review_closed_at and review_closed_by are cleared, one audit entry
    ("proposal.reopen_review"), ``review_changed`` sent. PermissionDenied unless the actor
    is a coordinator; ValidationError if the review is open or the version superseded.
    """
    require_perm(actor, "program.review_proposal", proposal)
    if proposal.review_closed_at is None:
        raise ValidationError({NON_FIELD_ERRORS: _("The review of this proposal is open.")})
    require_latest(proposal)
    closed_at = proposal.review_closed_at
    with transaction.atomic():
        proposal.review_closed_at = None
        proposal.review_closed_by = None
        proposal.save(update_fields=["review_closed_at", "review_closed_by"])
        record(
            actor=actor,
            action="proposal.reopen_review",
            obj=proposal,
            changes={"review_closed_at": [closed_at.isoformat(), None]},
        )
        notify_review_changed(proposal.program, actor)
    return proposal
