"""Accounts: the role groups, the creation of logins, and the one service through which every
change of a user's roles, agency, activation and password goes, whatever the interface (the
Django admin, the ``account`` and ``createuser`` commands, the API, the password page).

The rules, checked here and nowhere else:

- only administrators (``core.manage_accounts``) change accounts; ``actor=None`` is the
  system itself (the operator at the shell, the seed);
- nobody changes his own roles, agency, clearance or active flag (SELF_LOCKED); his password
  he may;
- a role of ``settings.ROLES_NEEDING_APPROVAL`` given by an administrator becomes a pending
  RoleGrant, which another administrator approves (``core.domain.grants``);
- a refused attempt writes one audit entry with outcome "denied" and raises PermissionDenied;
- every change writes one audit entry with its before and after (never a password), and
  bumps the user's ``session_stamp``, which ends his sessions at their next request.
"""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any, NoReturn

from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils.translation import gettext as _

from nonprolif.core.domain.audit import record
from nonprolif.core.domain.audit import refuse as audit_refuse
from nonprolif.core.domain.groups import ensure_role_groups
from nonprolif.core.domain.tokens import revoke_tokens_of
from nonprolif.core.models import (
    Actor,
    Agency,
    AgencyKind,
    ClassificationLevel,
    RoleGrant,
    User,
)
from nonprolif.core.roles import AGENCY_ROLES, Role
from nonprolif.core.rules import has_perm

# The kind of agency each agency-bound role must belong to.
REQUIRED_AGENCY_KIND = {Role.LIAISON: AgencyKind.NATIONAL, Role.PARTNER: AgencyKind.PARTNER}


def resolve_agency(agency: Agency | str | None) -> Agency | None:
    """The Agency for an Agency or an agency code; None for None/"".

    Raises ValidationError naming ``agency`` when the code is unknown.
    """
    if agency is None or agency == "":
        return None
    if isinstance(agency, Agency):
        return agency
    found = Agency.objects.filter(code__iexact=str(agency).strip()).first()
    if found is None:
        raise ValidationError(
            {"agency": _("Unknown agency code “%(code)s”.") % {"code": agency}},
            code="unknown",
        )
    return found


def resolve_clearance(level: ClassificationLevel | str | None) -> ClassificationLevel | None:
    """The ClassificationLevel for a level or its code; None for None/"" (no clearance).

    Raises ValidationError naming ``clearance`` when the code is unknown.
    """
    if level is None or level == "":
        return None
    if isinstance(level, ClassificationLevel):
        return level
    found = ClassificationLevel.objects.filter(code__iexact=str(level).strip()).first()
    if found is None:
        raise ValidationError(
            {"clearance": _("Unknown classification level “%(code)s”.") % {"code": level}},
            code="unknown",
        )
    return found


class _Unset:
    def __repr__(self) -> str:
        return "UNSET"


#: "Leave it as it is" for ``update_account(agency=...)`` (None means "no agency").
UNSET: Any = _Unset()

#: What nobody may change on his own account. The clearance of the next issues goes here too,
#: with its own ``update_account`` argument and audit action, like ``agency``.
SELF_LOCKED = ("roles", "agency", "clearance", "is_active")


@dataclass
class AccountChange:
    """What ``update_account`` did: the user as stored now, the grants it requested (they
    wait for a second administrator) and the audit actions it wrote."""

    user: User
    grants: list[RoleGrant] = field(default_factory=list)
    actions: list[str] = field(default_factory=list)


def needs_approval(role: Role | str) -> bool:
    """Does a grant of ``role`` wait for a second administrator?"""
    return str(role) in settings.ROLES_NEEDING_APPROVAL


def parse_roles(roles: Iterable[Role | str], *, field_name: str = "roles") -> set[Role]:
    """The Roles named in ``roles``; ValidationError naming ``field_name`` for an unknown
    one."""
    parsed: set[Role] = set()
    for role in roles:
        try:
            parsed.add(Role(str(role).strip().lower()))
        except ValueError:
            raise ValidationError(
                {
                    field_name: _("Unknown role “%(role)s”; choose one of: %(roles)s.")
                    % {"role": role, "roles": ", ".join(r.value for r in Role)}
                },
                code="unknown",
            ) from None
    return parsed


