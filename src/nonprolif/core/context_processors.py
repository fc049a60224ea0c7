from nonprolif.core.roles import Role


def roles(request):
    """``user_roles``: the signed-in user's role names, for menus."""
    user = getattr(request, "user", None)
    names = user.role_names if user is not None and user.is_authenticated else frozenset()
    return {"user_roles": names, "Role": Role}
