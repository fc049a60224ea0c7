"""The calendar engine: worked examples from the 2009 program, then properties."""

import calendar as stdlib_calendar
from datetime import date, datetime, timedelta
from itertools import pairwise

import holidays
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from nonprolif.planning.calendar import (
    BusinessCalendar,
    Cause,
    Convention,
    NthWeekday,
    PlannedSession,
    RuleError,
    SeriesRule,
    add_months,
    combine_blackouts,
    generate,
    generate_per_agency,
    nth_weekday_of_month,
)

MX = BusinessCalendar("MX")
AGENCIES_2009 = ["CISEN", "SSP", "SEDENA", "SEMAR", "SEGOB", "ADUANAS", "PGR", "SS"]

# An oracle built separately from the engine: weekends, the `holidays` package, blackouts.
MX_HOLIDAYS = holidays.country_holidays("MX", language="es")


def is_off(day, blackouts=frozenset()):
    return day.weekday() >= 5 or day in MX_HOLIDAYS or day in blackouts


def brute_next(day, blackouts=frozenset()):
    while is_off(day, blackouts):
        day += timedelta(days=1)
    return day


def brute_previous(day, blackouts=frozenset()):
    while is_off(day, blackouts):
        day -= timedelta(days=1)
    return day


def brute_convention(day, convention, blackouts=frozenset()):
    after, before = brute_next(day, blackouts), brute_previous(day, blackouts)
    if convention is Convention.NEXT:
        return after
    if convention is Convention.PREVIOUS:
        return before
    return before if day - before < after - day else after


def one(rule, calendar=MX):
    [session] = generate(rule, calendar)
    return session


# --------------------------------------------------------------------------- the 2009 program


def test_the_2009_training_cohorts_fall_every_three_months_moved_off_weekends():
    rule = SeriesRule(start=date(2009, 10, 23), count=4, cadence_months=3, length_days=5)

    sessions = generate(rule, MX)

    assert [s.planned for s in sessions] == [
        date(2009, 10, 23),
        date(2010, 1, 23),
        date(2010, 4, 23),
        date(2010, 7, 23),
    ]
    assert [s.start for s in sessions] == [
        date(2009, 10, 23),
        date(2010, 1, 25),
        date(2010, 4, 23),
        date(2010, 7, 23),
    ]
    assert [s.index for s in sessions] == [1, 2, 3, 4]
    assert [s.moved for s in sessions] == [False, True, False, False]
    assert sessions[1].reason == "2010-01-23 is a Saturday, moved to Monday 2010-01-25"
    assert sessions[1].move.planned_off.causes == (Cause.WEEKEND,)
    assert sessions[0].days == (
        date(2009, 10, 23),
        date(2009, 10, 26),
        date(2009, 10, 27),
        date(2009, 10, 28),
        date(2009, 10, 29),
    )
    assert sessions[-1].end == date(2010, 7, 29)  # the last module, late July 2010


def test_the_2009_senior_official_sessions_give_each_agency_its_own_session_back_to_back():
    rule = SeriesRule(start=date(2009, 11, 9), length_days=3)

    by_agency = generate_per_agency(rule, MX, AGENCIES_2009)

    assert list(by_agency) == AGENCIES_2009
    sessions = list(by_agency.values())
    assert len(sessions) == 8
    assert [s.index for s in sessions] == list(range(1, 9))
    assert by_agency["CISEN"].days == (date(2009, 11, 9), date(2009, 11, 10), date(2009, 11, 11))
    # SSP runs across Revolution Day (third Monday of November) without running on it.
    assert by_agency["SSP"].days == (date(2009, 11, 12), date(2009, 11, 13), date(2009, 11, 17))
    assert by_agency["SEMAR"].reason == "2009-11-21 is a Saturday, moved to Monday 2009-11-23"
    assert by_agency["SS"].end == date(2009, 12, 11)
    for earlier, later in pairwise(sessions):
        assert later.start == brute_next(earlier.end + timedelta(days=1))


def test_senior_official_sessions_follow_the_cadence_when_one_is_given():
    rule = SeriesRule(start=date(2009, 10, 23), count=1, cadence_months=1, length_days=2)

    by_agency = generate_per_agency(rule, MX, ["CISEN", "SSP", "SEDENA"])

    assert [s.planned for s in by_agency.values()] == [
        date(2009, 10, 23),
        date(2009, 11, 23),
        date(2009, 12, 23),
    ]


