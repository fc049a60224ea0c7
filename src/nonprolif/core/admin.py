"""The Django admin is for administrators and manages accounts only: users, their API tokens
and the role grants that wait for a second administrator. Scoped models (officials,
programs…) are deliberately NOT registered here, so the admin can never become a way around
``visible_to``. Access is decided by the ``core.manage_accounts`` rule itself (a superuser
flag alone grants nothing).

Every change of a user's roles, agency, clearance, active flag and password made here goes
through the account service (``core.domain.accounts``), which applies the rules and writes the
audit trail: an administrator sees his own roles, agency, clearance and active flag read-only,
and a forged POST that changes them is refused (403) and audited as denied.
"""

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.contrib.auth import update_session_auth_hash
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.contrib.auth.forms import AdminUserCreationForm, UserChangeForm
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice
from rules import has_perm

from nonprolif.core.domain.accounts import (
    check_account_change,
    create_user,
    parse_roles,
    roles_of,
    set_password,
    update_account,
    validate_roles_agency,
)
from nonprolif.core.domain.grants import approve_grant, reject_grant
from nonprolif.core.domain.tokens import revoke_token
from nonprolif.core.models import ApiToken, GrantState, RoleGrant, User
from nonprolif.core.roles import Role

# Fields of the user form that only the account service changes, and the POST keys that would
# change them (Django's own names included), by the part of the account they touch.
LOCKED_POST_KEYS = {
    "roles": "roles",
    "groups": "roles",
    "is_staff": "roles",
    "is_superuser": "roles",
    "user_permissions": "roles",
    "agency": "agency",
    "clearance": "clearance",
    "is_active": "is_active",
}
PERSONAL_FIELDS = ["username", "first_name", "last_name", "email", "language"]


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


def _add_service_errors(form: forms.Form, error: ValidationError) -> None:
    for name, messages_ in error.message_dict.items():
        form.add_error(name if name in form.fields else None, messages_)


