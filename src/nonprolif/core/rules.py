"""Who may do what in the core app. Views, API and templates ask these same predicates."""

from __future__ import annotations

from typing import TYPE_CHECKING

import rules

from nonprolif.core.roles import Role

if TYPE_CHECKING:
    from nonprolif.core.models import Actor


def has_perm(perm: str, user: Actor, obj: object = None) -> bool:
    """May ``user`` do ``perm`` (on ``obj``), by the rule itself (``rules.has_perm``, typed):
    no superuser shortcut, no model permissions."""
    return bool(rules.has_perm(perm, user, obj))


def has_role(role: Role):
    @rules.predicate(name=f"is_{role.value}")
    def predicate(user) -> bool:
        return (
            bool(getattr(user, "is_authenticated", False))
            and user.is_active
            and (user.has_role(role))
        )

    return predicate


is_coordinator = has_role(Role.COORDINATOR)
is_liaison = has_role(Role.LIAISON)
is_partner = has_role(Role.PARTNER)
is_auditor = has_role(Role.AUDITOR)
is_administrator = has_role(Role.ADMINISTRATOR)
is_analyst = has_role(Role.ANALYST)


@rules.predicate
def is_own_agency_official(user, official) -> bool:
    return (
        official is not None
        and user.agency_id is not None
        and (official.agency_id == user.agency_id)
    )


can_add_officials = is_coordinator | is_liaison
can_change_official = is_coordinator | (is_liaison & is_own_agency_official)

rules.add_perm("core.add_official", can_add_officials)
rules.add_perm("core.change_official", can_change_official)
rules.add_perm("core.change_agency", is_coordinator)
rules.add_perm("core.add_agency", is_coordinator)
rules.add_perm("core.view_audit", is_auditor | is_coordinator)
rules.add_perm("core.manage_accounts", is_administrator)
# Sign-in: administrators list and lift lockouts.
rules.add_perm("core.unlock_logins", is_administrator)
rules.add_perm("core.reset_second_factor", is_administrator)