# --------------------------------------------------------------------------- holidays


def test_revolution_day_and_constitution_day_interrupt_multi_day_sessions():
    revolution = one(SeriesRule(start=date(2009, 11, 13), length_days=3))
    constitution = one(SeriesRule(start=date(2010, 1, 29), length_days=2))

    assert revolution.days == (date(2009, 11, 13), date(2009, 11, 17), date(2009, 11, 18))
    assert revolution.end == date(2009, 11, 18)
    assert constitution.days == (date(2010, 1, 29), date(2010, 2, 2))


def test_a_session_planned_on_a_holiday_says_which_holiday():
    session = one(SeriesRule(start=date(2009, 11, 16)))

    assert session.start == date(2009, 11, 17)
    assert session.reason == (
        "2009-11-16 is a holiday (Día de la Revolución), moved to Tuesday 2009-11-17"
    )
    assert session.move.planned_off.holiday_name == "Día de la Revolución"
    assert session.move.planned_off.causes == (Cause.HOLIDAY,)


def test_a_move_past_a_weekend_and_a_holiday_names_both():
    session = one(SeriesRule(start=date(2009, 11, 14)))

    assert session.start == date(2009, 11, 17)
    assert session.reason == (
        "2009-11-14 is a Saturday and 2009-11-16 is a holiday (Día de la Revolución), "
        "moved to Tuesday 2009-11-17"
    )
    assert [off.day for off in session.move.skipped] == [
        date(2009, 11, 14),
        date(2009, 11, 15),
        date(2009, 11, 16),
    ]


def test_a_holiday_on_a_saturday_gives_both_reasons():
    session = one(SeriesRule(start=date(2010, 5, 1)))

    assert session.reason == (
        "2010-05-01 is a Saturday and a holiday (Día del Trabajo), moved to Monday 2010-05-03"
    )


def test_calendar_reasons_read_as_english_phrases():
    assert MX.reason(date(2010, 1, 23)) == "a Saturday"
    assert MX.reason(date(2009, 11, 16)) == "a holiday (Día de la Revolución)"
    assert MX.reason(date(2009, 11, 17)) is None
    assert MX.is_business_day(date(2009, 11, 17))
    assert not MX.is_business_day(date(2010, 2, 1))
    assert BusinessCalendar("MX", blackout_dates={date(2009, 11, 18)}).reason(
        date(2009, 11, 18)
    ) == ("a blackout date")


def test_holiday_names_follow_the_requested_language_not_the_process_locale(monkeypatch):
    monkeypatch.setenv("LANGUAGE", "en_US")
    monkeypatch.setenv("LANG", "en_US.UTF-8")

    assert BusinessCalendar("MX").holiday_name(date(2009, 11, 16)) == "Día de la Revolución"
    english = BusinessCalendar("MX", language="en_US")
    assert english.holiday_name(date(2009, 11, 16)) == "Revolution Day"


# --------------------------------------------------------------------------- month arithmetic


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        (date(2009, 1, 31), 1, date(2009, 2, 28)),
        (date(2012, 1, 31), 1, date(2012, 2, 29)),
        (date(2009, 1, 31), 2, date(2009, 3, 31)),
        (date(2009, 10, 23), 3, date(2010, 1, 23)),
        (date(2009, 12, 15), 1, date(2010, 1, 15)),
        (date(2010, 3, 31), -1, date(2010, 2, 28)),
    ],
)
def test_adding_months_clamps_to_the_end_of_the_month(day, months, expected):
    assert add_months(day, months) == expected


def test_a_monthly_series_from_the_31st_keeps_its_day_where_the_month_allows():
    rule = SeriesRule(start=date(2009, 1, 31), count=4, cadence_months=1)

    assert rule.planned_dates() == [
        date(2009, 1, 31),
        date(2009, 2, 28),
        date(2009, 3, 31),
        date(2009, 4, 30),
    ]


# --------------------------------------------------------------------------- conventions


