"""Writes of nominations: one by one (the checks an upload shares), the coordinator's
approval, withdrawals and substitutions.

Decisions where the issue was silent:
- A substitute (``substitute_nomination``) takes the replaced nominee's place in the waitlist
  order (his ``order_at``) but needs the coordinator's approval like any nomination. A placed
  nominee who is replaced leaves his session at once; when the substitute is approved the
  assignment is re-planned with the substitute in that seat (he keeps it if it is open to
  him); when the substitute is declined, the seat goes to the waitlist.
- The coordinator may nominate too (for any agency); the nomination still needs approval.
"""

import datetime
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

import nonprolif.training.nominations.rules  # noqa: F401 (registers the permissions)
from nonprolif.core import clock
from nonprolif.core.domain.audit import record
from nonprolif.core.domain.permissions import require_perm
from nonprolif.core.models import Official, User
from nonprolif.program.models import Program
from nonprolif.training.models.nomination import (
    ACTIVE_STATUSES,
    ItemSettings,
    Nomination,
    NominationStatus,
)
from nonprolif.training.nominations.domain.assignment import (
    release_seat,
    replan,
    replan_program,
)
from nonprolif.training.nominations.queries import NominationItem, item_agencies, nomination_items

LANGUAGES = {"es-mx", "en"}


@dataclass
class NominationInput:
    """One nomination to check and create (from a form, the API or an upload row)."""

    official: Official | None
    language: str = ""
    unavailable: list[Any] = field(default_factory=list)
    preferences: list[Any] = field(default_factory=list)


def window_error(
    program: Program, item: NominationItem, now: datetime.datetime | None = None
) -> str | None:
    """Why nominations for the item are not taken now (None when the window is open)."""
    settings = ItemSettings.objects.filter(program=program, item_key=item.key).first()
    if settings is None:
        return None
    state = settings.window_state(now)
    if state == "not_open_yet":
        return _("Nominations for this item open on %(when)s.") % {
            "when": timezone.localtime(settings.nomination_opens).strftime("%Y-%m-%d %H:%M")
        }
    if state == "closed":
        return _("Nominations for this item closed on %(when)s.") % {
            "when": timezone.localtime(settings.nomination_closes).strftime("%Y-%m-%d %H:%M")
        }
    return None


def _normalise_ranges(value: Iterable[Any] | None) -> list[list[str]]:
    """[[start, end], ...] as ISO strings, sorted; ValueError with the reason."""
    ranges = []
    for entry in value or []:
        if not isinstance(entry, list | tuple) or len(entry) != 2:
            raise ValueError(_("Each unavailable period is a pair [start, end]."))
        try:
            start, end = (
                d if isinstance(d, datetime.date) else datetime.date.fromisoformat(str(d))
                for d in entry
            )
        except ValueError:
            raise ValueError(_("Dates are written YYYY-MM-DD.")) from None
        if end < start:
            raise ValueError(
                _("The period %(start)s..%(end)s ends before it starts.")
                % {"start": start.isoformat(), "end": end.isoformat()}
            )
        ranges.append([start.isoformat(), end.isoformat()])
    return sorted(ranges)


@dataclass
class ItemChecks:
    """What every nomination for one item is checked against, read once: for one
    nomination (a form, the API) or for a whole upload, whatever its size."""

    actor: User
    program: Program
    item: NominationItem
    allowed: set[int]  # the agencies whose officials the item is for
    window: str | None  # why the item takes no nominations now (None: open)
    nominated: set[int]  # officials (of those asked about) already nominated for the item

    def errors(self, data: NominationInput, taken: set[int] | None = None) -> dict[str, str]:
        """Every reason ``data`` cannot be nominated for the item, by field (empty: fine).
        ``taken``: officials already nominated earlier in the same batch. No queries."""
        errors: dict[str, str] = {}
        official = data.official
        if official is None:
            errors["official"] = _("Unknown official.")
        elif not self.actor.has_perm("training.nominate", official):
            errors["official"] = _("You may nominate only officials of your own agency.")
        elif not official.active:
            errors["official"] = _("This official is not active.")
        elif official.agency_id not in self.allowed:
            errors["official"] = _("This item is not for the official's agency.")
        elif self.item.senior and not official.is_senior:
            errors["official"] = _("This session is for senior officials only.")
        elif taken is not None and official.pk in taken:
            errors["official"] = _("The official appears twice in this upload.")
        elif official.pk in self.nominated:
            errors["official"] = _("The official is already nominated for this item.")
        if data.language and data.language not in LANGUAGES:
            errors["language"] = _("Use es-mx or en.")
        try:
            data.unavailable = _normalise_ranges(data.unavailable)
        except ValueError as error:
            errors["unavailable"] = str(error)
        count = 1 if self.item.senior else (self.item.plan.cohort_count or 1)
        prefs = data.preferences or []
        if any(isinstance(p, bool) or not isinstance(p, int) for p in prefs):
            errors["preferences"] = _("Cohort preferences are cohort numbers.")
        elif len(set(prefs)) != len(prefs):
            errors["preferences"] = _("A cohort is ranked twice.")
        elif any(not 1 <= p <= count for p in prefs):
            errors["preferences"] = _("The item's cohorts are numbered 1 to %(count)d.") % {
                "count": count
            }
        if self.window:
            errors["__all__"] = self.window
        return errors


