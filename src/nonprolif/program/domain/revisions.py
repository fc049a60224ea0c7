"""Revised versions of a partner's proposal.

A revision (``revise_proposal``) creates version N+1 of a proposal. Its items carry over the
items of version N they name by ``key``; an item whose values did not change keeps its
decision (a copy on the new item with the same decision, values, rationale and decider,
pointing at the original through ``carried_from``); a changed or new item awaits review.
Items of version N not named are removed from version N+1. Version N and its decisions
stay as they were, read only: decisions, closing and revising apply to the latest version.
Like every review service, it sends ``nonprolif.program.signals.review_changed``.
"""

import uuid
from collections.abc import Iterable, Mapping
from typing import Any, Literal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from nonprolif.core import clock
from nonprolif.core.domain.audit import diff, record, snapshot
from nonprolif.core.domain.permissions import require_perm
from nonprolif.core.models import User
from nonprolif.program.models import (
    AMENDABLE_FIELDS,
    ITEM_FIELDS,
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
from .items import ITEM_VALUES, start_date_error, target_errors

# The values whose change makes a carried-over item await review again (the number is
# presentation: renumbering keeps the decision).
SUBSTANCE_FIELDS = sorted(ITEM_VALUES - {"number"})
REVISION_FIELDS = {"title_es", "title_en", "summary_es", "summary_en", "submitted_on"}

# An item of the new version: the item it carries over (None: a new item) and its values.
_Planned = tuple[ProposalItem | None, dict[str, Any]]


def _item_values(item: ProposalItem) -> dict[str, Any]:
    values = {name: getattr(item, name) for name in ITEM_VALUES}
    values["target_agencies"] = list(item.target_agencies.all())
    return values


def _substance(values: Mapping[str, Any]) -> tuple[object, ...]:
    return tuple(
        [values.get(name) for name in SUBSTANCE_FIELDS]
        + [tuple(sorted(a.pk for a in values.get("target_agencies") or []))]
    )


def _as_key(value: object) -> uuid.UUID | Literal[False] | None:
    """The item key ``value`` names (None: no key), False if it names none."""
    if value is None or isinstance(value, uuid.UUID):
        return value
    try:
        return uuid.UUID(str(value))
    except ValueError:
        return False


def revise_proposal(
    *,
    proposal: Proposal,
    actor: User,
    items: Iterable[Mapping[str, Any]] | None = None,
    **fields: Any,
) -> Proposal:
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
    require_latest(proposal)
    old_items = list(proposal.items.prefetch_related("target_agencies").order_by("number"))
    by_key = {item.key: item for item in old_items}
    given: list[Mapping[str, Any]] = (
        [{"key": item.key} for item in old_items] if items is None else list(items)
    )
    new = Proposal(
        program=proposal.program,
        submitted_by=proposal.submitted_by,
        version=proposal.version + 1,
        title_es=fields.get("title_es", proposal.title_es),
        title_en=fields.get("title_en", proposal.title_en),
        summary_es=fields.get("summary_es", proposal.summary_es),
        summary_en=fields.get("summary_en", proposal.summary_en),
        submitted_on=fields.get("submitted_on") or clock.today(),
    )
    errors = [collect(new, exclude=["program", "submitted_by"], validate_constraints=False)]
    planned, item_errors = _plan_revised_items(new, given, by_key)
    errors.extend(item_errors)
    merge_errors(*errors)
    current = current_by_item(old_items)
    with transaction.atomic():
        new.save()
        changes: dict[str, list[int]] = {
            "added": [],
            "removed": [],
            "changed": [],
            "carried_decisions": [],
        }
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
        notify_review_changed(proposal.program, actor)
    return new


def _carry_decision(original: ItemDecision, item: ProposalItem) -> ItemDecision:
    """A copy of ``original`` on ``item`` (its carried-over successor): same decision, values,
    rationale and decider; ``carried_from`` records where it comes from (pages and API say
    "carried over from version N" in the reader's language)."""
    row = ItemDecision.objects.create(
        item=item,
        decision=original.decision,
        rationale=original.rationale,
        **{name: getattr(original, name) for name in AMENDABLE_FIELDS},
        amends_target_agencies=original.amends_target_agencies,
        actor=original.actor,
        at=clock.now(),
        carried_from=original,
    )
    if original.amends_target_agencies:
        row.target_agencies.set(original.target_agencies.all())
    return row


def _plan_revised_items(
    new: Proposal, items: list[Mapping[str, Any]], by_key: Mapping[uuid.UUID, ProposalItem]
) -> tuple[list[_Planned], list[ValidationError]]:
    """[(old item or None, values)] for the new version, and the errors found."""
    errors: list[ValidationError] = []
    planned: list[_Planned] = []
    seen_keys: set[uuid.UUID | None] = set()
    for position, item in enumerate(items, start=1):
        given = dict(item)
        key = _as_key(given.pop("key", None))
        where = f"items.{given.get('number') or position}"
        reject_unknown(given, set(ITEM_FIELDS))
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
        old = by_key.get(key) if key is not None else None
        values = _item_values(old) if old else {"target_agencies": []}
        values.update({k: v for k, v in given.items() if k != "target_agencies"})
        if given.get("target_agencies") is not None:
            values["target_agencies"] = list(given["target_agencies"])
        planned.append((old, values))
    taken = {v["number"] for _old, v in planned if v.get("number")}
    next_number = max(taken, default=0)
    numbers: set[int] = set()
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
        found: list[ValidationError | None] = [
            collect(
                probe,
                exclude=["proposal", "key"],
                validate_unique=False,
                validate_constraints=False,
            )
        ]
        if old is None or values.get("start_date") != old.start_date:
            found.append(start_date_error(new, values.get("start_date")))
        found.append(target_errors(new, values["target_agencies"]))
        error = merged(*found)
        if error is not None:
            errors.append(
                ValidationError(
                    {f"{where}.{name}": messages for name, messages in error.message_dict.items()}
                )
            )
    return planned, errors
