from django.contrib import admin
from django.urls import reverse

from nonprolif.core.domain.tokens import issue_token
from nonprolif.core.models import ApiToken, Official
from tests.factories import UserFactory


def test_scoped_models_are_not_in_the_admin():
    registered = set(admin.site._registry)
    assert Official not in registered
    assert {m._meta.label for m in registered} >= {"core.User", "core.ApiToken"}
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
