"""The issue's acceptance check on the demo data: ``assign --program mx-2009`` fills the four
cohorts of 50 with every agency in every cohort, no rule broken, reproducibly; the senior
sessions hold only seniors of their agency."""

import json
from collections import Counter
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import transaction

from nonprolif.core.models import Official
from nonprolif.seed.demo import BUILTIN_DEMO, load_demo_document
from nonprolif.seed.loader import builtin_document, load_program_document
from nonprolif.training.models import Session, SessionParticipant
from nonprolif.training.models.nomination import AgencySeats, Nomination, NominationStatus

NATIONAL = {"CISEN", "SSP", "SEDENA", "SEMAR", "SEGOB", "ADUANAS", "PGR", "SS"}


@pytest.fixture(scope="module")
def demo_loaded(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        load_program_document(builtin_document())
        load_demo_document(builtin_document(BUILTIN_DEMO))
        yield
        transaction.set_rollback(True)


@pytest.fixture
def demo(demo_loaded, db):
    return None


def assign(*args) -> dict:
    out = StringIO()
    call_command("assign", "--program", "mx-2009", "--format", "json", *args, stdout=out)
    return json.loads(out.getvalue())


def test_the_demo_has_seats_and_approved_nominations_waiting_and_declined(demo):
    training = Session.objects.filter(program__code="mx-2009", cohort__isnull=False)
    assert training.count() == 4
    key = training.first().item_key
    seats = dict(AgencySeats.objects.filter(item_key=key).values_list("agency__code", "seats"))
    assert seats == dict.fromkeys(NATIONAL, 25)
    approved = Counter(
        Nomination.objects.filter(item_key=key, status=NominationStatus.APPROVED).values_list(
            "agency__code", flat=True
        )
    )
    assert set(approved) == NATIONAL
    assert min(approved.values()) >= 28
    assert Nomination.objects.filter(status=NominationStatus.SUBMITTED).exists()
    assert Nomination.objects.filter(status=NominationStatus.DECLINED).count() == 1


def test_assign_fills_four_cohorts_of_50_with_every_agency_and_seniors_apart(demo):
    plan = assign()
    cohorts = [s for s in plan["sessions"] if s["cohort"] is not None]
    assert [len(s["participants"]) for s in cohorts] == [50, 50, 50, 50]
    for cohort in cohorts:
        assert set(cohort["by_agency"]) == NATIONAL, cohort["by_agency"]
    seniors = [s for s in plan["sessions"] if s["cohort"] is None]
    assert len(seniors) == 8
    for session in SessionParticipant.objects.filter(session__audience="senior").select_related(
        "session", "official"
    ):
        assert session.official.is_senior
        assert session.official.agency_id == session.session.audience_agency_id
    # No rule broken: capacity, quota, unavailability, one seat per official and item.
    by_agency = Counter()
    for cohort in cohorts:
        assert len(cohort["participants"]) <= cohort["capacity"]
        by_agency.update(p["agency"] for p in cohort["participants"])
    assert set(by_agency.values()) == {25}
    officials = [p["official_id"] for c in cohorts for p in c["participants"]]
    assert len(officials) == len(set(officials))
    for nomination in Nomination.objects.filter(session__isnull=False).select_related("session"):
        for start, end in nomination.unavailable_ranges:
            assert end < nomination.session.start or start > nomination.session.end
    left = plan["left_out"]
    assert left
    assert all(entry["reason_code"] and entry["reason"] for entry in left)


def test_assign_is_reproducible_and_a_dry_run_writes_nothing(demo):
    first = assign()
    rows = set(SessionParticipant.objects.values_list("session_id", "official_id"))
    again = assign("--dry-run")
    assert again["dry_run"] is True
    assert again["sessions"] == first["sessions"]
    assert again["objective"]["moved"] == 0
    assert set(SessionParticipant.objects.values_list("session_id", "official_id")) == rows


def test_assign_table_names_the_objective_and_the_left_out(demo):
    out = StringIO()
    call_command("assign", "--program", "mx-2009", "--dry-run", stdout=out)
    text = out.getvalue()
    assert "Objective: assigned=" in text
    assert "quota_full" in text


def test_loading_the_demo_again_changes_nothing(demo):
    before = Nomination.objects.count(), AgencySeats.objects.count(), Official.objects.count()
    result = load_demo_document(builtin_document(BUILTIN_DEMO))
    assert not result.changed
    after = Nomination.objects.count(), AgencySeats.objects.count(), Official.objects.count()
    assert after == before
