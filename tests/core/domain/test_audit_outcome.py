import pytest

from nonprolif.core.domain.audit import record
from nonprolif.core.models import AuditEntry, Outcome
from tests.factories import AgencyFactory


@pytest.mark.django_db
def test_an_entry_is_allowed_unless_recorded_as_denied():
    agency = AgencyFactory()
    allowed = record(actor=None, action="agency.update", obj=agency)
    denied = record(actor=None, action="agency.update", obj=agency, outcome=Outcome.DENIED)
    assert AuditEntry.objects.get(pk=allowed.pk).outcome == "allowed"
    assert AuditEntry.objects.get(pk=denied.pk).outcome == "denied"
