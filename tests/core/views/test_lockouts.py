"""Lockout after AXES_FAILURE_LIMIT failed sign-ins per username and, separately, per client
address; the same words whether or not the username exists; administrators lift lockouts
(page and CLI) and that is audited; nobody else can."""

import re

import pytest
from axes.models import AccessAttempt
from django.conf import settings
from django.core.management import CommandError, call_command
from django.test import Client
from django.urls import reverse

from nonprolif.cli import main
from nonprolif.core.models import AuditEntry, Outcome
from tests.factories import PASSWORD

LIMIT = settings.AXES_FAILURE_LIMIT


def sign_in(client: Client, username: str, password: str, address="10.0.0.1", url="/login/"):
    return client.post(url, {"username": username, "password": password}, REMOTE_ADDR=address)


def signed_in(client: Client) -> bool:
    return "_auth_user_id" in client.session


def error_text(response) -> str:
    """The page's error words, without the username echoed back in the form."""
    found = re.search(
        r'<div class="errors" role="alert">(.*?)</div>', response.content.decode(), re.S
    )
    assert found, response.content.decode()[:500]
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", found.group(1))).strip()


def fail_times(n, username, address="10.0.0.1", url="/login/"):
    responses = [sign_in(Client(), username, "wrong password", address, url) for _ in range(n)]
    return responses


def test_the_limit_and_cool_off_come_from_settings():
    assert settings.AXES_FAILURE_LIMIT == 5
    assert settings.AXES_COOLOFF_TIME.total_seconds() == 15 * 60
    assert settings.AXES_LOCKOUT_PARAMETERS == ["username", "ip_address"]
    assert settings.AXES_HANDLER == "axes.handlers.database.AxesDatabaseHandler"


def test_one_failure_fewer_than_the_limit_still_lets_the_right_password_in(liaison_a):
    fail_times(LIMIT - 1, "liaison_a", address="10.0.0.1")
    client = Client()
    response = sign_in(client, "liaison_a", PASSWORD, address="10.0.0.9")
    assert response.status_code == 302
    assert signed_in(client)


def test_after_n_failures_of_a_username_the_next_attempt_is_locked_even_with_the_right_password(
    liaison_a,
):
    # each failure from another address: only the username's count reaches the limit
    for n in range(LIMIT):
        sign_in(Client(), "liaison_a", "wrong password", address=f"10.0.1.{n}")
    client = Client()
    response = sign_in(client, "liaison_a", PASSWORD, address="10.0.2.1")
    assert response.status_code == 429
    assert not signed_in(client)
    assert "Too many failed sign-in attempts" in error_text(response) or "Demasiados" in error_text(
        response
    )
    # another username from that address is not locked
    other = Client()
    assert sign_in(other, "liaison_b", "x", address="10.0.2.1").status_code == 200


def test_after_n_failures_from_an_address_every_username_from_it_is_locked(liaison_a, liaison_b):
    for n in range(LIMIT):
        sign_in(Client(), f"guess{n}", "wrong password", address="10.0.3.3")
    client = Client()
    response = sign_in(client, "liaison_a", PASSWORD, address="10.0.3.3")
    assert response.status_code == 429
    assert not signed_in(client)
    elsewhere = Client()
    assert sign_in(elsewhere, "liaison_a", PASSWORD, address="10.0.3.4").status_code == 302
    assert signed_in(elsewhere)


def test_signing_in_to_another_account_does_not_reset_a_victims_count(liaison_a, liaison_b):
    for _n in range(LIMIT - 1):
        sign_in(Client(), "liaison_a", "bad", address="10.0.4.4")
    # the attacker's own account, from the same address
    assert sign_in(Client(), "liaison_b", PASSWORD, address="10.0.4.4").status_code == 302
    sign_in(Client(), "liaison_a", "bad", address="10.0.4.5")
    client = Client()
    assert sign_in(client, "liaison_a", PASSWORD, address="10.0.4.6").status_code == 429


def test_the_messages_do_not_tell_whether_the_username_exists(liaison_a, english):
    known = Client(HTTP_ACCEPT_LANGUAGE="en")
    unknown = Client(HTTP_ACCEPT_LANGUAGE="en")
    first_known = known.post(
        "/login/", {"username": "liaison_a", "password": "bad"}, REMOTE_ADDR="10.1.0.1"
    )
    first_unknown = unknown.post(
        "/login/", {"username": "nobody-here", "password": "bad"}, REMOTE_ADDR="10.1.0.2"
    )
    assert first_known.status_code == first_unknown.status_code == 200
    assert error_text(first_known) == error_text(first_unknown)

    for n in range(LIMIT):
        for username in ("liaison_a", "nobody-here"):
            Client().post(
                "/login/", {"username": username, "password": "bad"}, REMOTE_ADDR=f"10.1.1.{n}"
            )
    locked_known = known.post(
        "/login/", {"username": "liaison_a", "password": PASSWORD}, REMOTE_ADDR="10.1.2.1"
    )
    locked_unknown = unknown.post(
        "/login/", {"username": "nobody-here", "password": PASSWORD}, REMOTE_ADDR="10.1.2.2"
    )
    assert locked_known.status_code == locked_unknown.status_code == 429
    assert error_text(locked_known) == error_text(locked_unknown)
    assert "Too many failed sign-in attempts" in error_text(locked_known)


