import datetime

from ninja import Field, Schema

from nonprolif.core.models import GrantState
from nonprolif.core.roles import Role

MAX_LIMIT = 100


class AccountOut(Schema):
    id: int
    username: str
    first_name: str
    last_name: str
    email: str
    roles: list[Role]
    agency: str | None = Field(None, description="code of the user's agency")
    clearance: str | None = Field(
        None, description="code of the user's clearance (a classification level); null for none"
    )
    is_active: bool
    language: str
    last_login: datetime.datetime | None
    date_joined: datetime.datetime
    pending_roles: list[Role] = Field(description="roles granted that await a second approval")

    @staticmethod
    def resolve_roles(obj) -> list[str]:
        return sorted(group.name for group in obj.groups.all() if group.name in Role)

    @staticmethod
    def resolve_agency(obj) -> str | None:
        return obj.agency.code if obj.agency_id else None

    @staticmethod
    def resolve_clearance(obj) -> str | None:
        return obj.clearance.code if obj.clearance_id else None

    @staticmethod
    def resolve_pending_roles(obj) -> list[str]:
        # accounts_for prefetches the pending grants only
        return sorted(grant.role for grant in obj.role_grants.all())


class AccountPage(Schema):
    count: int
    limit: int
    offset: int
    items: list[AccountOut]


class AccountFilters(Schema):
    q: str = Field("", description="words to find in the username, names or e-mail")
    limit: int = Field(25, ge=1, le=MAX_LIMIT)
    offset: int = Field(0, ge=0)


class AccountPatch(Schema):
    roles: list[Role] | None = Field(
        None,
        description="the whole set of roles wanted; a role that needs approval waits for a "
        "second administrator (see pending_roles)",
    )
    agency: str | None = Field(None, description="agency code; null or empty for none")
    clearance: str | None = Field(
        None,
        description="classification level code; null or empty for none (the user's sessions "
        "end; nobody changes his own)",
    )
    is_active: bool | None = None


class GrantOut(Schema):
    id: int
    user: str = Field(description="the grantee's username")
    role: Role
    state: GrantState
    requested_by: str | None
    requested_at: datetime.datetime
    decided_by: str | None
    decided_at: datetime.datetime | None

    @staticmethod
    def resolve_user(obj) -> str:
        return obj.user.username

    @staticmethod
    def resolve_requested_by(obj) -> str | None:
        return obj.requested_by.username if obj.requested_by_id else None

    @staticmethod
    def resolve_decided_by(obj) -> str | None:
        return obj.decided_by.username if obj.decided_by_id else None


class GrantPage(Schema):
    count: int
    limit: int
    offset: int
    items: list[GrantOut]


class GrantFilters(Schema):
    state: GrantState | None = Field(None, description="only grants in this state")
    limit: int = Field(25, ge=1, le=MAX_LIMIT)
    offset: int = Field(0, ge=0)
