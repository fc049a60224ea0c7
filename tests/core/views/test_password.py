"""The self-service password change page."""

from django.test import Client
from django.urls import reverse

from nonprolif.core.domain.tokens import issue_token
from nonprolif.core.models import ApiToken, AuditEntry, User
from tests.factories import PASSWORD

STRONG = "a-long-and-unusual-passphrase-42"


def change(client, old=PASSWORD, new=STRONG, again=None):
    return client.post(
        reverse("password_change"),
        {"old_password": old, "new_password1": new, "new_password2": again or new},
    )


def test_the_page_is_linked_from_the_header(as_user, liaison_a):
    body = as_user(liaison_a).get(reverse("official_list")).content.decode()
    assert reverse("password_change") in body


def test_password_change_keeps_this_session_ends_the_others_and_revokes_tokens(as_user, liaison_a):
    this, other = as_user(liaison_a), as_user(liaison_a)
    _token, raw = issue_token(user=liaison_a, name="script")
    api = Client(headers={"Authorization": f"Bearer {raw}"})
    assert api.get("/api/v1/me").status_code == 200

    response = change(this)
    assert response.status_code == 302
    assert User.objects.get(pk=liaison_a.pk).check_password(STRONG)
    assert this.get(reverse("official_list")).status_code == 200
    assert other.get(reverse("official_list")).status_code == 302
    assert api.get("/api/v1/me").status_code == 401
    assert ApiToken.objects.get().revoked_at is not None
    entry = AuditEntry.objects.get(action="password.change")
    assert entry.actor == liaison_a
    assert STRONG not in str(entry.changes)


def test_wrong_old_password_changes_nothing(as_user, liaison_a):
    response = change(as_user(liaison_a), old="wrong")
    assert "old_password" in response.context["form"].errors
    assert User.objects.get(pk=liaison_a.pk).check_password(PASSWORD)
    assert not AuditEntry.objects.filter(action="password.change").exists()


def test_the_validators_apply_and_both_new_passwords_must_match(as_user, liaison_a):
    client = as_user(liaison_a)
    assert "new_password2" in change(client, new="12345678").context["form"].errors
    assert "new_password2" in change(client, again=STRONG + "x").context["form"].errors
    assert User.objects.get(pk=liaison_a.pk).check_password(PASSWORD)