@pytest.mark.parametrize(
    ("planned", "convention", "expected"),
    [
        (date(2010, 1, 23), Convention.NEXT, date(2010, 1, 25)),  # Saturday
        (date(2010, 1, 23), Convention.PREVIOUS, date(2010, 1, 22)),
        (date(2010, 1, 23), Convention.NEAREST, date(2010, 1, 22)),  # Friday is closer
        (date(2010, 1, 24), Convention.NEAREST, date(2010, 1, 25)),  # Sunday: Monday closer
        (date(2009, 9, 16), Convention.NEAREST, date(2009, 9, 17)),  # Wednesday: tie, next
        (date(2009, 11, 16), Convention.PREVIOUS, date(2009, 11, 13)),
        (date(2009, 11, 16), Convention.NEAREST, date(2009, 11, 17)),
        (date(2010, 2, 1), Convention.PREVIOUS, date(2010, 1, 29)),
    ],
)
def test_each_convention_moves_a_day_off_where_it_says(planned, convention, expected):
    session = one(SeriesRule(start=planned, convention=convention))

    assert session.start == expected
    assert session.move.convention is convention


def test_previous_convention_explains_the_move_backwards():
    session = one(SeriesRule(start=date(2010, 2, 1), convention="previous"))

    assert session.reason == (
        "2010-02-01 is a holiday (Día de la Constitución), moved to Friday 2010-01-29"
    )


# --------------------------------------------------------------------------- order


def test_a_session_never_starts_before_the_previous_one_ends():
    rule = SeriesRule(start=date(2010, 1, 4), count=2, cadence_months=1, length_days=25)

    first, second = generate(rule, MX)

    assert first.end == date(2010, 2, 8)  # 25 business days, skipping Constitution Day
    assert date(2010, 2, 1) not in first.days
    assert second.planned == date(2010, 2, 4)
    assert second.start == date(2010, 2, 9)
    assert second.move.after_previous == date(2010, 2, 8)
    assert second.reason == (
        "2010-02-04 is before the previous session ends on Monday 2010-02-08, "
        "moved to Tuesday 2010-02-09"
    )


def test_a_previous_move_into_the_previous_session_goes_forward_instead():
    # The first session runs 21 business days from Thursday 2009-12-31 to Friday 2010-01-29;
    # the second is planned on Constitution Day and PREVIOUS would put it on that Friday.
    rule = SeriesRule(
        start=date(2010, 1, 1),
        count=2,
        cadence_months=1,
        length_days=21,
        convention=Convention.PREVIOUS,
    )

    first, second = generate(rule, MX)

    assert first.start == date(2009, 12, 31)
    assert first.end == date(2010, 1, 29)
    assert second.start == date(2010, 2, 2)
    assert second.reason == (
        "2010-02-01 is a holiday (Día de la Constitución) and the previous session runs until "
        "Friday 2010-01-29, moved to Tuesday 2010-02-02"
    )
    assert [off.day for off in second.move.skipped] == [
        date(2010, 2, 1),
        date(2010, 1, 30),
        date(2010, 1, 31),
    ]


# --------------------------------------------------------------------------- nth weekday


def test_every_third_friday_starts_with_the_first_one_on_or_after_the_start():
    rule = SeriesRule(
        start=date(2009, 10, 23),
        count=4,
        cadence_months=1,
        nth_weekday=NthWeekday(weekday=4, n=3),
    )

    assert [s.start for s in generate(rule, MX)] == [
        date(2009, 11, 20),
        date(2009, 12, 18),
        date(2010, 1, 15),
        date(2010, 2, 19),
    ]


def test_the_first_month_counts_when_its_nth_weekday_is_on_or_after_the_start():
    rule = SeriesRule(start=date(2009, 10, 16), nth_weekday=NthWeekday(weekday=4, n=3))

    assert rule.planned_dates() == [date(2009, 10, 16)]


def test_a_fifth_weekday_falls_back_to_the_last_one_in_a_four_week_month():
    assert nth_weekday_of_month(2010, 2, 4, 5) == date(2010, 2, 26)
    assert nth_weekday_of_month(2010, 4, 4, 5) == date(2010, 4, 30)
    assert nth_weekday_of_month(2010, 4, 4, -1) == date(2010, 4, 30)
    assert nth_weekday_of_month(2010, 4, 0, 1) == date(2010, 4, 5)


