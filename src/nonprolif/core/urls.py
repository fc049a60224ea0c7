from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.urls import path

from nonprolif.core.views import (
    account,
    agencies,
    audit,
    grants,
    lockouts,
    officials,
    tokens,
    twofactor,
)

urlpatterns = [
    path(
        "login/",
        login_not_required(
            auth_views.LoginView.as_view(
                template_name="core/login.html", redirect_authenticated_user=True
            )
        ),
        name="login",
    ),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("language/", account.set_language, name="set_language"),
    path("agencies/", agencies.agency_list, name="agency_list"),
    path("agencies/<str:code>/", agencies.agency_detail, name="agency_detail"),
    path("agencies/<str:code>/edit/", agencies.agency_edit, name="agency_edit"),
    path("officials/", officials.official_list, name="official_list"),
    path("officials/new/", officials.official_create, name="official_create"),
    path("officials/<int:pk>/", officials.official_detail, name="official_detail"),
    path("officials/<int:pk>/edit/", officials.official_edit, name="official_edit"),
    path("account/tokens/", tokens.token_list, name="token_list"),
    path("account/tokens/<int:pk>/revoke/", tokens.token_revoke, name="token_revoke"),
    path("account/password/", account.password_change, name="password_change"),
    path("account/grants/", grants.grant_list, name="grant_list"),
    path("account/grants/<int:pk>/approve/", grants.grant_approve, name="grant_approve"),
    path("account/grants/<int:pk>/reject/", grants.grant_reject, name="grant_reject"),
    path("audit/", audit.audit_log, name="audit_log"),
    path("account/two-factor/", twofactor.otp_setup, name="otp_setup"),
    path("account/two-factor/verify/", twofactor.otp_verify, name="otp_verify"),
    path(
        "account/two-factor/recovery-codes/",
        twofactor.otp_recovery_codes,
        name="otp_recovery_codes",
    ),
    path("security/lockouts/", lockouts.lockout_list, name="lockout_list"),
    path("security/lockouts/unlock/", lockouts.lockout_unlock, name="lockout_unlock"),
]
