"""Recording attendance: session days only, not after today, by the coordinator or the
partner's trainer; all or nothing."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from nonprolif.core.models import AuditEntry
from nonprolif.training.attendance.domain import (
    Mark,
    mark_all_present,
    program_today,
    record_attendance,
)
from nonprolif.training.models import Attendance, Session
from tests.factories import AgencyFactory, UserFactory
from tests.training.conftest import DAYS


@pytest.fixture
def roster(first_cohort, enrolled, official_a, official_b):
    enrolled(first_cohort, official_a, official_b)
    return first_cohort


def marks_of(session) -> dict:
    return {
        (row.participant.official_id, row.day): row.present
        for row in Attendance.objects.filter(participant__session=session).select_related(
            "participant"
        )
    }


def test_the_coordinator_records_marks_with_who_and_when(roster, coordinator, official_a):
    written = record_attendance(
        actor=coordinator,
        session=roster,
        marks=[
            Mark(official_a.pk, DAYS[0], True),
            Mark(official_a.pk, DAYS[1], False),
        ],
    )

    assert written == 2
    assert marks_of(roster) == {(official_a.pk, DAYS[0]): True, (official_a.pk, DAYS[1]): False}
    row = Attendance.objects.get(day=DAYS[0])
    assert row.recorded_by == coordinator
    entry = AuditEntry.objects.get(action="attendance.record")
    assert entry.changes == {
        f"{official_a.pk} 2009-10-23": [None, True],
        f"{official_a.pk} 2009-10-26": [None, False],
    }


def test_a_new_mark_replaces_the_days_earlier_one_and_unchanged_marks_write_nothing(
    roster, coordinator, official_a
):
    record_attendance(
        actor=coordinator, session=roster, marks=[Mark(official_a.pk, DAYS[0], False)]
    )
    assert (
        record_attendance(
            actor=coordinator,
            session=roster,
            marks=[Mark(official_a.pk, DAYS[0], True), Mark(official_a.pk, DAYS[1], False)],
        )
        == 2
    )
    assert (
        record_attendance(
            actor=coordinator, session=roster, marks=[Mark(official_a.pk, DAYS[0], True)]
        )
        == 0
    )

    assert marks_of(roster) == {(official_a.pk, DAYS[0]): True, (official_a.pk, DAYS[1]): False}
    assert Attendance.objects.count() == 2
    assert AuditEntry.objects.filter(action="attendance.record").count() == 2


def test_a_day_the_session_does_not_run_is_refused_naming_the_day(
    english, roster, coordinator, official_a
):
    saturday = datetime.date(2009, 10, 24)

    with pytest.raises(ValidationError) as error:
        record_attendance(
            actor=coordinator,
            session=roster,
            marks=[Mark(official_a.pk, DAYS[0], True), Mark(official_a.pk, saturday, True)],
        )

    assert list(error.value.message_dict) == ["day"]
    assert "not a day of this session" in error.value.message_dict["day"][0]
    assert Attendance.objects.count() == 0


def test_a_day_that_has_not_come_is_refused(english, roster, coordinator, official_a):
    today = program_today(roster.program)
    tomorrow = today + datetime.timedelta(days=1)
    Session.objects.filter(pk=roster.pk).update(
        start=today, end=tomorrow, days=[today.isoformat(), tomorrow.isoformat()]
    )
    roster.refresh_from_db()

    with pytest.raises(ValidationError) as error:
        record_attendance(
            actor=coordinator, session=roster, marks=[Mark(official_a.pk, tomorrow, True)]
        )
    assert "has not come yet" in error.value.message_dict["day"][0]

    assert (
        record_attendance(
            actor=coordinator, session=roster, marks=[Mark(official_a.pk, today, True)]
        )
        == 1
    )


def test_today_is_the_program_time_zones_today(program):
    # 03:00 UTC on 1 March is still 28 February in Mexico City (UTC-6).
    now = datetime.datetime(2010, 3, 1, 3, 0, tzinfo=datetime.UTC)

    assert program_today(program, now) == datetime.date(2010, 2, 28)
    program.time_zone = "Europe/Madrid"
    assert program_today(program, now) == datetime.date(2010, 3, 1)
    assert timezone.is_aware(now)


def test_an_official_outside_the_session_is_refused(roster, coordinator, senior_official_a):
    with pytest.raises(ValidationError) as error:
        record_attendance(
            actor=coordinator, session=roster, marks=[Mark(senior_official_a.pk, DAYS[0], True)]
        )

    assert list(error.value.message_dict) == ["official"]
    assert Attendance.objects.count() == 0


def test_the_same_official_and_day_twice_is_refused(english, roster, coordinator, official_a):
    with pytest.raises(ValidationError) as error:
        record_attendance(
            actor=coordinator,
            session=roster,
            marks=[Mark(official_a.pk, DAYS[0], True), Mark(official_a.pk, DAYS[0], False)],
        )

    assert "twice" in error.value.message_dict["day"][0]
    assert Attendance.objects.count() == 0


def test_the_partners_trainer_records_attendance(roster, partner, official_a):
    record_attendance(actor=partner, session=roster, marks=[Mark(official_a.pk, DAYS[0], True)])

    assert marks_of(roster) == {(official_a.pk, DAYS[0]): True}


@pytest.mark.parametrize("who", ["liaison_a", "liaison_b", "auditor", "outsider"])
def test_others_cannot_record_attendance_and_nothing_is_written(request, roster, official_a, who):
    user = request.getfixturevalue(who)

    with pytest.raises(PermissionDenied):
        record_attendance(actor=user, session=roster, marks=[Mark(official_a.pk, DAYS[0], True)])

    assert Attendance.objects.count() == 0


def test_a_partner_of_another_program_cannot_record(roster, official_a):
    stranger = UserFactory(
        username="other-partner",
        agency=AgencyFactory(code="OTH", kind="partner", country="CA"),
        roles=["partner"],
    )

    with pytest.raises(PermissionDenied):
        record_attendance(
            actor=stranger, session=roster, marks=[Mark(official_a.pk, DAYS[0], True)]
        )
    assert Attendance.objects.count() == 0


def test_all_present_marks_every_participant_on_the_day(
    roster, coordinator, official_a, official_b
):
    record_attendance(
        actor=coordinator, session=roster, marks=[Mark(official_b.pk, DAYS[2], False)]
    )

    assert mark_all_present(actor=coordinator, session=roster, day=DAYS[2]) == 2
    assert marks_of(roster) == {(official_a.pk, DAYS[2]): True, (official_b.pk, DAYS[2]): True}


def test_all_present_on_a_day_the_session_does_not_run_is_refused(roster, coordinator):
    with pytest.raises(ValidationError) as error:
        mark_all_present(actor=coordinator, session=roster, day=datetime.date(2009, 10, 25))

    assert list(error.value.message_dict) == ["day"]
    assert Attendance.objects.count() == 0
