"""Role grants that wait for a second administrator: approve or reject a pending RoleGrant.

A grant of a role of ``settings.ROLES_NEEDING_APPROVAL`` made by an administrator (through
``core.domain.accounts``) is stored as a pending RoleGrant; the role is given only when an
administrator other than the requester and the grantee approves it.
"""

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from nonprolif.core.domain.accounts import apply_roles, refuse, roles_of, validate_roles_agency
from nonprolif.core.domain.audit import record
from nonprolif.core.models import Actor, GrantState, RoleGrant, User
from nonprolif.core.roles import Role
from nonprolif.core.rules import has_perm


def _check_decider(*, actor: Actor, grant: RoleGrant, action: str) -> User:
    """The administrator who may decide ``grant``: not its requester (for an approval), not
    its grantee. Anybody else: PermissionDenied, audited as denied."""
    if not isinstance(actor, User) or not has_perm("core.manage_accounts", actor):
        why = _("Only administrators decide on role grants.")
    elif actor.pk == grant.user_id:
        why = _("Nobody may decide on a grant of a role to himself.")
    elif action == "grant.approve" and actor.pk == grant.requested_by_id:
        why = _("A second administrator must approve this grant, not the one who asked.")
    else:
        return actor
    attempt: dict[str, Any] = {"state": [grant.state, action.removeprefix("grant.")]}
    refuse(actor=actor, action=action, obj=grant, changes=attempt, why=why)


def _check_pending(grant: RoleGrant) -> None:
    if grant.state != GrantState.PENDING:
        raise ValidationError(
            {
                "state": _("This grant was already %(state)s.")
                % {"state": grant.get_state_display()}
            },
            code="decided",
        )


def approve_grant(*, actor: Actor, grant: RoleGrant) -> RoleGrant:
    """Approve a pending grant: the grantee gets the role at once.

    Raises PermissionDenied (audited as denied) unless ``actor`` is an administrator other
    than the requester and the grantee; ValidationError naming ``state`` when the grant is
    no longer pending (or ``agency``/``roles`` when the grantee's agency no longer fits).

    Side effects, in one transaction: the grant approved (decided_by, decided_at); the
    grantee's groups (and staff flag) and session stamp (his sessions end); audit entries
    ``grant.approve`` (the grant) and ``user.roles`` (the grantee, roles before and after).
    """
    _check_pending(grant)
    approver = _check_decider(actor=actor, grant=grant, action="grant.approve")
    with transaction.atomic():
        current = RoleGrant.objects.select_for_update().get(pk=grant.pk)
        _check_pending(current)
        user = (
            User.objects.select_for_update(of=("self",))
            .select_related("agency")
            .get(pk=current.user_id)
        )
        roles = roles_of(user) | {Role(current.role)}
        validate_roles_agency(roles, user.agency)
        _decide(current, decider=approver, state=GrantState.APPROVED, username=user.username)
        apply_roles(actor=approver, user=user, roles=roles)
    return current


def _decide(grant: RoleGrant, *, decider: User, state: GrantState, username: str) -> None:
    """Close the pending ``grant`` (locked by the caller) as ``state``, and audit it."""
    grant.state = state
    grant.decided_by = decider
    grant.decided_at = timezone.now()
    grant.save(update_fields=["state", "decided_by", "decided_at"])
    record(
        actor=decider,
        action="grant.approve" if state == GrantState.APPROVED else "grant.reject",
        obj=grant,
        changes={
            "user": username,
            "role": grant.role,
            "state": [GrantState.PENDING.value, grant.state],
        },
    )


def reject_grant(*, actor: Actor, grant: RoleGrant) -> RoleGrant:
    """Reject a pending grant (its requester may withdraw it this way): the grantee does not
    get the role.

    Raises PermissionDenied (audited as denied) unless ``actor`` is an administrator other
    than the grantee; ValidationError naming ``state`` when the grant is no longer pending.

    Side effects, in one transaction: the grant rejected (decided_by, decided_at); one audit
    entry ``grant.reject``.
    """
    _check_pending(grant)
    decider = _check_decider(actor=actor, grant=grant, action="grant.reject")
    with transaction.atomic():
        current = RoleGrant.objects.select_for_update().get(pk=grant.pk)
        _check_pending(current)
        _decide(current, decider=decider, state=GrantState.REJECTED, username=current.user.username)
    return current