class AccountChangeForm(UserChangeForm):
    """The user form: roles as check boxes; the service checks them with the agency."""

    roles = forms.MultipleChoiceField(
        label=_("roles"), choices=Role.choices, required=False, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "roles" in self.fields and self.instance.pk:
            self.fields["roles"].initial = sorted(role.value for role in roles_of(self.instance))

    def clean(self):
        cleaned = super().clean()
        if "roles" in self.fields and not self.errors:
            try:
                validate_roles_agency(parse_roles(cleaned["roles"]), cleaned.get("agency"))
            except ValidationError as error:
                _add_service_errors(self, error)
        return cleaned


class AccountCreationForm(AdminUserCreationForm):
    """A new login with one role (the service creates it; a role that needs approval waits
    for a second administrator)."""

    role = forms.ChoiceField(label=_("role"), choices=Role.choices)

    class Meta(AdminUserCreationForm.Meta):
        model = User
        fields = ("username", "agency", "clearance", "language")

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("role") and not self.errors:
            try:
                validate_roles_agency(parse_roles([cleaned["role"]]), cleaned.get("agency"))
            except ValidationError as error:
                _add_service_errors(self, error)
        return cleaned


@admin.register(User)
class UserAdmin(AccountsAdminMixin, DjangoUserAdmin):
    form = AccountChangeForm
    add_form = AccountCreationForm
    list_display = (
        "username",
        "first_name",
        "last_name",
        "agency",
        "clearance",
        "roles",
        "is_active",
    )
    list_filter = ("groups", "agency", "clearance", "is_active", "language")
    list_select_related = ("agency", "clearance")
    search_fields = ("username", "first_name", "last_name", "email")
    ordering = ("username",)
    # No is_superuser / user_permissions / groups: roles are set through the account service.
    fieldsets = (
        (None, {"fields": ("username", "password")}),
        (_("Personal info"), {"fields": ("first_name", "last_name", "email", "language")}),
        (
            _("Roles, agency and clearance"),
            {"fields": ("roles", "agency", "clearance", "pending_roles")},
        ),
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
        (_("Roles, agency and clearance"), {"fields": ("role", "agency", "clearance", "language")}),
    )
    readonly_fields = ("last_login", "date_joined", "is_staff", "pending_roles")

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("groups")

    def get_readonly_fields(self, request, obj=None):
        fields = tuple(super().get_readonly_fields(request, obj))
        if obj is not None and obj.pk == request.user.pk:
            return (*fields, "roles", "agency", "clearance", "is_active")  # nobody changes his own
        return fields

    @admin.display(description=_("roles"))
    def roles(self, obj) -> str:
        return ", ".join(sorted(group.name for group in obj.groups.all()))

    @admin.display(description=_("awaiting approval"))
    def pending_roles(self, obj) -> str:
        if obj is None or obj.pk is None:
            return "—"
        pending = RoleGrant.objects.pending().filter(user=obj).values_list("role", flat=True)
        return ", ".join(sorted(pending)) or "—"

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        # Before the admin's own transaction: the refusal's audit entry must stay.
        own = object_id is not None and str(unquote(object_id)) == str(request.user.pk)
        if request.method == "POST" and own and manages_accounts(request):
            self._refuse_locked_fields(request)
        return super().changeform_view(request, object_id, form_url, extra_context)

    def _refuse_locked_fields(self, request) -> None:
        """A POST on one's own account that names a locked field was forged (the form shows
        them read-only): the service refuses it and audits the attempt."""
        posted: dict[str, list] = {}
        for key, part in LOCKED_POST_KEYS.items():
            if key in request.POST:
                posted.setdefault(part, ["(stored)", []])[1].extend(request.POST.getlist(key))
        if posted:
            user = request.user
            check_account_change(actor=user, user=user, action="user.update", changes=posted)

    def save_model(self, request, obj, form, change):
        if not change:
            data = form.cleaned_data
            user = create_user(
                actor=request.user,
                username=data["username"],
                role=data["role"],
                agency=data.get("agency"),
                password=data["password1"] if data.get("set_usable_password") else None,
                language=data.get("language") or "es-mx",
            )
            if data.get("clearance") is not None:
                user = update_account(
                    actor=request.user, user=user, clearance=data["clearance"]
                ).user
            obj.pk, obj._state.adding, obj._state.db = user.pk, False, user._state.db
            obj.password, obj.clearance = user.password, user.clearance
            if user.role_grants.pending().exists():
                self._tell_pending(request, [data["role"]])
            return
        obj.save(update_fields=PERSONAL_FIELDS)  # the rest goes through the service
        if obj.pk == request.user.pk:
            return
        result = update_account(
            actor=request.user,
            user=obj,
            roles=form.cleaned_data["roles"],
            agency=form.cleaned_data.get("agency"),
            is_active=form.cleaned_data.get("is_active"),
            clearance=form.cleaned_data.get("clearance"),
        )
        if result.grants:
            self._tell_pending(request, [grant.role for grant in result.grants])

    def _tell_pending(self, request, roles) -> None:
        self.message_user(
            request,
            gettext(
                "The role %(roles)s takes effect when another administrator approves it "
                "(Role grants)."
            )
            % {"roles": ", ".join(sorted(roles))},
            messages.WARNING,
        )

    def save_related(self, request, form, formsets, change):
        pass  # no many-to-many on these forms: roles went through the service

    def user_change_password(self, request, id, form_url=""):
        """Django's page, with the change made by the account service (it ends the user's
        sessions and revokes his API tokens)."""
        if request.method == "POST" and manages_accounts(request):
            user = self.get_object(request, unquote(id))
            form = self.change_password_form(user, request.POST) if user else None
            if form is not None and form.is_valid():
                usable = form.cleaned_data["set_usable_password"]
                if usable or "unset-password" in request.POST:
                    set_password(
                        actor=request.user,
                        user=user,
                        password=form.cleaned_data["password1"] if usable else None,
                    )
                    user.refresh_from_db()
                    self.log_change(request, user, gettext("Changed password."))
                    messages.success(request, gettext("Password changed successfully."))
                    if user.pk == request.user.pk:
                        update_session_auth_hash(request, user)
                    return HttpResponseRedirect(
                        reverse(f"{self.admin_site.name}:core_user_change", args=(user.pk,))
                    )
        return super().user_change_password(request, id, form_url)


@admin.register(ApiToken)
class ApiTokenAdmin(AccountsAdminMixin, admin.ModelAdmin):
    list_display = (
        "name",
        "user",
        "hint",
        "read_only",
        "created_at",
        "last_used_at",
        "expires_at",
        "revoked_at",
    )
    list_filter = ("revoked_at", "read_only")
    list_select_related = ("user",)
    search_fields = ("name", "user__username")
    fields = (
        "user",
        "name",
        "hint",
        "read_only",
        "created_at",
        "last_used_at",
        "expires_at",
        "revoked_at",
    )
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


@admin.register(RoleGrant)
class RoleGrantAdmin(AccountsAdminMixin, admin.ModelAdmin):
    """Grants of the roles that read the whole office: another administrator than the one who
    asked approves or rejects them here (or on the Role grants page)."""

    list_display = ("user", "role", "state", "requested_by", "requested_at", "decided_by")
    list_filter = ("state", "role")
    list_select_related = ("user", "requested_by", "decided_by")
    search_fields = ("user__username",)
    fields = ("user", "role", "state", "requested_by", "requested_at", "decided_by", "decided_at")
    readonly_fields = fields
    actions = ["approve", "reject"]

    def has_add_permission(self, request):
        return False  # requested by giving the role in the user's form

    def has_change_permission(self, request, obj=None):
        return False

    def _decide(self, request, queryset, decide, done) -> None:
        count = 0
        for grant in queryset.filter(state=GrantState.PENDING).select_related("user"):
            try:
                decide(actor=request.user, grant=grant)
            except (PermissionDenied, ValidationError) as error:
                message = " ".join(getattr(error, "messages", [])) or str(error)
                self.message_user(request, f"{grant}: {message}", messages.ERROR)
            else:
                count += 1
        if count:
            self.message_user(request, done % {"n": count}, messages.SUCCESS)

    @admin.action(description=_("Approve the selected grants"), permissions=["view"])
    def approve(self, request, queryset):
        self._decide(request, queryset, approve_grant, gettext("Grants approved: %(n)d."))

    @admin.action(description=_("Reject the selected grants"), permissions=["view"])
    def reject(self, request, queryset):
        self._decide(request, queryset, reject_grant, gettext("Grants rejected: %(n)d."))


# Second-factor devices hold their secrets: they stay out of the admin, which manages accounts
# and tokens only (an administrator resets a lost second factor with `nonprolif otp_reset`).
for _device_model in (TOTPDevice, StaticDevice):
    if admin.site.is_registered(_device_model):
        admin.site.unregister(_device_model)
