"""Approving or declining many registrations of a conference at once (the coordinator): every
row is checked first, then all are decided in one transaction, or none is.

Decisions where the issue was silent:
- One audit entry for the whole batch ("registration.decide", the ids as its objects), as the
  nominations' batch and uploads do: the query count does not grow with the batch.
- A decline gives one reason for every row; the rules of one decision hold for each row
  (approve a submitted registration; decline a submitted or approved one not checked in).
- A batch is at most ``MAX_BATCH`` rows (more than a page of the list).
"""

from collections.abc import Sequence

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

import nonprolif.events.registrations.rules  # noqa: F401 (registers the permissions)
from nonprolif.core import clock
from nonprolif.core.domain.audit import record
from nonprolif.core.domain.batch import DecidedBatch, RowsNotFound, pick_rows
from nonprolif.core.models import User
from nonprolif.events.models import Conference, Registration, RegistrationStatus
from nonprolif.events.registrations.queries import registrations_for

MAX_BATCH = 100
ALLOWED_FROM = {
    RegistrationStatus.APPROVED: {RegistrationStatus.SUBMITTED},
    RegistrationStatus.DECLINED: {RegistrationStatus.SUBMITTED, RegistrationStatus.APPROVED},
}


class RegistrationsNotFound(RowsNotFound):
    """Some ids name no registration of the conference the actor can see (404, as for one)."""

    message = gettext_lazy("No such registration: %(ids)s.")


class RegistrationBatch(DecidedBatch):
    """What a batch did: the decision and the registrations decided."""


def batch_registrations(
    *, actor: User, conference: Conference, ids: Sequence[int], lock: bool = False
) -> list[Registration]:
    """The registrations ``ids`` of ``conference`` visible to ``actor``, in the order asked.
    RegistrationsNotFound naming the ids missing or hidden (not told apart); ValidationError
    when the batch is empty or too large. ``lock``: rows locked for update (in a
    transaction)."""
    rows = registrations_for(actor).filter(conference=conference)
    if lock:
        rows = rows.select_for_update(of=("self",))
    return pick_rows(
        rows,
        ids,
        max_count=MAX_BATCH,
        empty=_("Select at least one registration."),
        too_many=_("Select at most %(max)d registrations at once.") % {"max": MAX_BATCH},
        not_found=RegistrationsNotFound,
    )


def batch_errors(
    registrations: Sequence[Registration], decision: str, reason: str
) -> dict[str, list[str]]:
    """Why the batch cannot be decided, by field (``ids``: each row that cannot, named, and
    why); empty when it can."""
    errors: dict[str, list[str]] = {}
    if decision not in ALLOWED_FROM:
        errors["decision"] = [_("Choose approved or declined.")]
        return errors
    if decision == RegistrationStatus.DECLINED and not reason.strip():
        errors["reason"] = [_("Give the reason for declining this registration.")]
    label = RegistrationStatus(decision).label.lower()
    rows = []
    for r in registrations:
        if r.checked_in_at is not None:
            rows.append(
                _("%(name)s (registration %(pk)d) is checked in already.")
                % {"name": r.official.full_name, "pk": r.pk}
            )
        elif r.status not in ALLOWED_FROM[RegistrationStatus(decision)]:
            rows.append(
                _("%(name)s (registration %(pk)d) is %(status)s and cannot be %(decision)s.")
                % {
                    "name": r.official.full_name,
                    "pk": r.pk,
                    "status": r.get_status_display().lower(),
                    "decision": label,
                }
            )
    if rows:
        errors["ids"] = rows
    return errors


def decide_registrations(
    *,
    actor: User,
    conference: Conference,
    ids: Sequence[int],
    decision: str,
    reason: str = "",
) -> RegistrationBatch:
    """Approve or decline (with one ``reason``) every registration ``ids`` of ``conference``,
    all or none: each row is checked first and the batch is refused naming every row that
    cannot take the decision.

    Side effects, in one transaction: each registration's status, reason and decided_by/at
    (one UPDATE); one audit entry ("registration.decide") naming every id. PermissionDenied
    unless the actor is the coordinator; RegistrationsNotFound (404) when an id is missing or
    hidden; ValidationError naming the field (``ids``: each row that cannot; ``reason``;
    ``decision``). Nothing is written then.
    """
    if not actor.has_perm("events.decide_registration"):
        raise PermissionDenied(_("Only the coordinator decides registrations."))
    reason = (reason or "").strip()
    with transaction.atomic():
        registrations = batch_registrations(actor=actor, conference=conference, ids=ids, lock=True)
        errors = batch_errors(registrations, decision, reason)
        if errors:
            raise ValidationError(errors)
        now = clock.now()
        pks = [r.pk for r in registrations]
        before = sorted({r.status for r in registrations})
        Registration.objects.filter(pk__in=pks).update(
            status=decision, reason=reason, decided_by=actor, decided_at=now
        )
        for r in registrations:
            r.status, r.reason, r.decided_by, r.decided_at = decision, reason, actor, now
        record(
            actor=actor,
            action="registration.decide",
            obj=conference,
            object_ids=pks,
            changes={
                "status": [before, decision],
                "reason": [None, reason],
                "count": [None, len(pks)],
            },
        )
    return RegistrationBatch(decision=decision, decided=registrations)
