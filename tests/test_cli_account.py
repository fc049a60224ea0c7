"""``nonprolif account`` and ``createuser --as``: the same rules as the admin and the API."""

import io
import sys

import pytest
from django.core.management import CommandError, call_command

from nonprolif.cli import main
from nonprolif.core.models import AuditEntry, Outcome, RoleGrant, User
from nonprolif.core.roles import Role
from tests.factories import UserFactory


def run(*argv: str) -> int:
    """``nonprolif ARGV`` for a Django command, in the test's transaction (``nonprolif``
    itself runs it with ``execute_from_command_line``, which closes the connections): 0, or
    1 with the error on standard error."""
    try:
        call_command(*argv)
    except CommandError as error:
        sys.stderr.write(f"CommandError: {error}\n")
        return 1
    return 0


@pytest.fixture
def second_administrator(db):
    return UserFactory(username="administrator2", roles=[Role.ADMINISTRATOR])


def groups(user):
    return sorted(User.objects.get(pk=user.pk).groups.values_list("name", flat=True))


def test_administrator_promoting_himself_through_the_cli_is_refused_and_audited(
    administrator, capsys
):
    code = run("account", "grant", "administrator", "coordinator", "--as", "administrator")
    assert code == 1
    assert "CommandError: as:" in capsys.readouterr().err
    assert groups(administrator) == ["administrator"]
    assert not RoleGrant.objects.exists()
    entry = AuditEntry.objects.get(outcome=Outcome.DENIED)
    assert (entry.action, entry.actor) == ("user.update", administrator)


def test_grant_waits_and_a_second_administrator_approves(
    administrator, second_administrator, outsider, capsys
):
    assert run("account", "grant", "outsider", "coordinator", "--as", "administrator") == 0
    grant = RoleGrant.objects.get()
    assert f"grant {grant.pk}: coordinator for outsider awaits" in capsys.readouterr().out
    assert groups(outsider) == []
    assert run("account", "grants", "--as", "administrator2") == 0
    assert f"{grant.pk}\toutsider\tcoordinator\tpending" in capsys.readouterr().out

    assert run("account", "approve", str(grant.pk), "--as", "administrator") == 1
    assert groups(outsider) == []
    assert run("account", "approve", str(grant.pk), "--as", "administrator2") == 0
    assert groups(outsider) == ["coordinator"]
    assert "Approved: outsider is now coordinator." in capsys.readouterr().out


def test_reject_revoke_role_agency_and_activation(administrator, liaison_a, agency_b, capsys):
    assert run("account", "set-agency", "liaison_a", "BBB", "--as", "administrator") == 0
    assert User.objects.get(pk=liaison_a.pk).agency == agency_b
    assert run("account", "deactivate", "liaison_a", "--as", "administrator") == 0
    assert not User.objects.get(pk=liaison_a.pk).is_active
    assert run("account", "activate", "liaison_a", "--as", "administrator") == 0
    assert User.objects.get(pk=liaison_a.pk).is_active
    assert run("account", "revoke-role", "liaison_a", "liaison", "--as", "administrator") == 0
    assert groups(liaison_a) == []
    actions = list(
        AuditEntry.objects.filter(actor=administrator)
        .order_by("pk")
        .values_list("action", flat=True)
    )
    assert actions == ["user.agency", "user.deactivate", "user.activate", "user.roles"]
    assert run("account", "grant", "liaison_a", "auditor", "--as", "administrator") == 0
    grant = RoleGrant.objects.get()
    assert run("account", "reject", str(grant.pk), "--as", "administrator") == 0
    assert RoleGrant.objects.get().state == "rejected"


def test_errors_name_the_field(administrator, liaison_a, capsys):
    assert run("account", "grant", "liaison_a", "king", "--as", "administrator") == 1
    assert "CommandError: role: " in capsys.readouterr().err
    assert run("account", "grant", "nobody", "auditor", "--as", "administrator") == 1
    assert "CommandError: user: " in capsys.readouterr().err
    assert run("account", "approve", "999", "--as", "administrator") == 1
    assert "CommandError: grant: " in capsys.readouterr().err
    assert run("account", "grants", "--as", "ghost") == 1
    assert "CommandError: as: " in capsys.readouterr().err


def test_non_administrators_are_refused(coordinator, liaison_a, capsys):
    assert run("account", "deactivate", "liaison_a", "--as", "coordinator") == 1
    assert User.objects.get(pk=liaison_a.pk).is_active
    assert run("account", "grants", "--as", "coordinator") == 1
    assert AuditEntry.objects.filter(outcome=Outcome.DENIED).count() == 1


def test_set_password_from_stdin(administrator, liaison_a, monkeypatch, capsys):
    monkeypatch.setattr("sys.stdin", io.StringIO("a-long-and-unusual-passphrase-42\n"))
    code = run("account", "set-password", "liaison_a", "--password-stdin", "--as", "administrator")
    assert code == 0
    assert User.objects.get(pk=liaison_a.pk).check_password("a-long-and-unusual-passphrase-42")


def test_createuser_without_as_is_only_for_a_fresh_install(administrator, capsys):
    assert main(["createuser", "bob", "--role", "auditor", "--no-password"]) == 1
    assert "error: as: an administrator exists" in capsys.readouterr().err
    assert not User.objects.filter(username="bob").exists()


def test_createuser_as_an_administrator_requests_the_coordinator_role(administrator, capsys):
    code = main(
        ["createuser", "bob", "--role", "coordinator", "--no-password", "--as", "administrator"]
    )
    assert code == 0
    assert "awaits the approval of another administrator" in capsys.readouterr().out
    bob = User.objects.get(username="bob")
    assert groups(bob) == []
    assert RoleGrant.objects.get(user=bob).requested_by == administrator


def test_createuser_as_a_non_administrator_is_refused(coordinator, capsys):
    code = main(["createuser", "bob", "--role", "auditor", "--no-password", "--as", "coordinator"])
    assert code == 1
    assert not User.objects.filter(username="bob").exists()
    assert AuditEntry.objects.get(outcome=Outcome.DENIED).action == "user.create"


@pytest.mark.django_db
def test_a_fresh_install_gets_its_first_coordinator_and_administrator(capsys):
    assert main(["createuser", "coord", "--role", "coordinator", "--no-password"]) == 0
    assert main(["createuser", "root", "--role", "administrator", "--no-password"]) == 0
    assert groups(User.objects.get(username="coord")) == ["coordinator"]
    assert main(["createuser", "late", "--role", "auditor", "--no-password"]) == 1