def validate_roles_agency(roles: Iterable[Role], agency: Agency | None) -> None:
    """Liaisons need a national agency and partners a partner agency (one agency, so not
    both roles); analysts need an agency of either kind. Raises ValidationError naming
    ``agency`` (or ``roles``)."""
    bound = set(roles) & AGENCY_ROLES
    if {Role.LIAISON, Role.PARTNER} <= bound:
        raise ValidationError(
            {"roles": _("A login is either a liaison or a partner, not both.")}, code="invalid"
        )
    if not bound:
        return
    if agency is None:
        role = sorted(bound)[0]
        raise ValidationError(
            {"agency": _("The %(role)s role needs an agency.") % {"role": role.value}},
            code="required",
        )
    for role in sorted(bound & set(REQUIRED_AGENCY_KIND)):
        if agency.kind == REQUIRED_AGENCY_KIND[role]:
            continue
        message = (
            _("A liaison must belong to a national agency; %(code)s is a foreign partner.")
            if role == Role.LIAISON
            else _("A partner must belong to a foreign partner agency; %(code)s is national.")
        )
        raise ValidationError({"agency": message % {"code": agency.code}}, code="invalid")


def roles_of(user: User) -> set[Role]:
    """The user's roles as stored (whatever his active flag)."""
    return {Role(name) for name in user.groups.values_list("name", flat=True) if name in Role}


def _names(roles: Iterable[Role]) -> list[str]:
    return sorted(role.value for role in roles)


def _is_system(actor: Actor) -> bool:
    return actor is None


def refuse(
    *, actor: Actor, action: str, obj: User | RoleGrant, changes: Mapping[str, Any], why: str
) -> NoReturn:
    """Audit the refused attempt (outcome denied) and raise PermissionDenied(why). Called
    outside any transaction of the service, so the entry stays when the caller's fails."""
    audit_refuse(actor=actor, action=action, obj=obj, changes=changes, why=why)


def check_account_change(
    *, actor: Actor, user: User, action: str, changes: Mapping[str, Any]
) -> None:
    """Raise PermissionDenied, audited as denied, unless ``actor`` may make ``changes``
    ({field: [before, after]}) to ``user``: the system may; an administrator may, except on
    his own roles, agency and active flag; nobody else may."""
    if _is_system(actor):
        return
    if not has_perm("core.manage_accounts", actor):
        refuse(
            actor=actor,
            action=action,
            obj=user,
            changes=changes,
            why=_("Only administrators manage accounts."),
        )
    if actor is not None and actor.pk == user.pk and set(changes) & set(SELF_LOCKED):
        refuse(
            actor=actor,
            action=action,
            obj=user,
            changes=changes,
            why=_("Nobody may change his own roles, agency, clearance or active flag."),
        )


def _bump_session_stamp(user: User) -> None:
    User.objects.filter(pk=user.pk).update(session_stamp=F("session_stamp") + 1)
    user.refresh_from_db(fields=["session_stamp"])


def _request_grant(*, actor: Actor, user: User, role: Role) -> RoleGrant:
    """A pending grant of ``role`` to ``user`` (the one already pending, if any)."""
    pending = RoleGrant.objects.pending().filter(user=user, role=role.value).first()
    if pending is not None:
        return pending
    grant = RoleGrant(
        user=user, role=role.value, requested_by=actor if isinstance(actor, User) else None
    )
    grant.full_clean()
    grant.save()
    record(
        actor=actor,
        action="grant.request",
        obj=grant,
        changes={"user": user.username, "role": role.value, "state": [None, grant.state]},
    )
    return grant


def apply_roles(*, actor: Actor, user: User, roles: set[Role], action: str = "user.roles") -> None:
    """Set ``user``'s groups to ``roles`` (and his staff flag: administrators are staff),
    bump his session stamp and write one audit entry ``action`` with the roles before and
    after. Call inside the caller's transaction, after the rules were checked."""
    before = roles_of(user)
    groups = ensure_role_groups()
    user.groups.set([groups[role.value] for role in roles])
    is_staff = Role.ADMINISTRATOR in roles
    changes: dict[str, Any] = {"roles": [_names(before), _names(roles)]}
    if user.is_staff != is_staff:
        changes["is_staff"] = [user.is_staff, is_staff]
        user.is_staff = is_staff
        user.save(update_fields=["is_staff"])
    _bump_session_stamp(user)
    record(actor=actor, action=action, obj=user, changes=changes)


