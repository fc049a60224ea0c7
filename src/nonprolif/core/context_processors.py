from nonprolif.core.clock import fixed_date
from nonprolif.core.roles import Role
from nonprolif.core.rules import has_perm


def roles(request):
    """``user_roles``: the signed-in user's role names, for menus; ``manages_accounts``: whether
    he is an administrator, ``screens``: whether he reads the screening section,
    ``reaches_out``: whether he reads the outreach section (asked of the rules themselves: no
    model-permission queries)."""
    user = getattr(request, "user", None)
    signed_in = user is not None and user.is_authenticated
    names = user.role_names if signed_in else frozenset()
    return {
        "user_roles": names,
        "Role": Role,
        "manages_accounts": signed_in and has_perm("core.manage_accounts", user),
        "screens": signed_in and has_perm("screening.view_lists", user),
        "reaches_out": signed_in and has_perm("outreach.view_outreach", user),
    }


def clock(request):
    """``fixed_today``: the date NONPROLIF_TODAY fixes (a banner on every page), or None."""
    return {"fixed_today": fixed_date()}