def test_an_nth_weekday_on_a_holiday_moves_like_any_other_date():
    # The third Monday of November 2009 is Revolution Day.
    rule = SeriesRule(start=date(2009, 11, 1), nth_weekday=NthWeekday(weekday=0, n=3))

    session = one(rule)

    assert session.planned == date(2009, 11, 16)
    assert session.start == date(2009, 11, 17)


# --------------------------------------------------------------------------- blackouts


def test_blackout_dates_of_the_program_the_venue_and_the_rule_all_count():
    program = {date(2010, 4, 23)}
    venue = {date(2010, 4, 26)}
    calendar = BusinessCalendar("MX", blackout_dates=combine_blackouts(program, venue, None))
    rule = SeriesRule(start=date(2010, 4, 23), length_days=2, blackout_dates={date(2010, 4, 28)})

    session = one(rule, calendar)

    assert session.days == (date(2010, 4, 27), date(2010, 4, 29))
    assert session.reason == (
        "2010-04-23 is a blackout date and 2010-04-26 is a blackout date, "
        "moved to Tuesday 2010-04-27"
    )
    assert session.move.planned_off.causes == (Cause.BLACKOUT,)


def test_combining_blackouts_is_a_plain_union():
    assert combine_blackouts([date(2010, 1, 4)], {date(2010, 1, 5)}, ()) == frozenset(
        {date(2010, 1, 4), date(2010, 1, 5)}
    )


# --------------------------------------------------------------------------- bad input


@pytest.mark.parametrize(
    ("changes", "field", "fragment"),
    [
        ({"cadence_months": 0}, "cadence_months", "at least 1, got 0"),
        ({"cadence_months": -3}, "cadence_months", "at least 1"),
        ({"cadence_months": None}, "cadence_months", "required when there is more than one"),
        ({"cadence_months": 1.5}, "cadence_months", "whole number"),
        ({"count": 0}, "count", "at least 1"),
        ({"count": True}, "count", "whole number"),
        ({"length_days": 0}, "length_days", "at least 1"),
        ({"start": "2009-10-23"}, "start", "must be a date"),
        ({"start": datetime(2009, 10, 23, 9)}, "start", "must be a date"),
        ({"convention": "sideways"}, "convention", "next, previous, nearest"),
        ({"blackout_dates": {"2010-01-01"}}, "blackout_dates", "only dates"),
        ({"blackout_dates": date(2010, 1, 1)}, "blackout_dates", "collection of dates"),
        ({"nth_weekday": (4, 3)}, "nth_weekday", "NthWeekday"),
        ({"start": date(9999, 1, 1)}, "count", "beyond year 9999"),
    ],
)
def test_a_bad_rule_is_refused_naming_the_field(changes, field, fragment):
    arguments = {"start": date(2009, 10, 23), "count": 4, "cadence_months": 3} | changes

    with pytest.raises(RuleError) as caught:
        SeriesRule(**arguments)

    assert caught.value.field == field
    assert fragment in str(caught.value)
    assert str(caught.value).startswith(f"{field}: ")


@pytest.mark.parametrize(
    ("weekday", "n", "field"),
    [
        (7, 1, "nth_weekday.weekday"),
        (-1, 1, "nth_weekday.weekday"),
        (4, 0, "nth_weekday.n"),
        (4, 6, "nth_weekday.n"),
        (4, -2, "nth_weekday.n"),
    ],
)
def test_an_nth_weekday_out_of_range_is_refused(weekday, n, field):
    with pytest.raises(RuleError) as caught:
        NthWeekday(weekday=weekday, n=n)

    assert caught.value.field == field


@pytest.mark.parametrize(
    ("arguments", "field"),
    [
        ({"country": "XX"}, "country"),
        ({"country": "MX", "subdivision": "ZZ"}, "subdivision"),
        ({"country": "MX", "language": "fr"}, "language"),
        ({"country": "MX", "weekend": {0, 1, 2, 3, 4, 5, 6}}, "weekend"),
        ({"country": "MX", "blackout_dates": ["soon"]}, "blackout_dates"),
    ],
)
def test_a_bad_calendar_is_refused_naming_the_field(arguments, field):
    with pytest.raises(RuleError) as caught:
        BusinessCalendar(**arguments)

    assert caught.value.field == field


