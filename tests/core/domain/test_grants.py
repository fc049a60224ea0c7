"""A role that reads the whole office waits for a second administrator."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from nonprolif.core.domain.accounts import grant_role
from nonprolif.core.domain.grants import approve_grant, reject_grant
from nonprolif.core.models import AuditEntry, GrantState, Official, Outcome, RoleGrant, User
from nonprolif.core.roles import Role
from tests.factories import OfficialFactory, UserFactory
from tests.faults import InjectedError, audited, fail_save, table_rows


@pytest.fixture
def second_administrator(db):
    return UserFactory(username="administrator2", roles=[Role.ADMINISTRATOR])


def fresh(user):
    return User.objects.get(pk=user.pk)


def test_coordinator_grant_waits_for_a_second_administrator(
    administrator, second_administrator, outsider, agency_a, agency_b
):
    OfficialFactory(agency=agency_a)
    OfficialFactory(agency=agency_b)
    result = grant_role(actor=administrator, user=outsider, role="coordinator")
    (grant,) = result.grants
    assert grant.state == GrantState.PENDING
    # pending: no access
    assert not fresh(outsider).has_role(Role.COORDINATOR)
    assert Official.objects.visible_to(fresh(outsider)).count() == 0

    # approved by the same administrator: refused, audited, nothing changes
    with pytest.raises(PermissionDenied):
        approve_grant(actor=administrator, grant=grant)
    assert RoleGrant.objects.get(pk=grant.pk).state == GrantState.PENDING
    assert not fresh(outsider).has_role(Role.COORDINATOR)
    denied = AuditEntry.objects.get(outcome=Outcome.DENIED)
    assert (denied.action, denied.actor) == ("grant.approve", administrator)

    # approved by another: access
    approve_grant(actor=second_administrator, grant=grant)
    grant.refresh_from_db()
    assert (grant.state, grant.decided_by) == (GrantState.APPROVED, second_administrator)
    assert grant.decided_at is not None
    assert fresh(outsider).has_role(Role.COORDINATOR)
    assert Official.objects.visible_to(fresh(outsider)).count() == 2
    assert AuditEntry.objects.filter(action="grant.approve", outcome=Outcome.ALLOWED).count() == 1
    roles = AuditEntry.objects.get(action="user.roles")
    assert roles.changes["roles"] == [[], ["coordinator"]]


def test_the_grantee_cannot_approve_his_own_grant(administrator, second_administrator):
    (grant,) = grant_role(actor=administrator, user=second_administrator, role="auditor").grants
    with pytest.raises(PermissionDenied):
        approve_grant(actor=second_administrator, grant=grant)
    assert not fresh(second_administrator).has_role(Role.AUDITOR)


def test_non_administrators_cannot_decide(administrator, coordinator, outsider):
    (grant,) = grant_role(actor=administrator, user=outsider, role="auditor").grants
    for decide in (approve_grant, reject_grant):
        with pytest.raises(PermissionDenied):
            decide(actor=coordinator, grant=grant)
    assert RoleGrant.objects.get(pk=grant.pk).state == GrantState.PENDING


def test_a_rejected_grant_gives_nothing_and_cannot_be_approved(
    administrator, second_administrator, outsider
):
    (grant,) = grant_role(actor=administrator, user=outsider, role="coordinator").grants
    reject_grant(actor=administrator, grant=grant)  # the requester may withdraw it
    grant.refresh_from_db()
    assert grant.state == GrantState.REJECTED
    with pytest.raises(ValidationError) as error:
        approve_grant(actor=second_administrator, grant=grant)
    assert "state" in error.value.message_dict
    assert not fresh(outsider).has_role(Role.COORDINATOR)


def test_asking_twice_keeps_one_pending_grant(administrator, outsider):
    first = grant_role(actor=administrator, user=outsider, role="coordinator").grants
    second = grant_role(actor=administrator, user=outsider, role="coordinator").grants
    assert first == second
    assert RoleGrant.objects.count() == 1


@pytest.mark.django_db(transaction=True)
def test_a_failed_approval_writes_nothing():
    admin = UserFactory(username="admin", roles=[Role.ADMINISTRATOR])
    other = UserFactory(username="admin2", roles=[Role.ADMINISTRATOR])
    user = UserFactory(username="ana")
    (grant,) = grant_role(actor=admin, user=user, role="coordinator").grants
    before = table_rows(User, User.groups.through, RoleGrant, AuditEntry)
    with fail_save(AuditEntry, when=audited("user.roles")) as fault, pytest.raises(InjectedError):
        approve_grant(actor=other, grant=grant)
    assert fault.hit
    assert table_rows(User, User.groups.through, RoleGrant, AuditEntry) == before