def update_account(
    *,
    actor: Actor,
    user: User,
    roles: Iterable[Role | str] | None = None,
    agency: Agency | str | None = UNSET,
    is_active: bool | None = None,
    clearance: ClassificationLevel | str | _Unset | None = UNSET,
) -> AccountChange:
    """Change ``user``'s roles (the whole set wanted), agency (an Agency, a code, or None for
    none), clearance (a ClassificationLevel, its code, or None for none) and active flag; an
    argument left out leaves that part as it is.

    Rules: see the module docstring. A wanted role of ROLES_NEEDING_APPROVAL that the user
    lacks is not given at once when an administrator asks: it becomes a pending RoleGrant.
    Raises ValidationError naming ``roles`` or ``agency`` for bad input (nothing written),
    PermissionDenied for a refused change (one denied audit entry written, nothing else).

    Side effects, in one transaction, only for what changes: the user's groups and staff
    flag, agency, active flag; one pending RoleGrant per role awaiting approval; when the
    user is deactivated, his API tokens are revoked; his session stamp is bumped (his
    sessions end); one audit entry per change: ``user.roles``, ``user.agency``,
    ``user.deactivate`` or ``user.activate``, ``grant.request``, ``token.revoke``.
    """
    current = User.objects.select_related("agency").get(pk=user.pk)
    before_roles = roles_of(current)
    wanted_roles = before_roles if roles is None else parse_roles(roles)
    wanted_agency = current.agency if agency is UNSET else resolve_agency(agency)
    wanted_active = current.is_active if is_active is None else bool(is_active)
    wanted_clearance = (
        current.clearance if isinstance(clearance, _Unset) else resolve_clearance(clearance)
    )

    changes: dict[str, list[Any]] = {}
    if wanted_roles != before_roles:
        changes["roles"] = [_names(before_roles), _names(wanted_roles)]
    if wanted_agency != current.agency:
        changes["agency"] = [
            current.agency.code if current.agency else None,
            wanted_agency.code if wanted_agency else None,
        ]
    if wanted_active != current.is_active:
        changes["is_active"] = [current.is_active, wanted_active]
    if wanted_clearance != current.clearance:
        changes["clearance"] = [
            current.clearance.code if current.clearance else None,
            wanted_clearance.code if wanted_clearance else None,
        ]
    result = AccountChange(user=current)
    if not changes:
        return result
    check_account_change(actor=actor, user=current, action="user.update", changes=changes)
    validate_roles_agency(wanted_roles, wanted_agency)

    waiting = (
        set()
        if _is_system(actor)
        else {role for role in wanted_roles - before_roles if needs_approval(role)}
    )
    with transaction.atomic():
        current = (
            User.objects.select_for_update(of=("self",)).select_related("agency").get(pk=user.pk)
        )
        if "roles" in changes:
            given = wanted_roles - waiting
            if given != before_roles:
                apply_roles(actor=actor, user=current, roles=given)
                result.actions.append("user.roles")
            for role in sorted(waiting):
                result.grants.append(_request_grant(actor=actor, user=current, role=role))
                result.actions.append("grant.request")
        if "agency" in changes:
            current.agency = wanted_agency
            current.save(update_fields=["agency"])
            _bump_session_stamp(current)
            record(actor=actor, action="user.agency", obj=current, changes=_pick(changes, "agency"))
            result.actions.append("user.agency")
        if "clearance" in changes:
            current.clearance = wanted_clearance
            current.save(update_fields=["clearance"])
            _bump_session_stamp(current)
            record(
                actor=actor,
                action="user.clearance",
                obj=current,
                changes=_pick(changes, "clearance"),
            )
            result.actions.append("user.clearance")
        if "is_active" in changes:
            current.is_active = wanted_active
            current.save(update_fields=["is_active"])
            _bump_session_stamp(current)
            action = "user.activate" if wanted_active else "user.deactivate"
            record(actor=actor, action=action, obj=current, changes=_pick(changes, "is_active"))
            result.actions.append(action)
            if not wanted_active:
                revoke_tokens_of(actor=actor, user=current)
    current.refresh_from_db()
    result.user = current
    return result


def _pick(changes: Mapping[str, list[Any]], name: str) -> dict[str, list[Any]]:
    return {name: changes[name]}


def grant_role(*, actor: Actor, user: User, role: Role | str) -> AccountChange:
    """Give ``user`` one more role (pending a second administrator for the roles that need
    approval). See ``update_account``."""
    (wanted,) = parse_roles([role], field_name="role")
    return update_account(actor=actor, user=user, roles=roles_of(user) | {wanted})


