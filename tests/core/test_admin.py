from django.contrib import admin
from django.contrib.auth.models import Group
from django.urls import reverse

from nonprolif.core.domain.accounts import grant_role
from nonprolif.core.domain.tokens import issue_token
from nonprolif.core.models import ApiToken, AuditEntry, Official, Outcome, RoleGrant, User
from nonprolif.core.roles import Role
from tests.factories import UserFactory


def test_scoped_models_are_not_in_the_admin():
    registered = set(admin.site._registry)
    assert Official not in registered
    assert {m._meta.label for m in registered} >= {"core.User", "core.ApiToken", "core.RoleGrant"}
    assert not {m._meta.label for m in registered} & {"core.Official", "core.AuditEntry"}


def test_administrator_lists_users_and_tokens(as_user, administrator, liaison_a):
    administrator.is_staff = True
    administrator.save()
    issue_token(user=liaison_a, name="script")
    client = as_user(administrator)
    users = client.get(reverse("admin:core_user_changelist"))
    assert users.status_code == 200
    assert "liaison_a" in users.content.decode()
    tokens = client.get(reverse("admin:core_apitoken_changelist"))
    assert tokens.status_code == 200
    assert "script" in tokens.content.decode()


def test_administrator_revokes_tokens_with_the_admin_action(as_user, administrator, liaison_a):
    administrator.is_staff = True
    administrator.save()
    token, _raw = issue_token(user=liaison_a, name="script")
    response = as_user(administrator).post(
        reverse("admin:core_apitoken_changelist"),
        {"action": "revoke", "_selected_action": [token.pk]},
    )
    assert response.status_code == 302
    token.refresh_from_db()
    assert token.revoked_at is not None


def test_staff_without_the_administrator_role_is_refused(as_user, coordinator):
    coordinator.is_staff = True
    coordinator.save()
    response = as_user(coordinator).get(reverse("admin:core_user_changelist"))
    assert response.status_code == 403


def test_superuser_flag_alone_does_not_open_the_accounts_admin(as_user, db):
    root = UserFactory(username="root", is_superuser=True, is_staff=True)
    response = as_user(root).get(reverse("admin:core_apitoken_changelist"))
    assert response.status_code == 403
    assert ApiToken.objects.count() == 0


# Accounts through the account service ---------------------------------------------------


def _fresh(user):
    return User.objects.get(pk=user.pk)


def _admin_client(as_user, administrator):
    administrator.is_staff = True
    administrator.save()
    return as_user(administrator)


