"""The calendar's "today" is the demo clock's: the month it opens on and the day it marks."""

import datetime

from nonprolif.training.calendar.queries import DayCell, default_month


def test_the_calendar_opens_on_the_fixed_month_while_the_program_runs(
    settings, calendar, coordinator, program
):
    settings.NONPROLIF_TODAY = datetime.date(2009, 12, 15)
    assert default_month(coordinator, program) == datetime.date(2009, 12, 1)


def test_the_fixed_date_is_the_day_marked_today(settings):
    settings.NONPROLIF_TODAY = datetime.date(2009, 10, 19)
    cell = DayCell(day=datetime.date(2009, 10, 19), in_month=True, business=True, note="")
    assert cell.is_today
    assert not DayCell(day=datetime.date.today(), in_month=True, business=True, note="").is_today
