"""The applied assignment writes only what changes, in a number of queries that does not grow
with the number of nominees."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from nonprolif.core.models import AuditEntry
from nonprolif.training.models import Session, SessionParticipant
from nonprolif.training.models.nomination import AssignmentRun, Nomination
from nonprolif.training.nominations.domain.assignment import run_assignment

WRITES = ("INSERT", "UPDATE", "DELETE", "WITH")


def writes_of(run):
    """(statements that write, result) of ``run()``."""
    with CaptureQueriesContext(connection) as captured:
        result = run()
    sql = [q["sql"].lstrip().upper() for q in captured.captured_queries]
    return [s for s in sql if s.startswith(WRITES) and not s.startswith("WITH RECURSIVE")], result


@pytest.fixture
def nominees(training, agency_a, agency_b, officials_of, make_nomination):
    """``nominees(n)``: n approved nominations for the training item, alternating agencies."""

    def make(n, start=0, **fields):
        people = officials_of(agency_a, (n + 1) // 2) + officials_of(agency_b, n // 2)
        return [
            make_nomination(o, training, minute=start + k, **fields) for k, o in enumerate(people)
        ]

    return make


def test_a_second_run_with_nothing_changed_writes_no_rows(coordinator, program, nominees):
    nominees(6)
    Session.objects.filter(cohort__isnull=False).update(capacity=2)  # some wait
    first = run_assignment(actor=coordinator, program=program)
    assert first.run is not None
    placed = set(SessionParticipant.objects.values_list("session_id", "official_id"))
    outcomes = list(
        Nomination.objects.order_by("pk").values_list(
            "session_id", "outcome_code", "outcome_details", "waitlist_rank"
        )
    )
    audit = AuditEntry.objects.count()

    writes, second = writes_of(lambda: run_assignment(actor=coordinator, program=program))

    assert writes == []
    assert second.run == first.run  # the assignment in force is still the first run's
    assert AssignmentRun.objects.count() == 1
    assert AuditEntry.objects.count() == audit
    assert set(SessionParticipant.objects.values_list("session_id", "official_id")) == placed
    assert (
        list(
            Nomination.objects.order_by("pk").values_list(
                "session_id", "outcome_code", "outcome_details", "waitlist_rank"
            )
        )
        == outcomes
    )


def test_a_run_writes_only_the_nominations_whose_outcome_changed(
    coordinator, program, nominees, agency_a, officials_of, make_nomination, training
):
    noms = nominees(4)
    run_assignment(actor=coordinator, program=program)
    late = make_nomination(officials_of(agency_a, 1)[0], training, minute=100)
    audit = AuditEntry.objects.count()

    writes, plan = writes_of(lambda: run_assignment(actor=coordinator, program=program))

    updates = [w for w in writes if w.startswith(("UPDATE", "WITH"))]
    entry = AuditEntry.objects.order_by("-seq").first()
    assert entry.action == "assignment.apply"
    assert AuditEntry.objects.count() == audit + 1
    assert entry.changes["nominations"] == [None, [late.pk]]
    assert [pair[1] for pair in entry.changes["added"][1]] == [late.official_id]
    assert entry.changes["removed"] == [None, []]
    assert late.pk not in {n.pk for n in noms}
    late.refresh_from_db()
    assert late.session is not None
    assert plan.run == AssignmentRun.objects.order_by("-pk").first()
    # The nomination row, the audit head, and nothing per nominee already placed.
    assert len([u for u in updates if "TRAINING_NOMINATION" in u]) == 1


def test_the_applied_run_takes_as_many_queries_for_30_nominees_as_for_3(
    coordinator, program, nominees, count_queries
):
    """First runs (everyone placed, rows written for all) at two sizes, then re-runs that move
    everyone out of a cohort closed meanwhile (participants removed and added)."""

    def applied(n, start):
        nominees(n, start=start, preferences=[1])
        first, plan = count_queries(lambda: run_assignment(actor=coordinator, program=program))
        assert plan.assigned == n
        assert {p.session.cohort for p in plan.sessions if p.participants} == {1}
        Session.objects.filter(cohort=1).update(capacity=1)
        second, plan = count_queries(lambda: run_assignment(actor=coordinator, program=program))
        assert len(plan.moved) == n - 1
        return first, second

    small = applied(3, 0)
    SessionParticipant.objects.all().delete()
    AssignmentRun.objects.all().delete()
    Nomination.objects.all().delete()
    Session.objects.filter(cohort=1).update(capacity=50)
    large = applied(30, 1000)
    assert small == large