def item_checks(
    *, actor: User, program: Program, item: NominationItem, officials: Iterable[Official | None]
) -> ItemChecks:
    """The checks of nominations of ``officials`` for the item, in a fixed number of queries
    (the item's agencies, its window, and which of the officials are nominated already)."""
    ids = {official.pk for official in officials if official is not None}
    nominated = (
        set(
            Nomination.objects.filter(
                program=program, item_key=item.key, official_id__in=ids, status__in=ACTIVE_STATUSES
            ).values_list("official_id", flat=True)
        )
        if ids
        else set()
    )
    return ItemChecks(
        actor=actor,
        program=program,
        item=item,
        allowed={agency.pk for agency in item_agencies(program, item)},
        window=window_error(program, item),
        nominated=nominated,
    )


def nomination_errors(
    *,
    actor: User,
    program: Program,
    item: NominationItem,
    data: NominationInput,
    taken: set[int] | None = None,
) -> dict[str, str]:
    """Every reason ``data`` cannot be nominated for the item, by field (empty: fine).
    ``taken``: officials already nominated earlier in the same batch."""
    checks = item_checks(actor=actor, program=program, item=item, officials=[data.official])
    return checks.errors(data, taken)


def new_nomination(
    *,
    actor: User,
    program: Program,
    item: NominationItem,
    data: NominationInput,
    now: datetime.datetime,
    order_at: datetime.datetime | None = None,
    substitute_for: Nomination | None = None,
) -> Nomination:
    """The unsaved, unvalidated nomination (status "submitted") of ``data``, which passed
    the checks."""
    official = data.official
    assert official is not None  # the checks name a missing official
    nomination = Nomination(
        program=program,
        item_key=item.key,
        official=official,
        agency_id=official.agency_id,
        status=NominationStatus.SUBMITTED,
        language=data.language or official.language or "es-mx",
        unavailable=data.unavailable,
        preferences=list(data.preferences or []),
        order_at=order_at or now,
        submitted_by=actor if getattr(actor, "pk", None) else None,
        submitted_at=now,
        substitute_for=substitute_for,
    )
    return nomination


def write_nomination(
    *,
    actor: User,
    program: Program,
    item: NominationItem,
    data: NominationInput,
    substitute_for: Nomination | None = None,
) -> Nomination:
    """Write one nomination that passed :func:`nomination_errors` (status "submitted").

    Side effects: one Nomination row, one audit entry ("nomination.submit"). No checks of its
    own: callers run them first. (An upload writes its rows in bulk:
    ``nonprolif.training.nominations.domain.upload``.)
    """
    nomination = new_nomination(
        actor=actor,
        program=program,
        item=item,
        data=data,
        now=clock.now(),
        order_at=substitute_for.order_at if substitute_for is not None else None,
        substitute_for=substitute_for,
    )
    nomination.full_clean(validate_constraints=False)
    nomination.save()
    record(
        actor=actor,
        action="nomination.submit",
        obj=nomination,
        changes={
            "official": [None, nomination.official_id],
            "item_key": [None, str(item.key)],
            "status": [None, nomination.status],
            "substitute_for": [None, substitute_for.pk if substitute_for else None],
        },
    )
    return nomination


def nominate(
    *, actor: User, program: Program, item: NominationItem, data: NominationInput
) -> Nomination:
    """Nominate one official for the item (status "submitted": it awaits the coordinator).

    Side effects: one Nomination row, one audit entry ("nomination.submit").
    ValidationError naming the field (official, language, unavailable, preferences; the
    window under ``__all__``) when it may not be made; PermissionDenied when the actor may not
    nominate this official (a liaison: another agency's). Nothing is written then.
    """
    if data.official is not None and not actor.has_perm("training.nominate", data.official):
        raise PermissionDenied(_("You may nominate only officials of your own agency."))
    errors = nomination_errors(actor=actor, program=program, item=item, data=data)
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        return write_nomination(actor=actor, program=program, item=item, data=data)


