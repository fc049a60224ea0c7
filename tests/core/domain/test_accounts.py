"""The account service: nobody changes his own roles, agency or active flag; only
administrators change accounts; every change is one audit entry with before and after."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from nonprolif.core.domain.accounts import (
    create_user,
    grant_role,
    revoke_role,
    set_password,
    update_account,
)
from nonprolif.core.domain.grants import approve_grant
from nonprolif.core.domain.tokens import issue_token
from nonprolif.core.models import ApiToken, AuditEntry, GrantState, Outcome, RoleGrant, User
from nonprolif.core.roles import Role
from tests.factories import UserFactory
from tests.faults import InjectedError, audited, fail_save, table_rows

STRONG = "a-long-and-unusual-passphrase-42"


def account_row(user):
    row = User.objects.filter(pk=user.pk).values().get()
    return row, sorted(User.objects.get(pk=user.pk).groups.values_list("name", flat=True))


@pytest.mark.parametrize(
    "change",
    [
        {"roles": [Role.ADMINISTRATOR, Role.COORDINATOR]},
        {"agency": "AAA"},
        {"is_active": False},
    ],
)
def test_administrator_cannot_change_his_own_roles_agency_or_active_flag(
    administrator, agency_a, change
):
    before = account_row(administrator)
    with pytest.raises(PermissionDenied):
        update_account(actor=administrator, user=administrator, **change)
    assert account_row(administrator) == before
    assert not RoleGrant.objects.exists()
    entry = AuditEntry.objects.get(outcome=Outcome.DENIED)
    assert entry.actor == administrator
    assert entry.object_id == str(administrator.pk)
    assert entry.action == "user.update"
    assert set(entry.changes) == set(change)


def test_grant_role_to_himself_is_refused_and_audited(administrator):
    with pytest.raises(PermissionDenied):
        grant_role(actor=administrator, user=administrator, role="coordinator")
    assert not administrator.__class__.objects.get(pk=administrator.pk).has_role("coordinator")
    assert AuditEntry.objects.filter(outcome=Outcome.DENIED, action="user.update").count() == 1


def test_non_administrators_cannot_change_accounts(coordinator, liaison_a):
    for actor in (coordinator, liaison_a):
        before = account_row(liaison_a)
        with pytest.raises(PermissionDenied):
            update_account(actor=actor, user=liaison_a, is_active=False)
        assert account_row(liaison_a) == before
    assert AuditEntry.objects.filter(outcome=Outcome.DENIED).count() == 2


def test_non_administrator_cannot_create_logins(coordinator):
    with pytest.raises(PermissionDenied):
        create_user(actor=coordinator, username="sock", role="liaison", agency="AAA")
    assert not User.objects.filter(username="sock").exists()
    entry = AuditEntry.objects.get(outcome=Outcome.DENIED)
    assert (entry.action, entry.actor) == ("user.create", coordinator)


def test_roles_change_is_one_audit_entry_with_before_and_after(administrator, outsider, agency_a):
    result = update_account(actor=administrator, user=outsider, roles=["liaison"], agency="AAA")
    assert result.actions == ["user.roles", "user.agency"]
    assert User.objects.get(pk=outsider.pk).has_role(Role.LIAISON)
    entry = AuditEntry.objects.get(action="user.roles")
    assert entry.changes == {"roles": [[], ["liaison"]]}
    assert (entry.actor, entry.object_id) == (administrator, str(outsider.pk))


def test_liaison_and_partner_together_is_refused_naming_roles(administrator, liaison_a):
    before = account_row(liaison_a)
    with pytest.raises(ValidationError) as error:
        update_account(actor=administrator, user=liaison_a, roles=["liaison", "partner"])
    assert "roles" in error.value.message_dict
    assert account_row(liaison_a) == before


def test_each_change_writes_one_entry_with_before_and_after(administrator, liaison_a, agency_b):
    result = update_account(
        actor=administrator, user=liaison_a, roles=["liaison"], agency="BBB", is_active=False
    )
    assert result.actions == ["user.agency", "user.deactivate"]
    user = User.objects.get(pk=liaison_a.pk)
    assert (user.agency, user.is_active) == (agency_b, False)
    agency = AuditEntry.objects.get(action="user.agency")
    assert agency.changes == {"agency": ["AAA", "BBB"]}
    assert AuditEntry.objects.get(action="user.deactivate").changes == {"is_active": [True, False]}
    assert AuditEntry.objects.filter(outcome=Outcome.DENIED).count() == 0


def test_a_role_that_needs_no_approval_is_given_at_once(administrator, liaison_a):
    revoke_role(actor=administrator, user=liaison_a, role="liaison")
    result = grant_role(actor=administrator, user=liaison_a, role="liaison")
    assert result.grants == []
    assert User.objects.get(pk=liaison_a.pk).has_role(Role.LIAISON)
    entry = AuditEntry.objects.filter(action="user.roles").latest("pk")
    assert entry.changes["roles"] == [[], ["liaison"]]
    assert entry.actor == administrator


def test_giving_the_administrator_role_waits_for_a_second_administrator_then_makes_staff(
    administrator, outsider
):
    (grant,) = grant_role(actor=administrator, user=outsider, role="administrator").grants
    assert not User.objects.get(pk=outsider.pk).is_staff  # one administrator cannot make another
    second = UserFactory(username="administrator2", roles=[Role.ADMINISTRATOR])
    approve_grant(actor=second, grant=grant)
    assert User.objects.get(pk=outsider.pk).is_staff
    revoke_role(actor=administrator, user=outsider, role="administrator")
    assert not User.objects.get(pk=outsider.pk).is_staff


def test_no_change_writes_nothing(administrator, liaison_a):
    result = update_account(actor=administrator, user=liaison_a, roles=["liaison"], agency="AAA")
    assert result.actions == []
    assert not AuditEntry.objects.exists()


def test_unknown_role_and_agency_are_field_errors(administrator, liaison_a):
    with pytest.raises(ValidationError) as error:
        update_account(actor=administrator, user=liaison_a, roles=["king"])
    assert "roles" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        update_account(actor=administrator, user=liaison_a, agency="NOPE")
    assert "agency" in error.value.message_dict
    assert not AuditEntry.objects.exists()


def test_deactivation_revokes_the_users_tokens(administrator, liaison_a):
    token, _raw = issue_token(user=liaison_a, name="script")
    update_account(actor=administrator, user=liaison_a, is_active=False)
    token.refresh_from_db()
    assert token.revoked_at is not None
    assert AuditEntry.objects.filter(action="token.revoke", object_id=str(token.pk)).exists()


def test_password_change_revokes_tokens_and_is_audited_without_the_password(liaison_a):
    token, _raw = issue_token(user=liaison_a, name="script")
    stamp = liaison_a.session_stamp
    set_password(actor=liaison_a, user=liaison_a, password=STRONG)
    user = User.objects.get(pk=liaison_a.pk)
    assert user.check_password(STRONG)
    assert user.session_stamp == stamp + 1
    assert ApiToken.objects.get(pk=token.pk).revoked_at is not None
    entry = AuditEntry.objects.get(action="password.change")
    assert entry.changes["by"] == "self"
    assert entry.changes["tokens_revoked"] == 1
    assert STRONG not in str(entry.changes)
    assert user.password not in str(entry.changes)


def test_nobody_but_himself_or_an_administrator_sets_a_password(liaison_a, liaison_b):
    before = User.objects.get(pk=liaison_b.pk).password
    with pytest.raises(PermissionDenied):
        set_password(actor=liaison_a, user=liaison_b, password=STRONG)
    assert User.objects.get(pk=liaison_b.pk).password == before
    assert AuditEntry.objects.get(outcome=Outcome.DENIED).action == "password.change"


def test_weak_password_is_a_password_error(administrator, liaison_a):
    with pytest.raises(ValidationError) as error:
        set_password(actor=administrator, user=liaison_a, password="123")
    assert "password" in error.value.message_dict
    assert not AuditEntry.objects.exists()


def test_administrator_creating_a_coordinator_requests_a_grant(administrator):
    user = create_user(actor=administrator, username="newco", role="coordinator")
    assert not User.objects.get(pk=user.pk).has_role(Role.COORDINATOR)
    grant = RoleGrant.objects.get(user=user)
    assert (grant.role, grant.state, grant.requested_by) == (
        "coordinator",
        GrantState.PENDING,
        administrator,
    )
    assert AuditEntry.objects.get(action="user.create").changes["pending_approval"] is True


def test_the_system_creates_a_coordinator_at_once(db):
    user = create_user(username="first", role="coordinator")
    assert user.has_role(Role.COORDINATOR)
    assert not RoleGrant.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_a_failed_deactivation_writes_nothing():
    admin = UserFactory(username="admin", roles=[Role.ADMINISTRATOR])
    user = UserFactory(username="ana", roles=[Role.AUDITOR])
    issue_token(user=user, name="script")
    before = table_rows(User, User.groups.through, ApiToken, AuditEntry)
    with fail_save(AuditEntry, when=audited("token.revoke")) as fault, pytest.raises(InjectedError):
        update_account(actor=admin, user=user, roles=[], is_active=False)
    assert fault.hit
    assert table_rows(User, User.groups.through, ApiToken, AuditEntry) == before


@pytest.mark.django_db(transaction=True)
def test_a_failed_password_change_writes_nothing():
    user = UserFactory(username="ana", roles=[Role.AUDITOR])
    issue_token(user=user, name="script")
    before = table_rows(User, ApiToken, AuditEntry)
    with (
        fail_save(AuditEntry, when=audited("password.change")) as fault,
        pytest.raises(InjectedError),
    ):
        set_password(actor=user, user=user, password=STRONG)
    assert fault.hit
    assert table_rows(User, ApiToken, AuditEntry) == before
