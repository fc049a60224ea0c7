"""Sign-in lockouts (django-axes): audit a lockout, lift one.

Axes counts failed sign-ins in ``axes.AccessAttempt`` rows (one per username, address and
browser) and refuses a sign-in while the failures of its username, or of its client address,
within the cool-off reach ``AXES_FAILURE_LIMIT``. Unknown usernames are counted like known
ones, so a lockout says nothing about whether an account exists.
"""

from dataclasses import dataclass

from axes.models import AccessAttempt
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.utils.translation import gettext as _

from nonprolif.core.domain.audit import record
from nonprolif.core.models import Actor, Outcome
from nonprolif.core.rules import has_perm


def record_lockout(*, username: str | None, address: str | None, failures: int | None) -> None:
    """Audit the failure that locked ``username`` or ``address`` out (axes' user_locked_out
    signal; attempts refused during the lockout are not recorded again).

    Side effect: one audit entry ``login.lockout`` (outcome denied) on the attempt row.
    """
    if failures is None:  # a sign-in refused during the lockout: axes recorded nothing new
        return
    attempt = (
        AccessAttempt.objects.filter(username=username, ip_address=address)
        .order_by("-attempt_time")
        .first()
    )
    if attempt is None:
        return
    record(
        actor=None,
        action="login.lockout",
        obj=attempt,
        changes={"username": username, "address": address, "failures": failures},
        outcome=Outcome.DENIED,
    )


@dataclass(frozen=True)
class Unlocked:
    username: str
    address: str
    attempts: int


def unlock(*, actor: Actor, username: str = "", address: str = "") -> Unlocked:
    """Lift the lockout of ``username`` or of client ``address`` (one of them): delete the
    failed attempts axes counts against it.

    Raises PermissionDenied unless ``actor`` may unlock (administrators); the refusal is
    audited (``login.unlock``, outcome denied) and nothing is deleted. Raises ValidationError
    naming ``username`` when neither or both are given.

    Side effects (one transaction): the matching ``axes.AccessAttempt`` rows deleted; one
    audit entry ``login.unlock`` naming the username or address and the number of attempts.
    """
    username, address = (username or "").strip(), (address or "").strip()
    if bool(username) == bool(address):
        raise ValidationError(
            {"username": _("Give either a username or a client address.")}, code="required"
        )
    attempts = AccessAttempt.objects.filter(
        **({"username": username} if username else {"ip_address": address})
    )
    changes: dict[str, object] = {"username": username, "address": address}
    if not has_perm("core.unlock_logins", actor):
        first = attempts.order_by("pk").first()
        target = first if first is not None else actor
        if isinstance(target, models.Model) and target.pk:
            record(
                actor=actor,
                action="login.unlock",
                obj=target,
                changes=changes,
                outcome=Outcome.DENIED,
            )
        raise PermissionDenied(_("Only an administrator can lift a lockout."))
    with transaction.atomic():
        first = attempts.order_by("pk").select_for_update().first()
        count = 0
        if first is not None:
            count = attempts.count()
            record(
                actor=actor,
                action="login.unlock",
                obj=first,
                changes={**changes, "attempts": count},
            )
            attempts.delete()
    return Unlocked(username=username, address=address, attempts=count)
