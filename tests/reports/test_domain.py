import datetime
import threading

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connections, transaction

from nonprolif.core.domain.audit import record
from nonprolif.core.models import AuditEntry, User
from nonprolif.program.models import Program
from nonprolif.reports.domain import REPORT_ACTION, issue_cable, next_reference
from nonprolif.reports.models import ReportSequence
from tests.factories import ProgramFactory

THREADS = 4


def test_each_report_issued_gets_the_next_reference(coordinator, program, report_data):
    first = issue_cable(actor=coordinator, program=program, language="en")
    second = issue_cable(actor=coordinator, program=program, language="es")
    year = first.generated_at.year
    assert first.header.reference == f"PROG-TEST-{year}-0001"
    assert second.header.reference == f"PROG-TEST-{year}-0002"
    assert AuditEntry.objects.filter(action="program.report").count() == 2


def test_the_audit_entry_names_the_reference_and_the_options(auditor, program):
    cable = issue_cable(
        actor=auditor,
        program=program,
        language="es",
        as_of=datetime.date(2009, 11, 1),
        marking="confidential",
    )
    entry = AuditEntry.objects.get(action=REPORT_ACTION)
    assert (entry.actor, entry.object_id) == (auditor, str(program.pk))
    assert entry.changes == {
        "reference": [None, cable.header.reference],
        "language": [None, "es"],
        "as_of": [None, "2009-11-01"],
        "marking": [None, "confidential"],
    }


def test_each_program_and_year_has_its_own_sequence(coordinator, program, agency_a):
    other = ProgramFactory(code="prog-other", lead_agency=agency_a)
    in_2009 = datetime.datetime(2009, 12, 31, 12, tzinfo=datetime.UTC)
    in_2010 = datetime.datetime(2010, 1, 1, 12, tzinfo=datetime.UTC)
    references = [
        issue_cable(actor=coordinator, program=p, language="en", now=now).header.reference
        for p, now in [(program, in_2009), (program, in_2009), (other, in_2009), (program, in_2010)]
    ]
    assert references == [
        "PROG-TEST-2009-0001",
        "PROG-TEST-2009-0002",
        "PROG-OTHER-2009-0001",
        "PROG-TEST-2010-0001",
    ]


def test_numbering_goes_on_from_the_reports_the_audit_trail_records(coordinator, program):
    """Reports numbered before there were sequences (from the audit trail) keep theirs."""
    for _ in range(2):
        record(actor=coordinator, action=REPORT_ACTION, obj=program, changes={})
    cable = issue_cable(actor=coordinator, program=program, language="en")
    assert cable.header.reference == f"PROG-TEST-{cable.generated_at.year}-0003"


def test_a_rolled_back_report_gives_its_number_back(program):
    moment = datetime.datetime(2009, 11, 2, tzinfo=datetime.UTC)
    taken = []

    def take_then_fail():
        with transaction.atomic():
            taken.append(next_reference(program=program, moment=moment))
            raise RuntimeError

    with pytest.raises(RuntimeError):
        take_then_fail()
    assert taken == ["PROG-TEST-2009-0001"]
    assert not ReportSequence.objects.exists()
    with transaction.atomic():
        assert next_reference(program=program, moment=moment) == "PROG-TEST-2009-0001"


@pytest.mark.parametrize("who", ["liaison_a", "partner", "outsider"])
def test_only_who_sees_the_whole_program_issues_reports(request, program, who):
    with pytest.raises(PermissionDenied):
        issue_cable(actor=request.getfixturevalue(who), program=program, language="en")
    assert not ReportSequence.objects.exists()
    assert not AuditEntry.objects.filter(action=REPORT_ACTION).exists()


@pytest.mark.parametrize(
    ("options", "field"), [({"language": "fr"}, "lang"), ({"marking": "x"}, "marking")]
)
def test_bad_options_write_nothing(coordinator, program, options, field):
    with pytest.raises(ValidationError) as error:
        issue_cable(actor=coordinator, program=program, **{"language": "en", **options})
    assert field in error.value.message_dict
    assert not ReportSequence.objects.exists()
    assert not AuditEntry.objects.filter(action=REPORT_ACTION).exists()


# Concurrency (PostgreSQL: SQLite takes one writer at a time) -------------------------------------


def _at_once(work, count: int) -> list:
    """Run ``work()`` in ``count`` threads released together; their results. Each thread has
    its own database connection (closed at the end)."""
    barrier = threading.Barrier(count)
    results: list = []
    errors: list[BaseException] = []

    def run():
        try:
            barrier.wait(timeout=30)
            results.append(work())
        except BaseException as error:  # reported by the test below
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run) for _ in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert not any(thread.is_alive() for thread in threads)
    assert not errors, errors
    return results


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("before", [0, 1], ids=["first-of-the-year", "after-one"])
def test_reports_issued_at_the_same_moment_get_distinct_numbers(
    postgresql, coordinator, program, before
):
    now = datetime.datetime(2009, 11, 2, 15, tzinfo=datetime.UTC)
    for _ in range(before):
        issue_cable(actor=coordinator, program=program, language="en", now=now)

    def issue() -> str:
        actor = User.objects.get(pk=coordinator.pk)
        subject = Program.objects.get(pk=program.pk)
        cable = issue_cable(actor=actor, program=subject, language="en", now=now)
        return cable.header.reference

    references = _at_once(issue, THREADS)
    assert sorted(references) == [
        f"PROG-TEST-2009-{n:04d}" for n in range(before + 1, before + THREADS + 1)
    ]
    assert AuditEntry.objects.filter(action=REPORT_ACTION).count() == THREADS + before


@pytest.mark.django_db(transaction=True)
def test_numbers_taken_at_the_same_moment_are_distinct(postgresql, program):
    moment = datetime.datetime(2009, 11, 2, 15, tzinfo=datetime.UTC)
    rounds = 20

    def take() -> list[str]:
        subject = Program.objects.get(pk=program.pk)
        taken = []
        for _ in range(rounds):
            with transaction.atomic():
                taken.append(next_reference(program=subject, moment=moment))
        return taken

    references = [reference for taken in _at_once(take, THREADS) for reference in taken]
    assert len(set(references)) == len(references) == THREADS * rounds
    assert ReportSequence.objects.get(program=program, year=2009).last_number == THREADS * rounds
