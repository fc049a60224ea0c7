from django.contrib.auth.backends import ModelBackend


class NoSuperuserModelBackend(ModelBackend):
    """Django's model permissions, without the superuser shortcut: a superuser has exactly the
    permissions of his groups (roles). No role bypasses the platform's rules."""

    def _get_permissions(self, user_obj, obj, from_name):
        if not user_obj.is_active or user_obj.is_anonymous or obj is not None:
            return set()
        cache_name = f"_{from_name}_perm_cache"
        if not hasattr(user_obj, cache_name):
            perms = getattr(self, f"_get_{from_name}_permissions")(user_obj)
            perms = perms.values_list("content_type__app_label", "codename").order_by()
            setattr(user_obj, cache_name, {f"{ct}.{name}" for ct, name in perms})
        return getattr(user_obj, cache_name)
