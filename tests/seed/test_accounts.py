"""The accounts service (nonprolif.core.domain.accounts): role groups and new logins."""

import pytest
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError

from nonprolif.core.domain.accounts import create_user
from nonprolif.core.domain.groups import ensure_role_groups
from nonprolif.core.models import AuditEntry, User
from nonprolif.core.roles import Role

STRONG = "a-long-enough-passphrase"


def perms(group: Group) -> set[str]:
    return {
        f"{app}.{codename}"
        for app, codename in group.permissions.values_list("content_type__app_label", "codename")
    }


@pytest.mark.django_db
def test_ensure_role_groups_creates_one_group_per_role():
    ensure_role_groups()
    assert set(Group.objects.values_list("name", flat=True)) == {role.value for role in Role}


@pytest.mark.django_db
def test_only_the_administrator_group_has_model_permissions_and_only_for_accounts():
    groups = ensure_role_groups()
    assert perms(groups["administrator"]) == {
        "core.view_user",
        "core.add_user",
        "core.change_user",
        "core.view_apitoken",
        "core.change_apitoken",
    }
    for role in ("coordinator", "liaison", "partner", "auditor"):
        assert perms(groups[role]) == set()


@pytest.mark.django_db
def test_ensure_role_groups_twice_changes_nothing():
    ensure_role_groups()
    count = AuditEntry.objects.count()
    ensure_role_groups()
    assert AuditEntry.objects.count() == count


@pytest.mark.django_db
def test_ensure_role_groups_removes_extra_administrator_permissions():
    groups = ensure_role_groups()
    from django.contrib.auth.models import Permission

    groups["administrator"].permissions.add(Permission.objects.get(codename="delete_user"))
    ensure_role_groups()
    assert "core.delete_user" not in perms(groups["administrator"])


def test_create_liaison_of_a_national_agency(agency_a, administrator):
    user = create_user(
        username="ana", role="liaison", agency="AAA", password=STRONG, actor=administrator
    )
    user = User.objects.get(pk=user.pk)
    assert user.has_role(Role.LIAISON)
    assert user.agency == agency_a
    assert user.check_password(STRONG)
    assert not user.is_staff
    entry = AuditEntry.objects.get(action="user.create", object_id=str(user.pk))
    assert entry.actor == administrator
    assert entry.changes["role"] == [None, "liaison"]
    assert STRONG not in str(entry.changes)


def test_create_partner_of_a_partner_agency(partner_agency):
    user = create_user(username="pat", role=Role.PARTNER, agency=partner_agency)
    assert user.has_role(Role.PARTNER)
    assert not user.has_usable_password()


@pytest.mark.django_db
def test_administrators_are_staff_and_others_are_not():
    admin = create_user(username="root", role="administrator")
    auditor = create_user(username="aud", role="auditor")
    assert admin.is_staff
    assert not admin.is_superuser
    assert not auditor.is_staff


def _rejects(field: str, **kwargs):
    users, audit = User.objects.count(), AuditEntry.objects.filter(action="user.create").count()
    with pytest.raises(ValidationError) as error:
        create_user(**kwargs)
    assert field in error.value.message_dict, error.value.message_dict
    assert User.objects.count() == users
    assert AuditEntry.objects.filter(action="user.create").count() == audit
    return error.value.message_dict[field]


@pytest.mark.django_db
def test_unknown_role_is_rejected_naming_role():
    (message,) = _rejects("role", username="x", role="wizard")
    assert "wizard" in message


@pytest.mark.django_db
def test_liaison_without_agency_is_rejected_naming_agency():
    _rejects("agency", username="x", role="liaison")


@pytest.mark.django_db
def test_partner_without_agency_is_rejected_naming_agency():
    _rejects("agency", username="x", role="partner")


@pytest.mark.django_db
def test_unknown_agency_is_rejected_naming_agency():
    (message,) = _rejects("agency", username="x", role="liaison", agency="NOPE")
    assert "NOPE" in message


def test_liaison_of_a_partner_agency_is_rejected(partner_agency):
    _rejects("agency", username="x", role="liaison", agency="PTR")


def test_partner_of_a_national_agency_is_rejected(agency_a):
    _rejects("agency", username="x", role="partner", agency="AAA")


@pytest.mark.django_db
def test_weak_password_is_rejected_naming_password():
    _rejects("password", username="x", role="auditor", password="12345")


def test_taken_username_is_rejected_naming_username(liaison_a):
    _rejects("username", username="liaison_a", role="auditor")
