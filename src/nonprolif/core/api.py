"""The core router of /api/v1: the signed-in user, agencies, officials, the audit trail.

Scoping is the same as the web UI's: reads start from ``visible_to``; an invisible or
missing object is a 404; a write that is not allowed is a 403 only when the object is
visible. Bad input found by a service is a 422 naming each field and why, in the shared
shape of ``nonprolif.api.errors`` (``{"detail": [{"field": ..., "message": ...}]}``).
The write schemas leave the required fields to the service, so that a missing agency or
name gets that same shape.
"""

import datetime

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema, Status
from ninja.errors import HttpError
from ninja.pagination import LimitOffsetPagination, paginate
from rules import has_perm

from nonprolif.api.errors import WRITE_ERRORS, ErrorOut, service_errors
from nonprolif.api.inputs import Instant, omittable
from nonprolif.core import queries
from nonprolif.core.domain.officials import create_official, update_official
from nonprolif.core.models import Agency, AgencyKind, Outcome, Seniority

router = Router(tags=["core"])

MAX_LIMIT = 100


# Schemas -----------------------------------------------------------------------------


class MeOut(Schema):
    username: str
    roles: list[str]
    agency: str | None = Field(None, description="code of the user's agency")
    language: str


class AgencyOut(Schema):
    code: str
    name_es: str
    name_en: str
    acronym: str
    country: str
    kind: AgencyKind
    parent: str | None = Field(None, description="code of the parent agency")
    official_count: int = Field(description="officials of this agency that you may see")

    @staticmethod
    def resolve_parent(obj) -> str | None:
        return obj.parent.code if obj.parent_id else None


class OfficialOut(Schema):
    id: int
    agency: str = Field(description="agency code")
    given_names: str
    family_names: str
    position: str
    seniority: Seniority
    email: str
    phone: str
    language: str
    active: bool
    created_at: datetime.datetime
    updated_at: datetime.datetime

    @staticmethod
    def resolve_agency(obj) -> str:
        return obj.agency.code


class OfficialIn(Schema):
    agency: str | None = Field(None, description="agency code (required)")
    given_names: str = Field("", description="required")
    family_names: str = Field("", description="required")
    position: str = ""
    seniority: Seniority = Seniority.WORKING
    email: str = ""
    phone: str = ""
    language: str = "es-mx"
    active: bool = True


class OfficialPatch(Schema):
    agency: str = omittable(description="agency code")
    given_names: str = omittable()
    family_names: str = omittable()
    position: str = omittable()
    seniority: Seniority = omittable()
    email: str = omittable()
    phone: str = omittable()
    language: str = omittable()
    active: bool = omittable()


class OfficialPage(Schema):
    count: int = Field(description="officials matching the filters that you may see")
    limit: int
    offset: int
    items: list[OfficialOut]


class OfficialFilters(Schema):
    q: str = Field("", description="words to find in names, position or email")
    agency: str = Field("", description="agency code")
    seniority: Seniority | None = None
    active: bool | None = None
    limit: int = Field(25, ge=1, le=MAX_LIMIT)
    offset: int = Field(0, ge=0)


# Endpoints ---------------------------------------------------------------------------


@router.get("/me", response=MeOut, summary="The signed-in user")
def me(request):
    user = request.auth
    return {
        "username": user.username,
        "roles": sorted(user.role_names),
        "agency": user.agency.code if user.agency_id else None,
        "language": user.language,
    }


@router.get("/agencies", response=list[AgencyOut], summary="The agency directory")
@paginate(LimitOffsetPagination)
def list_agencies(request):
    return queries.agencies_for(request.auth)


@router.get("/agencies/{code}", response={200: AgencyOut, 404: ErrorOut}, summary="One agency")
def get_agency(request, code: str):
    return queries.get_agency_for(request.auth, code)


@router.get("/officials", response=OfficialPage, summary="Officials you may see")
def list_officials(request, filters: Query[OfficialFilters]):
    officials = queries.search_officials(
        request.auth,
        q=filters.q,
        agency=filters.agency,
        seniority=filters.seniority or "",
        active=filters.active,
    )
    return {
        "count": officials.count(),
        "limit": filters.limit,
        "offset": filters.offset,
        "items": list(officials[filters.offset : filters.offset + filters.limit]),
    }


@router.get(
    "/officials/{official_id}",
    response={200: OfficialOut, 404: ErrorOut},
    summary="One official",
)
def get_official(request, official_id: int):
    return queries.get_official_for(request.auth, official_id)


def _agency_from_code(user, code: str | None) -> Agency | None:
    """The agency of ``code`` among those the user sees; a ValidationError on ``agency``
    when the code is unknown."""
    if code is None or code == "":
        return None
    agency = Agency.objects.visible_to(user).filter(code=code).first()
    if agency is None:
        raise ValidationError({"agency": [_("Unknown agency code “%s”.") % code]})
    return agency


@router.post(
    "/officials",
    response={201: OfficialOut, **WRITE_ERRORS},
    summary="Add an official",
)
@service_errors
def post_official(request, payload: OfficialIn):
    """Add an official (coordinators: any agency; liaisons: their own agency)."""
    user = request.auth
    if not has_perm("core.add_official", user):
        raise HttpError(403, _("You may not add officials."))
    data = payload.dict()
    data["agency"] = _agency_from_code(user, data["agency"])
    official = create_official(actor=user, **data)
    return Status(201, queries.get_official_for(user, official.pk))


@router.patch(
    "/officials/{official_id}",
    response={200: OfficialOut, **WRITE_ERRORS},
    summary="Change an official",
)
@service_errors
def patch_official(request, official_id: int, payload: OfficialPatch):
    """Change an official; only the fields sent are changed."""
    user = request.auth
    official = queries.get_official_for(user, official_id)
    changes = payload.dict(exclude_unset=True)
    if "agency" in changes:
        changes["agency"] = _agency_from_code(user, changes["agency"])
    update_official(actor=user, official=official, **changes)
    return queries.get_official_for(user, official_id)


# The audit trail ----------------------------------------------------------------------


class AuditEntryOut(Schema):
    seq: int
    at: datetime.datetime
    actor: str = Field(description="the username at the time (empty: the system)")
    role: str = Field(description="the actor's roles then, comma separated")
    agency: str = Field(description="the actor's agency code then")
    action: str
    object_type: str
    object_id: str
    object_ids: list[int | str] = Field(description="the ids shown, for a list")
    object_repr: str
    changes: dict
    outcome: str
    request_id: str
    client_address: str
    prev_hash: str
    entry_hash: str

    @staticmethod
    def resolve_actor(obj) -> str:
        return obj.actor_name


class AuditFilters(Schema):
    actor: str = Field("", max_length=150, description="words of the username or name")
    agency: str = Field("", max_length=32, description="agency code")
    action: str = Field("", max_length=64, description='an action, or a prefix ending in "."')
    object_type: str = Field("", max_length=64, description='e.g. "core.official"')
    outcome: Outcome | None = None
    since: Instant | None = Field(None, description="from this time (inclusive)")
    until: Instant | None = Field(None, description="before this time")


@router.get("/audit", response=list[AuditEntryOut], summary="The audit trail, newest first")
@paginate(LimitOffsetPagination)
def list_audit_entries(request, filters: Query[AuditFilters]):
    """The entries the caller may read (auditors and coordinators: all; others: their own
    actions), newest first, with each entry's hash-chain fields."""
    return queries.audit_entries(
        request.auth,
        actor=filters.actor,
        agency=filters.agency,
        action=filters.action,
        object_type=filters.object_type,
        outcome=filters.outcome or "",
        since=filters.since,
        until=filters.until,
    )
