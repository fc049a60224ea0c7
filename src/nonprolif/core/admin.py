"""The Django admin is for administrators and manages accounts only: users and their API
tokens. Scoped models (officials, programs…) are deliberately NOT registered here, so the
admin can never become a way around ``visible_to``. Access is decided by the
``core.manage_accounts`` rule itself (a superuser flag alone grants nothing)."""

from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from rules import has_perm

from nonprolif.core.domain.tokens import revoke_token
from nonprolif.core.models import ApiToken, User


def manages_accounts(request) -> bool:
    return has_perm("core.manage_accounts", request.user)


class AccountsAdminMixin:
    def has_module_permission(self, request):
        return manages_accounts(request)

    def has_view_permission(self, request, obj=None):
        return manages_accounts(request)

    def has_add_permission(self, request):
        return manages_accounts(request)

    def has_change_permission(self, request, obj=None):
        return manages_accounts(request)

    def has_delete_permission(self, request, obj=None):
        return False  # accounts are deactivated, never deleted (the audit trail names them)


@admin.register(User)
class UserAdmin(AccountsAdminMixin, DjangoUserAdmin):
    list_display = ("username", "first_name", "last_name", "agency", "roles", "is_active")
    list_filter = ("groups", "agency", "is_active", "language")
    list_select_related = ("agency",)
    search_fields = ("username", "first_name", "last_name", "email")
    ordering = ("username",)
    # No is_superuser / user_permissions: roles are groups, and nothing bypasses them.
    fieldsets = (
        (None, {"fields": ("username", "password")}),
        (_("Personal info"), {"fields": ("first_name", "last_name", "email", "language")}),
        (_("Roles and agency"), {"fields": ("groups", "agency")}),
        (_("Status"), {"fields": ("is_active", "is_staff")}),
        (_("Important dates"), {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = (
        (
            None,
            {
                "classes": ("wide",),
                "fields": ("username", "usable_password", "password1", "password2"),
            },
        ),
        (_("Roles and agency"), {"fields": ("groups", "agency", "language")}),
    )
    readonly_fields = ("last_login", "date_joined")
    filter_horizontal = ("groups",)

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("groups")

    @admin.display(description=_("roles"))
    def roles(self, obj) -> str:
        return ", ".join(sorted(group.name for group in obj.groups.all()))


@admin.register(ApiToken)
class ApiTokenAdmin(AccountsAdminMixin, admin.ModelAdmin):
    list_display = ("name", "user", "hint", "created_at", "last_used_at", "revoked_at")
    list_filter = ("revoked_at",)
    list_select_related = ("user",)
    search_fields = ("name", "user__username")
    fields = ("user", "name", "hint", "created_at", "last_used_at", "revoked_at")
    readonly_fields = fields
    actions = ["revoke"]

    def has_add_permission(self, request):
        return False  # tokens are issued by their owner, who alone sees the raw value

    def has_change_permission(self, request, obj=None):
        return False

    @admin.action(description=_("Revoke the selected tokens"), permissions=["view"])
    def revoke(self, request, queryset):
        tokens = list(queryset.filter(revoked_at__isnull=True))
        for token in tokens:
            revoke_token(actor=request.user, token=token)
        self.message_user(
            request,
            ngettext("%(n)d token revoked.", "%(n)d tokens revoked.", len(tokens))
            % {"n": len(tokens)},
            messages.SUCCESS,
        )
