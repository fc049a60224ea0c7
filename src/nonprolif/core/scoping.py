"""Shared pieces of the access rule."""

from django.db.models import Q

from nonprolif.core.roles import Role


def sees_everything(user) -> bool:
    """Coordinators and auditors read every record of the deployment (not a scoping bypass:
    it is their scope). Administrators manage accounts only and are not included."""
    return user.has_role(Role.COORDINATOR) or user.has_role(Role.AUDITOR)


def is_signed_in(user) -> bool:
    return bool(getattr(user, "is_authenticated", False) and user.is_active)


def program_member_q(agency_id, prefix: str = "") -> Q:
    """Programs (reached through ``prefix``) in which the agency takes part."""
    return (
        Q(**{f"{prefix}lead_agency_id": agency_id})
        | Q(**{f"{prefix}member_agencies__id": agency_id})
        | Q(**{f"{prefix}partner_agencies__id": agency_id})
    )
