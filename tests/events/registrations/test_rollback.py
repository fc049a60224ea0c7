"""A registration is written whole or not at all: the service fails after its first write
and nothing stays (rows and values as before). Transactional tests, so that only the
service's own transaction can undo the write."""

import pytest

from nonprolif.core.models import AuditEntry
from nonprolif.events.models import Registration, RegistrationStatus
from nonprolif.events.registrations.domain import cancel_registration, register_official
from tests.faults import InjectedError, audited, fail_save, table_rows

pytestmark = pytest.mark.django_db(transaction=True)

TABLES = (Registration, AuditEntry)


def test_a_registration_that_fails_midway_writes_nothing(liaison_a, quotas, officials_a):
    before = table_rows(*TABLES)
    with (
        fail_save(
            AuditEntry, when=audited("registration.create"), look=Registration.objects.count
        ) as fault,
        pytest.raises(InjectedError),
    ):
        register_official(actor=liaison_a, conference=quotas, official=officials_a[0])
    assert fault.seen == 1  # the registration was written before the audit entry failed
    assert table_rows(*TABLES) == before
    assert not Registration.objects.exists()


def test_a_reopened_registration_that_fails_midway_stays_cancelled(
    liaison_a, quotas, registration_a
):
    cancel_registration(actor=liaison_a, registration=registration_a, reason="Sick")
    before = table_rows(*TABLES)
    with (
        fail_save(
            AuditEntry,
            when=audited("registration.create"),
            look=lambda: Registration.objects.get(pk=registration_a.pk).status,
        ) as fault,
        pytest.raises(InjectedError),
    ):
        register_official(actor=liaison_a, conference=quotas, official=registration_a.official)
    assert fault.seen == RegistrationStatus.SUBMITTED  # reopened, then the audit failed
    assert table_rows(*TABLES) == before
    kept = Registration.objects.get(pk=registration_a.pk)
    assert (kept.status, kept.reason) == (RegistrationStatus.CANCELLED, "Sick")


def test_a_batch_decision_that_fails_midway_writes_nothing(
    coordinator, quotas, registration_a, registration_b
):
    """Both statuses are updated, then the batch's audit entry fails: nothing stays."""
    from nonprolif.events.registrations.bulk import decide_registrations

    before = table_rows(*TABLES)
    with (
        fail_save(
            AuditEntry,
            when=audited("registration.decide"),
            look=lambda: sorted(Registration.objects.values_list("status", flat=True)),
        ) as fault,
        pytest.raises(InjectedError),
    ):
        decide_registrations(
            actor=coordinator,
            conference=quotas,
            ids=[registration_a.pk, registration_b.pk],
            decision=RegistrationStatus.APPROVED,
        )
    assert fault.seen == ["approved", "approved"]
    assert table_rows(*TABLES) == before
