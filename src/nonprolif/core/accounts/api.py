"""Accounts and role grants over the API, for administrators (``core.manage_accounts``);
anybody else gets 403. Changes go through the account service, whose rules are the same as in
the admin and the CLI: nobody changes his own roles, agency, clearance or active flag (403,
audited as denied, nothing written), and a role that reads the whole office waits for a second
administrator's approval."""

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _
from ninja import Query, Router

from nonprolif.api.errors import WRITE_ERRORS, ErrorOut, service_errors
from nonprolif.core import queries
from nonprolif.core.accounts.schemas import (
    AccountFilters,
    AccountOut,
    AccountPage,
    AccountPatch,
    GrantFilters,
    GrantOut,
    GrantPage,
)
from nonprolif.core.domain.accounts import update_account
from nonprolif.core.domain.grants import approve_grant, reject_grant
from nonprolif.core.rules import has_perm

router = Router(tags=["accounts"])

READ_ERRORS = {403: ErrorOut, 404: ErrorOut}


def _administrator(request):
    if not has_perm("core.manage_accounts", request.auth):
        raise PermissionDenied(_("Only administrators manage accounts."))
    return request.auth


@router.get("/accounts", response={200: AccountPage, 403: ErrorOut}, summary="Accounts")
@service_errors
def list_accounts(request, filters: Query[AccountFilters]):
    accounts = queries.accounts_for(_administrator(request), q=filters.q)
    return {
        "count": accounts.count(),
        "limit": filters.limit,
        "offset": filters.offset,
        "items": list(accounts[filters.offset : filters.offset + filters.limit]),
    }


@router.get("/accounts/{account_id}", response={200: AccountOut, **READ_ERRORS}, summary="One")
@service_errors
def get_account(request, account_id: int):
    return queries.get_account_for(_administrator(request), account_id)


@router.patch(
    "/accounts/{account_id}",
    response={200: AccountOut, **WRITE_ERRORS},
    summary="Change an account's roles, agency, clearance or active flag",
)
@service_errors
def patch_account(request, account_id: int, payload: AccountPatch):
    """Only the fields sent are changed. ``roles`` is the whole set wanted: a role that needs
    approval is listed in ``pending_roles`` until a second administrator approves it."""
    user = _administrator(request)
    account = queries.get_account_for(user, account_id)
    changes = payload.dict(exclude_unset=True)
    if changes.get("roles") is None:
        changes.pop("roles", None)
    if changes.get("is_active") is None:
        changes.pop("is_active", None)
    update_account(actor=user, user=account, **changes)
    return queries.get_account_for(user, account_id)


@router.get("/grants", response={200: GrantPage, 403: ErrorOut}, summary="Role grants")
@service_errors
def list_grants(request, filters: Query[GrantFilters]):
    grants = queries.grants_for(_administrator(request), state=filters.state or "")
    return {
        "count": grants.count(),
        "limit": filters.limit,
        "offset": filters.offset,
        "items": list(grants[filters.offset : filters.offset + filters.limit]),
    }


@router.post(
    "/grants/{grant_id}/approve",
    response={200: GrantOut, **WRITE_ERRORS},
    summary="Approve a pending role grant",
)
@service_errors
def approve(request, grant_id: int):
    """By an administrator other than the one who asked and the grantee."""
    user = _administrator(request)
    grant = approve_grant(actor=user, grant=queries.get_grant_for(user, grant_id))
    return queries.get_grant_for(user, grant.pk)


@router.post(
    "/grants/{grant_id}/reject",
    response={200: GrantOut, **WRITE_ERRORS},
    summary="Reject a pending role grant",
)
@service_errors
def reject(request, grant_id: int):
    user = _administrator(request)
    grant = reject_grant(actor=user, grant=queries.get_grant_for(user, grant_id))
    return queries.get_grant_for(user, grant.pk)
