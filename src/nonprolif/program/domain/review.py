"""The coordinator's review of a partner's proposal, item by item.

Decisions are rows (``ItemDecision``): the latest of an item is its current decision, the
earlier ones its history; nothing here updates or deletes a decision. Every service that
changes what is accepted sends ``nonprolif.program.signals.review_changed`` inside its
transaction, after its writes, with ``program`` and ``actor``.

Revisions (``revise_proposal``) create version N+1 of a proposal. Its items carry over the
items of version N they name by ``key``; an item whose values did not change keeps its
decision (a copy on the new item with the same decision, values, rationale and decider,
pointing at the original through ``carried_from``); a changed or new item awaits review.
Items of version N not named are removed from version N+1. Version N and its decisions
stay as they were, read only: decisions, closing and revising apply to the latest version.
"""

import uuid

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from nonprolif.core.domain.audit import diff, record, snapshot
from nonprolif.core.domain.permissions import require_perm
from nonprolif.program.models import (
    AMENDABLE_FIELDS,
    Decision,
    ItemDecision,
    Proposal,
    ProposalItem,
)
from nonprolif.program.signals import review_changed

from ._common import collect, merge_errors, reject_unknown
from .items import ITEM_FIELDS, _target_errors, start_date_error

AMENDMENT_FIELDS = {*AMENDABLE_FIELDS, "target_agencies"}
# The values whose change makes a carried-over item await review again (the number is
# presentation: renumbering keeps the decision).
SUBSTANCE_FIELDS = sorted(ITEM_FIELDS - {"number"})
REVISION_FIELDS = {"title_es", "title_en", "summary_es", "summary_en", "submitted_on"}


# Checks shared by the services --------------------------------------------------------------


def _latest_version(proposal: Proposal) -> Proposal | None:
    """The version of ``proposal`` that supersedes it, if any (the newest one)."""
    return (
        Proposal.objects.filter(
            program_id=proposal.program_id,
            submitted_by_id=proposal.submitted_by_id,
            version__gt=proposal.version,
        )
        .order_by("-version")
        .first()
    )


def _require_latest(proposal: Proposal) -> None:
    newer = _latest_version(proposal)
    if newer is not None:
        raise ValidationError(
            {
                NON_FIELD_ERRORS: _(
                    "Version %(version)s of this proposal supersedes this one; "
                    "work on the latest version."
                )
                % {"version": newer.version}
            }
        )


def _require_open(proposal: Proposal) -> None:
    if proposal.review_closed_at is not None:
        raise ValidationError(
            {NON_FIELD_ERRORS: _("The review of this proposal is closed; reopen it first.")}
        )


def _current(item: ProposalItem) -> ItemDecision | None:
    return item.decisions.order_by("-at", "-pk").first()


def _decision_audit(decision: ItemDecision, targets) -> dict:
    values = {"decision": decision.decision, "rationale": decision.rationale}
    values.update({f"amended_{k}": str(v) for k, v in decision.amended_values().items()})
    if decision.amends_target_agencies:
        values["amended_target_agencies"] = sorted(a.code for a in targets)
    return values


def _notify(program, actor) -> None:
    review_changed.send(sender=ItemDecision, program=program, actor=actor)


# Decisions ----------------------------------------------------------------------------------


def _build_decision(*, item, decision, actor, rationale, amendments) -> tuple:
    """An unsaved ItemDecision and its amended target agencies (or None), validated: the
    amended values must pass the item's own rules. Raises ValidationError naming the field."""
    amendments = dict(amendments or {})
    reject_unknown(amendments, AMENDMENT_FIELDS)
    if decision not in Decision.values:
        raise ValidationError(
            {"decision": _("Choose one of: %(choices)s.") % {"choices": ", ".join(Decision.values)}}
        )
    targets = amendments.pop("target_agencies", None)
    targets = list(targets) if targets is not None else None
    row = ItemDecision(
        item=item,
        decision=decision,
        rationale=(rationale or "").strip(),
        actor=actor,
        amends_target_agencies=targets is not None,
        **{name: value for name, value in amendments.items() if value is not None},
    )
    own = collect(row, exclude=["item", "actor", "carried_from"], validate_constraints=False)
    errors = [own]
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
            errors.append(_target_errors(item.proposal, targets))
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
    return _merged(error, start_date_error(item.proposal, start) if start else None)


def _merged(*errors) -> ValidationError | None:
    try:
        merge_errors(*errors)
    except ValidationError as error:
        return error
    return None


