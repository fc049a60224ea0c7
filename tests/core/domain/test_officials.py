import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from nonprolif.core.domain.officials import create_official, update_official
from nonprolif.core.models import AuditEntry, Official, Seniority


def new_official(**overrides):
    values = {"given_names": "Carla", "family_names": "Cruz", "position": "Director"}
    return values | overrides


def test_coordinator_creates_official_in_any_agency_with_an_audit_entry(coordinator, agency_b):
    official = create_official(actor=coordinator, **new_official(agency=agency_b))
    assert Official.objects.get(pk=official.pk).agency == agency_b
    entry = AuditEntry.objects.get(object_type="core.official", object_id=str(official.pk))
    assert entry.action == "official.create"
    assert entry.actor == coordinator
    assert entry.changes["family_names"] == [None, "Cruz"]


def test_liaison_creates_official_in_own_agency(liaison_a, agency_a):
    official = create_official(actor=liaison_a, **new_official(agency=agency_a))
    assert official.agency == agency_a


def test_liaison_creating_in_another_agency_gets_an_agency_error_and_nothing_is_written(
    liaison_a, agency_b
):
    with pytest.raises(ValidationError) as error:
        create_official(actor=liaison_a, **new_official(agency=agency_b))
    assert list(error.value.message_dict) == ["agency"]
    assert not Official.objects.exists()
    assert not AuditEntry.objects.exists()


def test_official_without_agency_is_an_agency_error_and_nothing_is_written(coordinator):
    with pytest.raises(ValidationError) as error:
        create_official(actor=coordinator, **new_official(agency=None))
    assert "agency" in error.value.message_dict
    assert not Official.objects.exists()
    assert not AuditEntry.objects.exists()


def test_every_bad_field_is_named_at_once(coordinator, agency_a):
    with pytest.raises(ValidationError) as error:
        create_official(
            actor=coordinator,
            agency=agency_a,
            given_names="",
            family_names="Cruz",
            email="not-an-email",
            seniority="boss",
        )
    assert set(error.value.message_dict) == {"given_names", "email", "seniority"}
    assert not Official.objects.exists()


@pytest.mark.parametrize("who", ["auditor", "partner", "administrator", "outsider"])
def test_roles_without_add_permission_cannot_create(request, who, agency_a):
    actor = request.getfixturevalue(who)
    with pytest.raises(PermissionDenied):
        create_official(actor=actor, **new_official(agency=agency_a))
    assert not Official.objects.exists()


def test_superuser_flag_alone_grants_no_write(agency_a):
    from tests.factories import UserFactory

    root = UserFactory(username="root", is_superuser=True, is_staff=True)
    with pytest.raises(PermissionDenied):
        create_official(actor=root, **new_official(agency=agency_a))
    assert not Official.objects.exists()


def test_update_changes_fields_and_records_the_difference(liaison_a, official_a):
    updated = update_official(
        actor=liaison_a, official=official_a, position="Director", seniority=Seniority.SENIOR
    )
    official_a.refresh_from_db()
    assert official_a.position == "Director"
    assert updated.is_senior
    entry = AuditEntry.objects.get(action="official.update")
    assert entry.changes == {
        "position": ["Analyst", "Director"],
        "seniority": ["working", "senior"],
    }


def test_update_without_change_writes_no_audit_entry(coordinator, official_a):
    update_official(actor=coordinator, official=official_a, position=official_a.position)
    assert not AuditEntry.objects.exists()


def test_liaison_cannot_update_another_agencys_official(liaison_b, official_a):
    with pytest.raises(PermissionDenied):
        update_official(actor=liaison_b, official=official_a, position="Hacked")
    official_a.refresh_from_db()
    assert official_a.position == "Analyst"


def test_liaison_cannot_move_own_official_to_another_agency(liaison_a, official_a, agency_b):
    with pytest.raises(ValidationError) as error:
        update_official(actor=liaison_a, official=official_a, agency=agency_b)
    assert list(error.value.message_dict) == ["agency"]
    official_a.refresh_from_db()
    assert official_a.agency_id == liaison_a.agency_id


def test_auditor_cannot_update(auditor, official_a):
    with pytest.raises(PermissionDenied):
        update_official(actor=auditor, official=official_a, position="Changed")
    official_a.refresh_from_db()
    assert official_a.position == "Analyst"


def test_invalid_update_writes_nothing(coordinator, official_a):
    with pytest.raises(ValidationError) as error:
        update_official(actor=coordinator, official=official_a, family_names="", email="x")
    assert set(error.value.message_dict) == {"family_names", "email"}
    official_a.refresh_from_db()
    assert official_a.family_names == "Alvarez"
    assert not AuditEntry.objects.exists()


def test_update_rejects_fields_it_does_not_manage(coordinator, official_a):
    with pytest.raises(TypeError):
        update_official(actor=coordinator, official=official_a, user=coordinator)
