"""Shared pieces of the access rule.

Scoping rules are conditions (``Q``) on the rows themselves or on rows reached through
foreign keys (a ``prefix`` such as ``"session__"``): single-valued joins that an index
serves, correlated ``EXISTS`` on many-to-many tables, or an uncorrelated subquery over the
handful of programs (or own participations) of one agency or user, found through an index
and evaluated once. Never an ``IN`` over the scoped table itself, and never a join through a
many-to-many relation that would need ``DISTINCT``.

A rule function answers ``EVERYTHING`` (no condition), ``NOTHING`` or a condition;
:func:`scoped` applies it to a queryset.
"""

from typing import Final, TypeVar

from django.apps import apps
from django.db.models import Q, QuerySet, Subquery

from nonprolif.core.roles import Role

EVERYTHING: Final = None
NOTHING: Final = Q(pk__in=[])


_QS = TypeVar("_QS", bound=QuerySet)


def sees_everything(user) -> bool:
    """Coordinators and auditors read every record of the deployment (not a scoping bypass:
    it is their scope). Administrators manage accounts only and are not included."""
    return user.has_role(Role.COORDINATOR) or user.has_role(Role.AUDITOR)


def acts_for_national_agency(user) -> bool:
    """A liaison or an analyst of a national agency: who reads the national office's shared
    pages (the 1540 matrix, the awareness materials). A user whose role was revoked keeps his
    agency, not this; a foreign partner's users and administrators are not it."""
    from nonprolif.core.models.agency import AgencyKind

    agency = user.agency
    if agency is None or agency.kind != AgencyKind.NATIONAL:
        return False
    return user.has_role(Role.LIAISON) or user.has_role(Role.ANALYST)


def is_signed_in(user) -> bool:
    return bool(getattr(user, "is_authenticated", False) and user.is_active)


def scoped(queryset: _QS, condition: Q | None) -> _QS:
    """``queryset`` narrowed by a rule's answer (``EVERYTHING``, ``NOTHING`` or a Q)."""
    if condition is EVERYTHING:
        return queryset.all()
    if condition is NOTHING:
        return queryset.none()
    return queryset.filter(condition)


def related(prefix: str) -> str:
    """The lookup of the row reached through ``prefix`` itself ("session__" → "session";
    "" → "pk")."""
    return prefix[:-2] if prefix else "pk"


def own_official_id(user) -> Subquery:
    """The id of the official linked to ``user``'s login (NULL when none): a scalar
    subquery on a unique index, evaluated once."""
    official = apps.get_model("core", "Official")
    return Subquery(official.objects.filter(user_id=user.pk).order_by().values("pk")[:1])


def agency_program_ids(agency_id: int) -> QuerySet:
    """The ids of the programs in which the agency takes part (lead, member or partner)."""
    program = apps.get_model("program", "Program")
    return program.objects.filter(program_member_q(agency_id)).values("pk")


def program_member_q(agency_id: int, prefix: str = "") -> Q:
    """Programs (reached through ``prefix``) in which the agency takes part."""
    program = apps.get_model("program", "Program")
    if prefix:
        return Q(**{f"{related(prefix)}__in": agency_program_ids(agency_id)})
    members = program.member_agencies.through.objects.filter(agency_id=agency_id)
    partners = program.partner_agencies.through.objects.filter(agency_id=agency_id)
    return (
        Q(lead_agency_id=agency_id)
        | Q(pk__in=members.values("program_id"))
        | Q(pk__in=partners.values("program_id"))
    )


def partner_program_q(agency_id: int, prefix: str = "") -> Q:
    """Programs (reached through ``prefix``) in which the agency is a partner."""
    program = apps.get_model("program", "Program")
    partners = program.partner_agencies.through.objects.filter(agency_id=agency_id)
    return Q(**{f"{related(prefix)}__in": partners.values("program_id")})
