"""Fixtures of the attendance and certificate tests.

``first_cohort`` is cohort 1 of the training item: Friday 23 October 2009 to Thursday
29 October 2009, 5 business days. ``enrolled`` puts officials into a session directly (the
assignment is another helper's subject).
"""

import datetime

import pytest

from nonprolif.training.domain.attendance import Mark, record_attendance
from nonprolif.training.models import Session, SessionParticipant

DAYS = [
    datetime.date(2009, 10, 23),
    datetime.date(2009, 10, 26),
    datetime.date(2009, 10, 27),
    datetime.date(2009, 10, 28),
    datetime.date(2009, 10, 29),
]


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
