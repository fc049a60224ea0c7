import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from nonprolif.core.domain.agencies import update_agency
from nonprolif.core.models import AuditEntry


def test_coordinator_updates_agency_with_an_audit_entry(coordinator, agency_b):
    update_agency(actor=coordinator, agency=agency_b, acronym="BB", country="mx")
    agency_b.refresh_from_db()
    assert agency_b.acronym == "BB"
    assert agency_b.country == "MX"
    assert AuditEntry.objects.get(action="agency.update").changes == {"acronym": ["", "BB"]}


@pytest.mark.parametrize("who", ["liaison_a", "partner", "auditor", "administrator", "outsider"])
def test_only_coordinators_update_agencies(request, who, agency_a):
    with pytest.raises(PermissionDenied):
        update_agency(actor=request.getfixturevalue(who), agency=agency_a, acronym="X")
    agency_a.refresh_from_db()
    assert agency_a.acronym == ""


def test_agency_cannot_sit_under_itself(coordinator, agency_a, agency_b):
    update_agency(actor=coordinator, agency=agency_b, parent=agency_a)
    with pytest.raises(ValidationError) as error:
        update_agency(actor=coordinator, agency=agency_a, parent=agency_b)
    assert "parent" in error.value.message_dict
    agency_a.refresh_from_db()
    assert agency_a.parent is None


def test_empty_name_is_a_name_error(coordinator, agency_a):
    with pytest.raises(ValidationError) as error:
        update_agency(actor=coordinator, agency=agency_a, name_es="")
    assert list(error.value.message_dict) == ["name_es"]
    agency_a.refresh_from_db()
    assert agency_a.name_es == "Agencia A"
