"""Attendance is recorded up to the demo clock's date, never for a day after it."""

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from nonprolif.training.attendance.domain import Mark, record_attendance
from nonprolif.training.models import Attendance


def test_days_after_the_fixed_date_have_not_come_yet(
    settings, first_cohort, enrolled, coordinator, official_a
):
    enrolled(first_cohort, official_a)
    first_day, second_day = first_cohort.day_list[:2]
    settings.NONPROLIF_TODAY = first_day
    record_attendance(
        actor=coordinator,
        session=first_cohort,
        marks=[Mark(official_id=official_a.pk, day=first_day, present=True)],
    )
    recorded = Attendance.objects.get()
    assert timezone.localtime(recorded.recorded_at).date() == first_day
    with pytest.raises(ValidationError) as error:
        record_attendance(
            actor=coordinator,
            session=first_cohort,
            marks=[Mark(official_id=official_a.pk, day=second_day, present=True)],
        )
    assert list(error.value.message_dict) == ["day"]
    assert "26 de octubre de 2009" in error.value.message_dict["day"][0]
    assert Attendance.objects.count() == 1
