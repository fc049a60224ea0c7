"""Fixtures of the training tests.

The shared program (prog-test: agencies AAA and BBB, partner PTR) gets the 2009 shape: a
training track for every agency (4 cohorts of 50 from Friday 23 October 2009, one every three
months, 5 business days) and a senior-official item for agency A and agency B (2 days each,
back to back from Monday 9 November 2009). ``accept`` records the coordinator's decision,
which regenerates the calendar through the review signal.

``first_cohort`` is cohort 1 of the training item: Friday 23 October 2009 to Thursday
29 October 2009, 5 business days. ``enrolled`` puts officials into a session directly (the
assignment is another subject); ``attend`` and ``trained`` record their attendance (for the
attendance, certificate and progress tests).
"""

import datetime

import pytest

from nonprolif.core.models import Seniority
from nonprolif.program.domain.review import decide_item
from nonprolif.program.models import ItemKind
from nonprolif.training.attendance.domain import Mark, record_attendance
from nonprolif.training.models import Session, SessionParticipant
from tests.factories import OfficialFactory, ProposalFactory, ProposalItemFactory

DAYS = [
    datetime.date(2009, 10, 23),
    datetime.date(2009, 10, 26),
    datetime.date(2009, 10, 27),
    datetime.date(2009, 10, 28),
    datetime.date(2009, 10, 29),
]


@pytest.fixture
def proposal(program, partner_agency):
    return ProposalFactory(program=program, submitted_by=partner_agency)


@pytest.fixture
def training_item(proposal):
    return ProposalItemFactory(
        proposal=proposal,
        number=1,
        kind=ItemKind.TRAINING,
        title_es="Calendario de capacitación",
        title_en="Training calendar",
        cohort_size=50,
        cohort_count=4,
        start_date=datetime.date(2009, 10, 23),
        cadence_months=3,
        session_days=5,
    )


@pytest.fixture
def senior_item(proposal, agency_a, agency_b):
    item = ProposalItemFactory(
        proposal=proposal,
        number=2,
        kind=ItemKind.SENIOR,
        title_es="Sesión para funcionarios de alto nivel",
        title_en="Senior officials' session",
        cohort_size=None,
        cohort_count=1,
        start_date=datetime.date(2009, 11, 9),
        cadence_months=None,
        session_days=2,
    )
    item.target_agencies.set([agency_a, agency_b])
    return item


@pytest.fixture
def accept(coordinator):
    """``accept(item, decision="accepted", **amendments)``: the coordinator decides."""

    def decide(item, decision="accepted", rationale="", **amendments):
        if decision != "accepted" and not rationale:
            rationale = "Decided in a test."
        return decide_item(
            item=item,
            decision=decision,
            actor=coordinator,
            rationale=rationale,
            amendments=amendments or None,
        )

    return decide


@pytest.fixture
def calendar(training_item, senior_item, accept):
    """Both items accepted: 4 cohorts and 2 senior sessions."""
    accept(training_item)
    accept(senior_item)
    return Session.objects.all()


@pytest.fixture
def cohort(calendar, training_item):
    """Cohort 2 (planned on Saturday 23 January 2010, moved to Monday the 25th)."""
    return Session.objects.get(item_key=training_item.key, cohort=2)


@pytest.fixture
def senior_a(calendar, agency_a):
    return Session.objects.get(audience_agency=agency_a)


@pytest.fixture
def senior_b(calendar, agency_b):
    return Session.objects.get(audience_agency=agency_b)


@pytest.fixture
def first_cohort(calendar, training_item):
    return Session.objects.get(item_key=training_item.key, cohort=1)


@pytest.fixture
def enrolled():
    """``enrolled(session, *officials)`` returns their SessionParticipant rows."""

    def enroll(session, *officials):
        return [SessionParticipant.objects.create(session=session, official=o) for o in officials]

    return enroll


@pytest.fixture
def attend(coordinator):
    """``attend(session, official, days_present)``: the coordinator marks the official
    present on the first ``days_present`` days of the session and absent on the others."""

    def mark(session, official, days_present):
        days = session.day_list
        record_attendance(
            actor=coordinator,
            session=session,
            marks=[
                Mark(official_id=official.pk, day=day, present=index < days_present)
                for index, day in enumerate(days)
            ],
        )

    return mark


@pytest.fixture
def trained(first_cohort, enrolled, attend, official_a, official_b):
    """Official A present 5 of 5 days, official B 3 of 5 (below the 80 % rule)."""
    enrolled(first_cohort, official_a, official_b)
    attend(first_cohort, official_a, 5)
    attend(first_cohort, official_b, 3)
    return first_cohort


@pytest.fixture
def official_a(agency_a):
    return OfficialFactory(agency=agency_a, given_names="Ana", family_names="Alvarez")


@pytest.fixture
def senior_official_a(agency_a):
    return OfficialFactory(
        agency=agency_a, given_names="Sara", family_names="Salas", seniority=Seniority.SENIOR
    )


@pytest.fixture
def official_b(agency_b):
    return OfficialFactory(agency=agency_b, given_names="Beto", family_names="Barrera")