def _change_data(user, **overrides):
    data = {
        "username": user.username,
        "first_name": user.first_name,
        "last_name": user.last_name,
        "email": user.email,
        "language": user.language,
        "roles": sorted(user.groups.values_list("name", flat=True)),
        "agency": user.agency_id or "",
        "is_active": "on" if user.is_active else "",
        "_save": "Save",
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def test_own_roles_agency_and_active_flag_are_read_only(as_user, administrator):
    client = _admin_client(as_user, administrator)
    response = client.get(reverse("admin:core_user_change", args=[administrator.pk]))
    form = response.context["adminform"].form
    assert not {"roles", "agency", "is_active", "groups", "is_superuser"} & set(form.fields)
    assert {"first_name", "email"} <= set(form.fields)


def test_administrator_promoting_himself_in_the_admin_is_refused_and_audited(
    as_user, administrator
):
    client = _admin_client(as_user, administrator)
    before = _fresh(administrator)
    data = _change_data(administrator, roles=["administrator", "coordinator"])
    response = client.post(reverse("admin:core_user_change", args=[administrator.pk]), data)
    assert response.status_code == 403
    after = _fresh(administrator)
    assert sorted(after.groups.values_list("name", flat=True)) == ["administrator"]
    assert after.session_stamp == before.session_stamp
    entry = AuditEntry.objects.get(outcome=Outcome.DENIED)
    assert (entry.action, entry.actor) == ("user.update", administrator)
    assert entry.changes["roles"][1] == ["administrator", "coordinator"]
    # Django's own names for the same thing are refused too
    group = Group.objects.get_or_create(name="coordinator")[0]
    response = client.post(
        reverse("admin:core_user_change", args=[administrator.pk]),
        _change_data(administrator, roles=None, groups=[group.pk], is_superuser="on"),
    )
    assert response.status_code == 403
    assert not _fresh(administrator).has_role("coordinator")
    assert not _fresh(administrator).is_superuser


def test_administrator_edits_his_own_name_in_the_admin(as_user, administrator):
    client = _admin_client(as_user, administrator)
    data = _change_data(administrator, roles=None, agency=None, is_active=None, first_name="Ada")
    response = client.post(reverse("admin:core_user_change", args=[administrator.pk]), data)
    assert response.status_code == 302
    assert _fresh(administrator).first_name == "Ada"


def test_roles_agency_and_active_flag_set_in_the_admin_go_through_the_service(
    as_user, administrator, liaison_a, agency_b
):
    client = _admin_client(as_user, administrator)
    data = _change_data(liaison_a, agency=agency_b.pk, is_active="")
    response = client.post(reverse("admin:core_user_change", args=[liaison_a.pk]), data)
    assert response.status_code == 302
    user = _fresh(liaison_a)
    assert (user.agency, user.is_active) == (agency_b, False)
    assert set(AuditEntry.objects.filter(actor=administrator).values_list("action", flat=True)) == {
        "user.agency",
        "user.deactivate",
    }


def test_a_coordinator_role_given_in_the_admin_waits_for_approval(as_user, administrator, outsider):
    client = _admin_client(as_user, administrator)
    data = _change_data(outsider, roles=["coordinator"])
    response = client.post(reverse("admin:core_user_change", args=[outsider.pk]), data)
    assert response.status_code == 302
    assert not _fresh(outsider).has_role("coordinator")
    grant = RoleGrant.objects.get(user=outsider)
    assert (grant.role, grant.state, grant.requested_by) == (
        "coordinator",
        "pending",
        administrator,
    )


def test_a_liaison_without_agency_is_a_form_error(as_user, administrator, outsider):
    client = _admin_client(as_user, administrator)
    data = _change_data(outsider, roles=["liaison"])
    response = client.post(reverse("admin:core_user_change", args=[outsider.pk]), data)
    assert response.status_code == 200
    assert "agency" in response.context["adminform"].form.errors
    assert not _fresh(outsider).has_role("liaison")


def test_adding_a_login_in_the_admin_goes_through_the_service(as_user, administrator, agency_a):
    client = _admin_client(as_user, administrator)
    response = client.post(
        reverse("admin:core_user_add"),
        {
            "username": "nuevo",
            "usable_password": "true",
            "password1": "a-long-and-unusual-passphrase-42",
            "password2": "a-long-and-unusual-passphrase-42",
            "role": "coordinator",
            "agency": "",
            "language": "en",
        },
    )
    assert response.status_code == 302
    user = User.objects.get(username="nuevo")
    assert user.check_password("a-long-and-unusual-passphrase-42")
    assert not user.has_role("coordinator")
    assert RoleGrant.objects.get(user=user).state == "pending"
    assert AuditEntry.objects.get(action="user.create").actor == administrator


def test_a_password_set_in_the_admin_ends_sessions_and_revokes_tokens(
    as_user, administrator, liaison_a
):
    client = _admin_client(as_user, administrator)
    victim_session = as_user(liaison_a)
    token, _raw = issue_token(user=liaison_a, name="script")
    password = "a-long-and-unusual-passphrase-42"
    response = client.post(
        reverse("admin:auth_user_password_change", args=[liaison_a.pk]),
        {"password1": password, "password2": password, "usable_password": "true"},
    )
    assert response.status_code == 302
    assert _fresh(liaison_a).check_password(password)
    token.refresh_from_db()
    assert token.revoked_at is not None
    assert victim_session.get(reverse("official_list")).status_code == 302
    entry = AuditEntry.objects.get(action="password.change")
    assert (entry.actor, entry.changes["by"]) == (administrator, "administrator")


def test_grants_are_approved_in_the_admin_by_a_second_administrator(
    as_user, administrator, outsider
):
    other = UserFactory(username="admin2", roles=[Role.ADMINISTRATOR], is_staff=True)
    (grant,) = grant_role(actor=administrator, user=outsider, role="coordinator").grants
    url = reverse("admin:core_rolegrant_changelist")
    action = {"action": "approve", "_selected_action": [grant.pk]}
    assert _admin_client(as_user, administrator).post(url, action).status_code == 302
    assert RoleGrant.objects.get(pk=grant.pk).state == "pending"
    assert AuditEntry.objects.filter(action="grant.approve", outcome=Outcome.DENIED).count() == 1
    assert as_user(other).post(url, action).status_code == 302
    assert RoleGrant.objects.get(pk=grant.pk).state == "approved"
    assert _fresh(outsider).has_role("coordinator")


def test_second_factor_devices_and_lockouts_are_not_in_the_admin():
    labels = {m._meta.label for m in admin.site._registry}
    assert not labels & {"otp_totp.TOTPDevice", "otp_static.StaticDevice", "axes.AccessAttempt"}