def revoke_role(*, actor: Actor, user: User, role: Role | str) -> AccountChange:
    """Take one role from ``user``. See ``update_account``."""
    (unwanted,) = parse_roles([role], field_name="role")
    return update_account(actor=actor, user=user, roles=roles_of(user) - {unwanted})


def set_password(*, actor: Actor, user: User, password: str | None) -> User:
    """Set ``user``'s password (None: no usable password): the user himself may, and so may
    an administrator (or the system). The password is checked against the validators
    (ValidationError naming ``password``, nothing written); anybody else gets
    PermissionDenied (audited as denied).

    Side effects, in one transaction: the new password hash; the session stamp bumped (every
    session of the user ends; a view that keeps the caller's own session calls
    ``update_session_auth_hash`` afterwards); every API token of the user revoked (one
    ``token.revoke`` entry each); one audit entry ``password.change`` (never the password).
    """
    is_self = isinstance(actor, User) and actor.pk == user.pk
    if not is_self:
        check_account_change(
            actor=actor, user=user, action="password.change", changes={"password": "(change)"}
        )
    if password is not None:
        try:
            validate_password(password, user=user)
        except ValidationError as error:
            raise ValidationError({"password": error.messages}, code="invalid") from None
    with transaction.atomic():
        current = User.objects.select_for_update().get(pk=user.pk)
        if password is None:
            current.set_unusable_password()
        else:
            current.set_password(password)
        current.session_stamp += 1
        current.save(update_fields=["password", "session_stamp"])
        revoked = revoke_tokens_of(actor=actor, user=current)
        record(
            actor=actor,
            action="password.change",
            obj=current,
            changes={
                "by": "self" if is_self else "administrator",
                "usable_password": current.has_usable_password(),
                "tokens_revoked": revoked,
            },
        )
    user.password, user.session_stamp = current.password, current.session_stamp
    return current


def create_user(
    *,
    username: str,
    role: Role | str,
    agency: Agency | str | None = None,
    password: str | None = None,
    email: str = "",
    first_name: str = "",
    last_name: str = "",
    language: str = "es-mx",
    actor: Actor = None,
) -> User:
    """Create a login with one role.

    ``agency`` is an Agency or an agency code. Liaisons need a national agency and partners a
    partner agency; the other roles may have one. ``password`` is checked against the password
    validators; None leaves the account without a usable password. Administrators are staff
    (they manage accounts in the Django admin).

    ``actor`` None is the system (the operator at the shell, the seed): the role is given at
    once. An administrator may create logins; a role of ROLES_NEEDING_APPROVAL is then not
    given at once but requested (a pending RoleGrant, approved by another administrator).
    Anybody else gets PermissionDenied (audited as denied, nothing created).

    Raises ValidationError naming the bad field (``role``, ``agency``, ``username``,
    ``password``, ``email``, ``language``) and writes nothing.

    Side effects (in one transaction): the role groups are ensured (ensure_role_groups); one
    User row; its membership of the role's group, or a pending RoleGrant; one audit entry
    ``user.create`` (without the password), and ``grant.request`` for a grant.
    """
    (role,) = parse_roles([role], field_name="role")
    agency = resolve_agency(agency)
    validate_roles_agency([role], agency)

    user = User(
        username=username,
        email=email,
        first_name=first_name,
        last_name=last_name,
        language=language,
        agency=agency,
        is_staff=role == Role.ADMINISTRATOR,
    )
    if not _is_system(actor) and not has_perm("core.manage_accounts", actor):
        refuse(
            actor=actor,
            action="user.create",
            obj=user,
            changes={"username": [None, username], "role": [None, role.value]},
            why=_("Only administrators manage accounts."),
        )
    if password is None:
        user.set_unusable_password()
    else:
        try:
            validate_password(password, user=user)
        except ValidationError as error:
            raise ValidationError({"password": error.messages}, code="invalid") from None
        user.set_password(password)
    user.full_clean()

    waiting = not _is_system(actor) and needs_approval(role)
    with transaction.atomic():
        groups = ensure_role_groups()
        user.save()
        if not waiting:
            user.groups.add(groups[role.value])
        record(
            actor=actor,
            action="user.create",
            obj=user,
            changes={
                "role": [None, role.value],
                "agency": [None, agency.code if agency else None],
                "is_staff": [None, user.is_staff],
                "pending_approval": waiting,
            },
        )
        if waiting:
            _request_grant(actor=actor, user=user, role=role)
    return user
