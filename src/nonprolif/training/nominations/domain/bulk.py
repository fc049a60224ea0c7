"""Approving or declining many nominations at once: every row is checked first, then all are
decided in one transaction, or none is.

Decisions where the issue was silent:
- One audit entry for the whole batch ("nomination.decide", the ids as its objects), as an
  upload writes one for its rows: the query count does not grow with the batch.
- A decline gives one reason for every row of the batch.
- A batch is at most ``MAX_BATCH`` rows (a page of the approval queue).
"""

from collections.abc import Sequence
from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

import nonprolif.training.nominations.rules  # noqa: F401 (registers the permissions)
from nonprolif.core import clock
from nonprolif.core.domain.audit import record
from nonprolif.core.domain.batch import DecidedBatch, RowsNotFound, pick_rows
from nonprolif.core.models import User
from nonprolif.program.models import Program
from nonprolif.training.models.nomination import Nomination, NominationStatus
from nonprolif.training.nominations.domain.assignment import replan
from nonprolif.training.nominations.queries import nominations_for

MAX_BATCH = 100
DECISIONS = (NominationStatus.APPROVED, NominationStatus.DECLINED)


class NotFoundError(RowsNotFound):
    """Some ids name no nomination of the program the actor can see (pages and the API
    answer 404, as for one missing nomination)."""

    message = gettext_lazy("No such nomination: %(ids)s.")


@dataclass
class BulkDecision(DecidedBatch):
    """What a batch did: the nominations decided and who was promoted from the waitlist."""

    promoted: list[Nomination] = field(default_factory=list)


def batch_nominations(*, actor: User, program: Program, ids: Sequence[int]) -> list[Nomination]:
    """The nominations ``ids`` of ``program`` visible to ``actor``, in the order asked.
    NotFoundError naming the ids that are missing or hidden (hidden ones are not told apart);
    ValidationError when the batch is empty or too large."""
    return pick_rows(
        nominations_for(actor).filter(program=program).select_related("substitute_for"),
        ids,
        max_count=MAX_BATCH,
        empty=_("Select at least one nomination."),
        too_many=_("Select at most %(max)d nominations at once.") % {"max": MAX_BATCH},
        not_found=NotFoundError,
    )


def batch_errors(
    nominations: Sequence[Nomination], decision: str, reason: str
) -> dict[str, list[str]]:
    """Why the batch cannot be decided, by field (``ids`` lists each row that cannot, named,
    with the reason); empty when it can."""
    errors: dict[str, list[str]] = {}
    if decision not in DECISIONS:
        errors["decision"] = [_("Approve or decline.")]
    if decision == NominationStatus.DECLINED and not reason.strip():
        errors["reason"] = [_("Give the reason for declining.")]
    rows = [
        _("%(name)s (nomination %(pk)d) is %(status)s, not awaiting a decision.")
        % {"name": n.official.full_name, "pk": n.pk, "status": n.get_status_display().lower()}
        for n in nominations
        if n.status != NominationStatus.SUBMITTED
    ]
    if rows:
        errors["ids"] = rows
    return errors


def decide_nominations(
    *, actor: User, program: Program, ids: Sequence[int], decision: str, reason: str = ""
) -> BulkDecision:
    """Approve or decline (with one ``reason``) every nomination ``ids`` of ``program``, all
    or none: every row is checked first and the batch is refused naming each row that cannot
    be decided.

    Side effects, in one transaction: each nomination's status, decided_by/at and reason (one
    UPDATE); one audit entry ("nomination.decide") naming every id. When a decided
    substitute's predecessor held a seat, one re-plan of the assignment for the whole batch
    (``replan``, with its writes and e-mails): an approved substitute takes that seat,
    a declined one leaves it to the waitlist. PermissionDenied unless the actor is a
    coordinator; NotFoundError when an id is missing or hidden from the actor;
    ValidationError naming the field (``ids``: each row not awaiting a decision; ``reason``;
    ``decision``). Nothing is written then.
    """
    if not actor.has_perm("training.decide_nomination"):
        raise PermissionDenied(_("Only the coordinator decides nominations."))
    reason = (reason or "").strip()
    with transaction.atomic():
        nominations = batch_nominations(actor=actor, program=program, ids=ids)
        locked = dict(
            Nomination.objects.select_for_update()
            .filter(pk__in=[n.pk for n in nominations])
            .values_list("pk", "status")
        )
        for n in nominations:
            n.status = locked.get(n.pk, n.status)
        errors = batch_errors(nominations, decision, reason)
        if errors:
            raise ValidationError(errors)
        now = clock.now()
        user = actor if getattr(actor, "pk", None) else None
        pks = [n.pk for n in nominations]
        Nomination.objects.filter(pk__in=pks).update(
            status=decision, decided_by=user, decided_at=now, decision_reason=reason
        )
        for n in nominations:
            n.status, n.decided_by, n.decided_at, n.decision_reason = decision, user, now, reason
        record(
            actor=actor,
            action="nomination.decide",
            obj=program,
            object_ids=pks,
            changes={
                "status": [NominationStatus.SUBMITTED, decision],
                "reason": [None, reason],
                "count": [None, len(pks)],
            },
        )
        seats = {
            n.pk: n.substitute_for.session_id
            for n in nominations
            if n.substitute_for is not None and n.substitute_for.session_id is not None
        }
        report = BulkDecision(decision=decision, decided=nominations)
        if seats:
            extra = seats if decision == NominationStatus.APPROVED else {}
            plan = replan(actor=actor, program=program, seat_for=extra)
            if plan is not None:
                report.promoted = [p for p in plan.promoted if p.pk not in seats]
    return report