def test_the_admin_login_page_locks_too(administrator):
    for n in range(LIMIT):
        sign_in(Client(), "administrator", "bad", address=f"10.2.0.{n}", url="/admin/login/")
    client = Client()
    response = sign_in(client, "administrator", PASSWORD, address="10.2.1.1", url="/admin/login/")
    assert response.status_code == 429
    assert not signed_in(client)


def test_the_lockout_is_audited_once_and_names_username_and_address(liaison_a):
    for n in range(LIMIT):
        sign_in(Client(), "liaison_a", "bad", address=f"10.3.0.{n}")
    sign_in(Client(), "liaison_a", PASSWORD, address="10.3.1.1")  # refused: not a new lockout
    entries = AuditEntry.objects.filter(action="login.lockout")
    assert entries.count() == 1
    entry = entries.get()
    assert entry.outcome == Outcome.DENIED
    assert entry.changes["username"] == "liaison_a"
    assert entry.changes["address"] == f"10.3.0.{LIMIT - 1}"
    assert entry.changes["failures"] == LIMIT


def lock(username="liaison_a"):
    for n in range(LIMIT):
        sign_in(Client(), username, "bad", address=f"10.4.0.{n}")


def test_an_administrator_lists_lockouts_and_unlocks_and_it_is_audited(
    as_user, administrator, liaison_a
):
    lock()
    admin = as_user(administrator)
    page = admin.get(reverse("lockout_list"))
    assert page.status_code == 200
    content = page.content.decode()
    assert "<code>liaison_a</code>" in content
    assert 'name="value" value="liaison_a"' in content

    response = admin.post(reverse("lockout_unlock"), {"kind": "username", "value": "liaison_a"})
    assert response.status_code == 302
    assert not AccessAttempt.objects.filter(username="liaison_a").exists()
    client = Client()
    assert sign_in(client, "liaison_a", PASSWORD, address="10.4.9.9").status_code == 302
    assert signed_in(client)
    entry = AuditEntry.objects.get(action="login.unlock")
    assert entry.actor == administrator
    assert entry.outcome == Outcome.ALLOWED
    assert entry.changes == {"username": "liaison_a", "address": "", "attempts": LIMIT}
    assert "<code>liaison_a</code>" not in admin.get(reverse("lockout_list")).content.decode()


def test_an_administrator_unlocks_an_address(as_user, administrator, liaison_a):
    for n in range(LIMIT):
        sign_in(Client(), f"guess{n}", "bad", address="10.5.5.5")
    admin = as_user(administrator)
    assert "<code>10.5.5.5</code>" in admin.get(reverse("lockout_list")).content.decode()
    admin.post(reverse("lockout_unlock"), {"kind": "address", "value": "10.5.5.5"})
    client = Client()
    assert sign_in(client, "liaison_a", PASSWORD, address="10.5.5.5").status_code == 302


@pytest.mark.parametrize("role", ["coordinator", "liaison_a", "auditor", "outsider"])
def test_nobody_else_sees_or_lifts_lockouts(request, as_user, role, liaison_b):
    lock("liaison_b")
    user = request.getfixturevalue(role)
    client = as_user(user)
    assert client.get(reverse("lockout_list")).status_code == 403
    response = client.post(reverse("lockout_unlock"), {"kind": "username", "value": "liaison_b"})
    assert response.status_code == 403
    assert AccessAttempt.objects.filter(username="liaison_b").count() == LIMIT
    denied = AuditEntry.objects.get(action="login.unlock")
    assert denied.outcome == Outcome.DENIED
    assert denied.actor == user


def test_the_lockouts_page_is_in_the_administrators_navigation_only(
    as_user, administrator, coordinator
):
    url = reverse("lockout_list")
    assert f'href="{url}"' in as_user(administrator).get(reverse("otp_setup")).content.decode()
    assert f'href="{url}"' not in as_user(coordinator).get(reverse("otp_setup")).content.decode()


def test_the_unlock_command_lifts_a_lockout_as_an_administrator(administrator, liaison_a):
    lock()
    call_command("unlock", "liaison_a", actor="administrator")
    assert not AccessAttempt.objects.filter(username="liaison_a").exists()
    assert AuditEntry.objects.get(action="login.unlock").actor == administrator


def test_the_unlock_command_lifts_an_address(administrator):
    for n in range(LIMIT):
        sign_in(Client(), f"guess{n}", "bad", address="10.6.6.6")
    call_command("unlock", address="10.6.6.6", actor="administrator")
    assert not AccessAttempt.objects.filter(ip_address="10.6.6.6").exists()


def test_nonprolif_unlock_is_a_subcommand(capsys):
    with pytest.raises(SystemExit) as exit_:
        main(["unlock", "--help"])
    assert exit_.value.code == 0
    out = capsys.readouterr().out
    assert "--address IP" in out
    assert "--as ADMIN" in out


def test_the_unlock_command_refuses_a_non_administrator(coordinator, liaison_a):
    lock()
    with pytest.raises(CommandError, match=r"not allowed|no puede"):
        call_command("unlock", "liaison_a", actor="coordinator")
    assert AccessAttempt.objects.filter(username="liaison_a").count() == LIMIT
    assert AuditEntry.objects.get(action="login.unlock").outcome == Outcome.DENIED


def test_the_unlock_command_wants_a_username_or_an_address(administrator):
    with pytest.raises(CommandError, match="username"):
        call_command("unlock", actor="administrator")
    with pytest.raises(CommandError, match="username"):
        call_command("unlock", "x", address="10.0.0.1", actor="administrator")