def decide_item(
    *, item: ProposalItem, decision: str, actor, rationale: str = "", amendments: dict | None = None
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
    _require_latest(proposal)
    row, targets = _build_decision(
        item=item, decision=decision, actor=actor, rationale=rationale, amendments=amendments
    )
    previous = _current(item)
    with transaction.atomic():
        row.at = timezone.now()
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
        _notify(proposal.program, actor)
    return row


def decide_all(
    *, proposal: Proposal, decision: str, actor, rationale: str = "", only_awaiting: bool = True
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
    _require_latest(proposal)
    if decision not in (Decision.ACCEPTED, Decision.REJECTED):
        raise ValidationError(
            {"decision": _("Accept or reject all items; amendments are decided item by item.")}
        )
    if decision == Decision.REJECTED and not (rationale or "").strip():
        raise ValidationError(
            {"rationale": _("Give the reason for rejecting or amending the item.")}
        )
    items = list(proposal.items.prefetch_related("target_agencies").order_by("number"))
    current = _current_by_item(items)
    to_decide = [
        item
        for item in items
        if (current.get(item.pk) is None)
        or (not only_awaiting and current[item.pk].decision != decision)
    ]
    rows = []
    with transaction.atomic():
        now = timezone.now()
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
            _notify(proposal.program, actor)
    return rows


def _current_by_item(items) -> dict[int, ItemDecision]:
    """{item id: current decision} for ``items`` in one query."""
    current: dict[int, ItemDecision] = {}
    rows = ItemDecision.objects.filter(item__in=[i.pk for i in items]).order_by(
        "item", "-at", "-pk"
    )
    for row in rows:
        current.setdefault(row.item_id, row)
    return current


def close_review(*, proposal: Proposal, actor) -> Proposal:
    """Close the review of a proposal: its decisions become final (until reopened).

    Every item must have a decision first. Side effects: the proposal's review_closed_at and
    review_closed_by are set, one audit entry ("proposal.close_review"), ``review_changed``
    sent. PermissionDenied unless the actor is a coordinator; ValidationError if the review is
    already closed, the version is superseded, or items still await review (named by number).
    Nothing is written in those cases.
    """
    require_perm(actor, "program.review_proposal", proposal)
    _require_open(proposal)
    _require_latest(proposal)
    items = list(proposal.items.order_by("number"))
    current = _current_by_item(items)
    awaiting = [str(item.number) for item in items if item.pk not in current]
    if awaiting:
        raise ValidationError(
            {
                NON_FIELD_ERRORS: _("Decide every item before closing the review: %(items)s.")
                % {"items": ", ".join(awaiting)}
            }
        )
    with transaction.atomic():
        proposal.review_closed_at = timezone.now()
        proposal.review_closed_by = actor
        proposal.save(update_fields=["review_closed_at", "review_closed_by"])
        record(
            actor=actor,
            action="proposal.close_review",
            obj=proposal,
            changes={"review_closed_at": [None, proposal.review_closed_at.isoformat()]},
        )
        _notify(proposal.program, actor)
    return proposal


def reopen_review(*, proposal: Proposal, actor) -> Proposal:
    """Reopen a closed review so that decisions can be revised again.

    Side effects: review_closed_at and review_closed_by are cleared, one audit entry
    ("proposal.reopen_review"), ``review_changed`` sent. PermissionDenied unless the actor
    is a coordinator; ValidationError if the review is open or the version superseded.
    """
    require_perm(actor, "program.review_proposal", proposal)
    if proposal.review_closed_at is None:
        raise ValidationError({NON_FIELD_ERRORS: _("The review of this proposal is open.")})
    _require_latest(proposal)
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
        _notify(proposal.program, actor)
    return proposal


# Revisions ----------------------------------------------------------------------------------


def _item_values(item: ProposalItem) -> dict:
    values = {name: getattr(item, name) for name in ITEM_FIELDS}
    values["target_agencies"] = list(item.target_agencies.all())
    return values


def _substance(values: dict) -> tuple:
    return tuple(
        [values.get(name) for name in SUBSTANCE_FIELDS]
        + [tuple(sorted(a.pk for a in values.get("target_agencies") or []))]
    )


def _as_key(value):
    if value is None or isinstance(value, uuid.UUID):
        return value
    try:
        return uuid.UUID(str(value))
    except ValueError:
        return False


def revise_proposal(*, proposal: Proposal, actor, items: list[dict] | None = None, **fields):
    """Submit version N+1 of the latest version N of a proposal.

    ``fields``: title_es, title_en, summary_es, summary_en (default: version N's) and
    submitted_on (default: today). ``items``: the items of the new version, each a dict of
    item fields (number, kind, title_es, title_en, description_es, description_en,
    target_trainees, cohort_size, cohort_count, start_date, cadence_months, session_days,
    notes, target_agencies) and, to carry an item of version N over, its ``key``: the fields
    not given keep version N's values. An item without a key is new; an item of version N
    not named is removed. ``items=None`` carries every item over unchanged. New and changed
    start dates may not be before the program's start nor the new submission date (a date
    carried over unchanged may: the item may be under way).

    Side effects: one Proposal row (version N+1), its ProposalItem rows and target agency
    links, a copy of the current decision of every item carried over unchanged (``carried_from``
    the original), one audit entry
    ("proposal.revise") with the added, removed and changed items, ``review_changed`` sent.
    PermissionDenied unless the actor is a coordinator or of the submitting partner agency;
    ValidationError naming the field (``items.<number>.<field>`` for an item) on bad input
    or if the proposal is superseded. Nothing is written in those cases.
    """
    reject_unknown(fields, REVISION_FIELDS)
    require_perm(actor, "program.revise_proposal", proposal)
    _require_latest(proposal)
    old_items = list(proposal.items.prefetch_related("target_agencies").order_by("number"))
    by_key = {item.key: item for item in old_items}
    if items is None:
        items = [{"key": item.key} for item in old_items]
    new = Proposal(
        program=proposal.program,
        submitted_by=proposal.submitted_by,
        version=proposal.version + 1,
        title_es=fields.get("title_es", proposal.title_es),
        title_en=fields.get("title_en", proposal.title_en),
        summary_es=fields.get("summary_es", proposal.summary_es),
        summary_en=fields.get("summary_en", proposal.summary_en),
        submitted_on=fields.get("submitted_on") or timezone.localdate(),
    )
    errors = [collect(new, exclude=["program", "submitted_by"], validate_constraints=False)]
    planned, item_errors = _plan_revised_items(new, items, by_key)
    errors.extend(item_errors)
    merge_errors(*errors)
    current = _current_by_item(old_items)
    with transaction.atomic():
        new.save()
        changes = {"added": [], "removed": [], "changed": [], "carried_decisions": []}
        kept = set()
        for old, values in planned:
            targets = values.pop("target_agencies")
            item = ProposalItem(proposal=new, key=old.key if old else uuid.uuid4(), **values)
            item.save()
            item.target_agencies.set(targets)
            values["target_agencies"] = targets
            if old is None:
                changes["added"].append(item.number)
                continue
            kept.add(old.key)
            if _substance(values) != _substance(_item_values(old)):
                changes["changed"].append(item.number)
            elif old.pk in current:
                _carry_decision(current[old.pk], item)
                changes["carried_decisions"].append(item.number)
        changes["removed"] = [i.number for i in old_items if i.key not in kept]
        record(
            actor=actor,
            action="proposal.revise",
            obj=new,
            changes={
                "version": [proposal.version, new.version],
                **{name: [None, value] for name, value in changes.items() if value},
                **diff(
                    snapshot(proposal, sorted(REVISION_FIELDS)),
                    snapshot(new, sorted(REVISION_FIELDS)),
                ),
            },
        )
        _notify(proposal.program, actor)
    return new


def _carry_decision(original: ItemDecision, item: ProposalItem) -> ItemDecision:
    """A copy of ``original`` on ``item`` (its carried-over successor): same decision, values,
    rationale and decider; ``carried_from`` records where it comes from (pages and API say
    "carried over from version N" in the reader's language)."""
    row = ItemDecision.objects.create(
        item=item,
        decision=original.decision,
        rationale=original.rationale,
        cohort_size=original.cohort_size,
        cohort_count=original.cohort_count,
        start_date=original.start_date,
        cadence_months=original.cadence_months,
        session_days=original.session_days,
        amends_target_agencies=original.amends_target_agencies,
        actor=original.actor,
        at=timezone.now(),
        carried_from=original,
    )
    if original.amends_target_agencies:
        row.target_agencies.set(original.target_agencies.all())
    return row


def _plan_revised_items(new: Proposal, items: list[dict], by_key: dict):
    """[(old item or None, values)] for the new version, and the errors found."""
    errors: list[ValidationError] = []
    planned = []
    seen_keys = set()
    for position, given in enumerate(items, start=1):
        given = dict(given)
        key = _as_key(given.pop("key", None))
        where = f"items.{given.get('number') or position}"
        reject_unknown(given, ITEM_FIELDS | {"target_agencies"})
        if key is False or (key is not None and key not in by_key):
            errors.append(
                ValidationError(
                    {f"{where}.key": _("This item is not in the version being revised.")}
                )
            )
            continue
        if key is not None and key in seen_keys:
            errors.append(ValidationError({f"{where}.key": _("This item is carried over twice.")}))
            continue
        seen_keys.add(key)
        old = by_key.get(key)
        values = _item_values(old) if old else {"target_agencies": []}
        values.update({k: v for k, v in given.items() if k != "target_agencies"})
        if given.get("target_agencies") is not None:
            values["target_agencies"] = list(given["target_agencies"])
        planned.append([old, values])
    taken = {v.get("number") for _old, v in planned if v.get("number")}
    next_number = max(taken, default=0)
    numbers = set()
    for old, values in planned:
        if not values.get("number"):
            next_number += 1
            values["number"] = next_number
        where = f"items.{values['number']}"
        if values["number"] in numbers:
            errors.append(ValidationError({f"{where}.number": _("Two items have this number.")}))
        numbers.add(values["number"])
        probe = ProposalItem(
            proposal=new, **{k: v for k, v in values.items() if k != "target_agencies"}
        )
        found = [
            collect(
                probe,
                exclude=["proposal", "key"],
                validate_unique=False,
                validate_constraints=False,
            )
        ]
        if old is None or values.get("start_date") != old.start_date:
            found.append(start_date_error(new, values.get("start_date")))
        found.append(_target_errors(new, values["target_agencies"]))
        error = _merged(*found)
        if error is not None:
            errors.append(
                ValidationError(
                    {f"{where}.{name}": messages for name, messages in error.message_dict.items()}
                )
            )
    return [(old, values) for old, values in planned], errors
