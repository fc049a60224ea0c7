"""Seats and nomination uploads are written whole or not at all: each service fails after
its first write and nothing stays (rows and values as before). Transactional tests, so that
only the service's own transaction can undo the writes."""

import pytest
from django.utils import timezone

from nonprolif.core.models import AuditEntry
from nonprolif.training.models.nomination import (
    AgencySeats,
    ItemSettings,
    Nomination,
    SeatRule,
)
from nonprolif.training.nominations.domain.seats import apply_seat_rule, set_agency_seats
from nonprolif.training.nominations.domain.upload import import_nominations
from nonprolif.training.nominations.imports import parse_upload
from tests.factories import OfficialFactory
from tests.faults import InjectedError, audited, fail_bulk_create, fail_save, table_rows

pytestmark = pytest.mark.django_db(transaction=True)

TABLES = (AgencySeats, ItemSettings, Nomination, AuditEntry)


def seats_of(item) -> dict[str, int]:
    rows = AgencySeats.objects.filter(item_key=item.key)
    return dict(rows.values_list("agency__code", "seats"))


def test_seats_that_fail_midway_write_nothing(coordinator, program, training):
    """The item settings, agency A's quota and its audit entry are written, then agency B's
    quota fails."""
    before = table_rows(*TABLES)
    with (
        fail_save(
            AgencySeats,
            after=1,
            look=lambda: (
                seats_of(training),
                ItemSettings.objects.count(),
                AuditEntry.objects.filter(action="agencyseats.set").count(),
            ),
        ) as fault,
        pytest.raises(InjectedError),
    ):
        set_agency_seats(
            actor=coordinator, program=program, item=training, seats={"AAA": 10, "BBB": 5}
        )
    assert fault.seen == ({"AAA": 10}, 1, 1)
    assert table_rows(*TABLES) == before
    assert seats_of(training) == {}


def test_a_seat_split_that_fails_midway_keeps_the_old_quotas_and_rule(
    coordinator, program, training
):
    set_agency_seats(actor=coordinator, program=program, item=training, seats={"AAA": 1, "BBB": 1})
    before = table_rows(*TABLES)
    with (
        fail_save(
            AgencySeats,
            after=1,
            look=lambda: (seats_of(training), ItemSettings.objects.get().seat_rule),
        ) as fault,
        pytest.raises(InjectedError),
    ):
        apply_seat_rule(actor=coordinator, program=program, item=training, rule=SeatRule.EVEN)
    assert fault.seen == ({"AAA": 100, "BBB": 1}, SeatRule.EVEN)
    assert table_rows(*TABLES) == before
    assert seats_of(training) == {"AAA": 1, "BBB": 1}
    assert ItemSettings.objects.get().seat_rule == SeatRule.MANUAL


@pytest.fixture
def upload(agency_a, official_a):
    """A good upload of two of agency A's officials: (rows, file errors)."""
    colleague = OfficialFactory(agency=agency_a, email="carlos@example.org")
    content = f"email,language\n{official_a.email},es-mx\n{colleague.email},en\n".encode()
    rows, file_errors = parse_upload("nominations.csv", content)
    assert len(rows) == 2
    assert not file_errors
    return rows


@pytest.mark.parametrize(
    ("failing", "written"),
    [
        pytest.param(
            lambda look: fail_bulk_create(Nomination, after=1, look=look),
            1,
            id="at the second nomination",
        ),
        pytest.param(
            lambda look: fail_save(AuditEntry, when=audited("nomination.import"), look=look),
            2,
            id="at the upload's audit entry",
        ),
    ],
)
def test_an_upload_that_fails_midway_imports_nothing(
    liaison_a, program, training, upload, failing, written
):
    before = table_rows(*TABLES)
    with failing(Nomination.objects.count) as fault, pytest.raises(InjectedError):
        import_nominations(actor=liaison_a, program=program, item=training, rows=upload)
    assert fault.seen == written
    assert table_rows(*TABLES) == before
    assert not Nomination.objects.exists()


@pytest.mark.parametrize(
    ("failing", "written"),
    [
        pytest.param(
            lambda look: fail_bulk_create(Nomination, after=100, look=look),
            100,
            id="after 100 of 120 nominations",
        ),
        pytest.param(
            lambda look: fail_save(AuditEntry, when=audited("nomination.import"), look=look),
            120,
            id="at the audit entry, every nomination written",
        ),
    ],
)
def test_a_large_upload_that_fails_after_its_inserts_leaves_nothing_half_written(
    liaison_a, program, training, agency_a, officials_of, failing, written
):
    """120 rows: more than one insert batch on SQLite (999 variables a statement)."""
    officials = officials_of(agency_a, 120)
    content = "official_id\n" + "".join(f"{official.pk}\n" for official in officials)
    rows, file_errors = parse_upload("n.csv", content.encode())
    assert (len(rows), file_errors) == (120, [])
    before = table_rows(*TABLES)
    with failing(Nomination.objects.count) as fault, pytest.raises(InjectedError):
        import_nominations(actor=liaison_a, program=program, item=training, rows=rows)
    assert fault.seen == written
    assert table_rows(*TABLES) == before
    assert not AuditEntry.objects.filter(action="nomination.import").exists()


def test_a_batch_decision_that_fails_midway_writes_nothing(
    coordinator, program, training, agency_a
):
    """The statuses are updated, then the audit entry fails: the update is undone."""
    from nonprolif.training.models.nomination import NominationStatus
    from nonprolif.training.nominations.domain.bulk import decide_nominations

    officials = [OfficialFactory(agency=agency_a) for _ in range(3)]
    rows = [
        Nomination.objects.create(
            program=program,
            item_key=training.key,
            official=o,
            agency=o.agency,
            status=NominationStatus.SUBMITTED,
            order_at=timezone.now(),
            submitted_at=timezone.now(),
        )
        for o in officials
    ]
    before = table_rows(*TABLES)
    with (
        fail_save(
            AuditEntry,
            when=audited("nomination.decide"),
            look=lambda: sorted(Nomination.objects.values_list("status", flat=True)),
        ) as fault,
        pytest.raises(InjectedError),
    ):
        decide_nominations(
            actor=coordinator, program=program, ids=[n.pk for n in rows], decision="approved"
        )
    assert fault.hit
    assert fault.seen == ["approved"] * 3  # written inside the transaction, then undone
    assert table_rows(*TABLES) == before