@pytest.mark.parametrize(
    ("agencies", "count", "fragment"),
    [
        ([], 1, "at least one target agency"),
        (["CISEN", "SSP", "CISEN"], 1, "listed more than once"),
        (["CISEN", " "], 1, "non-blank"),
        ("CISEN", 1, "list of agency codes"),
        (["CISEN", "SSP", "PGR"], 2, "must be 1 or the number of agencies (3)"),
    ],
)
def test_per_agency_generation_refuses_bad_agency_lists(agencies, count, fragment):
    rule = SeriesRule(start=date(2009, 11, 9), count=count, cadence_months=1)

    with pytest.raises(RuleError) as caught:
        generate_per_agency(rule, MX, agencies)

    assert fragment in str(caught.value)


# --------------------------------------------------------------------------- properties

PROPERTY_SETTINGS = settings(max_examples=100, deadline=None)

starts = st.dates(min_value=date(2005, 1, 1), max_value=date(2030, 12, 31))
conventions = st.sampled_from(list(Convention))
nth_weekdays = st.none() | st.builds(
    NthWeekday, weekday=st.integers(0, 6), n=st.sampled_from([1, 2, 3, 4, 5, -1])
)


@st.composite
def rules(draw):
    start = draw(starts)
    count = draw(st.integers(1, 6))
    cadence = draw(st.integers(1, 12)) if count > 1 or draw(st.booleans()) else None
    # Blackouts near the sessions so that they matter: offsets up to ~6 years from the start.
    offsets = draw(st.lists(st.integers(-10, 2200), max_size=40))
    return SeriesRule(
        start=start,
        count=count,
        cadence_months=cadence,
        length_days=draw(st.integers(1, 30)),
        convention=draw(conventions),
        nth_weekday=draw(nth_weekdays),
        blackout_dates=frozenset(start + timedelta(days=o) for o in offsets),
    )


def month_index(day):
    return day.year * 12 + day.month - 1


def assert_sessions_keep_the_rules(sessions, convention, blackouts):
    previous = None
    for session in sessions:
        assert isinstance(session, PlannedSession)
        # It runs on business days only, consecutive ones, as many as asked.
        assert session.days[0] == session.start
        assert session.days[-1] == session.end
        for day in session.days:
            assert not is_off(day, blackouts)
        for day, following in pairwise(session.days):
            assert following == brute_next(day + timedelta(days=1), blackouts)
        # Order: it starts after the previous one ends.
        if previous is not None:
            assert session.start > previous.end
            assert session.index == previous.index + 1
        # The move: none, the convention's (checked by brute force), or forced by order.
        if not session.moved:
            assert session.start == session.planned
            assert not is_off(session.planned, blackouts)
        else:
            move = session.move
            assert move.planned == session.planned
            assert move.to == session.start
            assert session.reason.endswith(f"{session.start.isoformat()}")
            assert session.reason.startswith(session.planned.isoformat())
            by_convention = brute_convention(session.planned, convention, blackouts)
            if move.after_previous is None:
                assert session.start == by_convention
            else:
                assert previous is not None
                assert move.after_previous == previous.end
                assert by_convention <= previous.end
                assert session.start == brute_next(previous.end + timedelta(days=1), blackouts)
        previous = session


@PROPERTY_SETTINGS
@given(rule=rules())
def test_generated_sessions_keep_every_rule(rule):
    sessions = generate(rule, MX)

    assert len(sessions) == rule.count
    assert [s.index for s in sessions] == list(range(1, rule.count + 1))
    assert all(len(s.days) == rule.length_days for s in sessions)
    assert_sessions_keep_the_rules(sessions, rule.convention, rule.blackout_dates)


@PROPERTY_SETTINGS
@given(rule=rules())
def test_planned_dates_keep_the_cadence_exactly(rule):
    planned = [s.planned for s in generate(rule, MX)]
    step = rule.cadence_months or 0

    first = planned[0]
    assert first >= rule.start if rule.nth_weekday else first == rule.start
    for i, day in enumerate(planned):
        assert month_index(day) == month_index(first) + i * step
        days_in_month = stdlib_calendar.monthrange(day.year, day.month)[1]
        if rule.nth_weekday is None:
            assert day.day == min(rule.start.day, days_in_month)
        else:
            nth = rule.nth_weekday
            assert day.weekday() == nth.weekday
            occurrence = (day.day - 1) // 7 + 1
            is_last = day.day + 7 > days_in_month
            if nth.n == -1 or (nth.n == 5 and is_last):
                assert is_last
            else:
                assert occurrence == nth.n