def decide_nomination(
    *, actor: User, nomination: Nomination, decision: str, reason: str = ""
) -> Nomination:
    """Approve (``decision="approved"``) or decline (``"declined"``, with a ``reason``) a
    submitted nomination.

    Side effects: the nomination's status, decided_by/at and reason; one audit entry
    ("nomination.decide"). Approving or declining a substitute whose predecessor held a
    seat re-plans the assignment (see the module docstring and
    ``nonprolif.training.nominations.domain.assignment.replan_program``), with its side effects.
    PermissionDenied unless the actor is a coordinator; ValidationError when the nomination
    is not awaiting a decision, the decision is unknown or a decline has no reason.
    """
    require_perm(actor, "training.decide_nomination", nomination)
    reason = (reason or "").strip()
    if decision not in (NominationStatus.APPROVED, NominationStatus.DECLINED):
        raise ValidationError({"decision": _("Approve or decline.")})
    if nomination.status != NominationStatus.SUBMITTED:
        raise ValidationError({"status": _("This nomination is not awaiting a decision.")})
    if decision == NominationStatus.DECLINED and not reason:
        raise ValidationError({"reason": _("Give the reason for declining.")})
    predecessor = nomination.substitute_for
    with transaction.atomic():
        before = nomination.status
        nomination.status = decision
        nomination.decided_by = actor if getattr(actor, "pk", None) else None
        nomination.decided_at = clock.now()
        nomination.decision_reason = reason
        nomination.save(update_fields=["status", "decided_by", "decided_at", "decision_reason"])
        record(
            actor=actor,
            action="nomination.decide",
            obj=nomination,
            changes={"status": [before, decision], "reason": [None, reason]},
        )
        seat = predecessor.session if predecessor is not None else None
    if seat is not None:
        extra = {nomination.pk: seat.pk} if decision == NominationStatus.APPROVED else {}
        replan_program(actor=actor, program=nomination.program, seat_for=extra)
    return nomination


@dataclass
class Withdrawal:
    """A withdrawn nomination and the nominees promoted from the waitlist to take his seat."""

    nomination: Nomination
    promoted: list[Nomination] = field(default_factory=list)


def withdraw_nomination(*, actor: User, nomination: Nomination, reason: str = "") -> Withdrawal:
    """Withdraw a submitted or approved nomination, with a reason (who and when are
    recorded).

    When the nominee held a seat and an assignment is in force, the assignment is re-planned
    with as few changes as possible: the best waitlisted nominee who fits takes the seat and
    both the withdrawn participant and the promoted nominee are told by e-mail (see
    ``nonprolif.training.nominations.domain.assignment.replan``).

    Side effects: the nomination's status and withdrawn_by/at/reason; his SessionParticipant
    row removed; one audit entry ("nomination.withdraw"); the re-plan's. Returns the
    nomination and the nominees promoted. PermissionDenied unless the actor is a coordinator
    or a liaison of the nominee's agency; ValidationError when the nomination is no longer
    active (``status``) or the reason is empty (``reason``). Nothing is written then.
    """
    require_perm(actor, "training.withdraw_nomination", nomination)
    if nomination.status not in ACTIVE_STATUSES:
        raise ValidationError({"status": _("This nomination is no longer active.")})
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Give the reason for the withdrawal.")})
    plan = replan(actor=actor, program=nomination.program, withdraw=nomination, reason=reason)
    return Withdrawal(nomination, list(plan.promoted) if plan is not None else [])


def substitute_nomination(
    *, actor: User, nomination: Nomination, data: NominationInput, reason: str = ""
) -> Nomination:
    """Replace an active nominee by another official of the same agency. The substitute is a
    new nomination awaiting approval, with the replaced one's place in the waitlist order;
    the replaced nomination becomes "substituted" (who and when recorded) and leaves his
    seat, if he held one.

    Side effects: one Nomination row created, the replaced one updated, his SessionParticipant
    row removed, two audit entries ("nomination.submit", "nomination.substitute").
    PermissionDenied unless the actor is a coordinator or a liaison of the nominee's agency;
    ValidationError naming the field when the substitute may not be nominated (another
    agency, not senior for a senior item, already nominated...) or the nomination is not
    active. Nothing is written then.
    """
    require_perm(actor, "training.substitute_nomination", nomination)
    if nomination.status not in ACTIVE_STATUSES:
        raise ValidationError({"status": _("This nomination is no longer active.")})
    item = next(
        (i for i in nomination_items(nomination.program) if i.key == nomination.item_key), None
    )
    if item is None:
        raise ValidationError({"__all__": _("The item is no longer accepted.")})
    if data.official is not None and data.official.agency_id != nomination.agency_id:
        raise ValidationError(
            {"official": _("The substitute must be of the same agency as the nominee.")}
        )
    errors = nomination_errors(actor=actor, program=nomination.program, item=item, data=data)
    errors.pop("__all__", None)  # a substitution is allowed after the window closed
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        before = nomination.status
        nomination.status = NominationStatus.SUBSTITUTED
        nomination.withdrawn_by = actor if getattr(actor, "pk", None) else None
        nomination.withdrawn_at = clock.now()
        nomination.withdrawal_reason = (reason or "").strip()
        nomination.save(
            update_fields=["status", "withdrawn_by", "withdrawn_at", "withdrawal_reason"]
        )
        release_seat(nomination)
        substitute = write_nomination(
            actor=actor,
            program=nomination.program,
            item=item,
            data=data,
            substitute_for=nomination,
        )
        record(
            actor=actor,
            action="nomination.substitute",
            obj=nomination,
            changes={"status": [before, nomination.status], "substitute": [None, substitute.pk]},
        )
    return substitute