@PROPERTY_SETTINGS
@given(rule=rules())
def test_moves_stay_within_the_run_of_days_off_they_escape(rule):
    for session in generate(rule, MX):
        if session.moved and session.move.after_previous is None:
            low, high = sorted([session.planned, session.start])
            # Every day strictly between the planned date and the start is a day off.
            day = low + timedelta(days=1)
            while day < high:
                assert is_off(day, rule.blackout_dates)
                day += timedelta(days=1)
            if rule.convention is Convention.NEXT:
                assert session.start > session.planned
            elif rule.convention is Convention.PREVIOUS:
                assert session.start < session.planned


@PROPERTY_SETTINGS
@given(rule=rules(), agencies=st.lists(st.sampled_from(AGENCIES_2009), min_size=1, unique=True))
def test_per_agency_sessions_keep_every_rule(rule, agencies):
    rule = SeriesRule(
        start=rule.start,
        cadence_months=rule.cadence_months,
        length_days=rule.length_days,
        convention=rule.convention,
        nth_weekday=rule.nth_weekday,
        blackout_dates=rule.blackout_dates,
    )

    by_agency = generate_per_agency(rule, MX, agencies)

    assert list(by_agency) == agencies
    sessions = list(by_agency.values())
    if rule.cadence_months is None:
        first = brute_convention(rule.start, rule.convention, rule.blackout_dates)
        assert sessions[0].start == first
        for earlier, later in pairwise(sessions):
            assert later.start == brute_next(earlier.end + timedelta(days=1), rule.blackout_dates)
            for day in later.days + earlier.days:
                assert not is_off(day, rule.blackout_dates)
    else:
        assert_sessions_keep_the_rules(sessions, rule.convention, rule.blackout_dates)


@PROPERTY_SETTINGS
@given(rule=rules())
def test_the_same_input_gives_the_same_output(rule):
    shuffled = SeriesRule(
        start=rule.start,
        count=rule.count,
        cadence_months=rule.cadence_months,
        length_days=rule.length_days,
        convention=rule.convention.value,
        nth_weekday=rule.nth_weekday,
        blackout_dates=sorted(rule.blackout_dates, reverse=True),
    )

    first = generate(rule, MX)
    again = generate(shuffled, BusinessCalendar("MX"))

    assert shuffled == rule
    assert first == again
    assert [s.reason for s in first] == [s.reason for s in again]


@PROPERTY_SETTINGS
@given(
    start=starts,
    blackout_offsets=st.lists(st.integers(0, 40), max_size=15),
    convention=conventions,
)
def test_business_day_lookups_match_brute_force_on_small_ranges(
    start, blackout_offsets, convention
):
    blackouts = frozenset(start + timedelta(days=o) for o in blackout_offsets)
    calendar = BusinessCalendar("MX", blackout_dates=blackouts)

    for offset in range(40):
        day = start + timedelta(days=offset)
        assert calendar.is_business_day(day) == (not is_off(day, blackouts))
        assert calendar.next_business_day(day) == brute_next(day, blackouts)
        assert calendar.previous_business_day(day) == brute_previous(day, blackouts)
        assert calendar.adjust(day, convention)[0] == brute_convention(day, convention, blackouts)


@PROPERTY_SETTINGS
@given(day=starts, months=st.integers(-120, 120))
def test_adding_months_matches_counting_months_one_by_one(day, months):
    result = add_months(day, months)

    assert month_index(result) == month_index(day) + months
    assert result.day == min(day.day, stdlib_calendar.monthrange(result.year, result.month)[1])


@PROPERTY_SETTINGS
@given(
    year=st.integers(2000, 2040),
    month=st.integers(1, 12),
    weekday=st.integers(0, 6),
    n=st.sampled_from([1, 2, 3, 4, 5, -1]),
)
def test_nth_weekday_matches_listing_the_month(year, month, weekday, n):
    days_in_month = stdlib_calendar.monthrange(year, month)[1]
    matching = [
        date(year, month, d)
        for d in range(1, days_in_month + 1)
        if date(year, month, d).weekday() == weekday
    ]

    expected = matching[-1] if n == -1 else matching[min(n, len(matching)) - 1]

    assert nth_weekday_of_month(year, month, weekday, n) == expected
