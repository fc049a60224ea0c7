"""The calendar pages: month view, timeline, regeneration, CSV and XLSX exports."""

import datetime
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from nonprolif.training.calendar.queries import TimelineMonth, _label_months
from nonprolif.training.models import Session, SessionParticipant
from tests.conftest import AUDITED_READ_QUERIES
from tests.factories import ProposalItemFactory


def month_url(program, month=None):
    url = reverse("calendar_month", args=[program.code])
    return f"{url}?month={month}" if month else url


def test_the_month_view_shows_the_sessions_running_that_month(
    as_user, coordinator, calendar, program
):
    response = as_user(coordinator).get(month_url(program, "2010-01"))

    assert response.status_code == 200
    view = response.context["view"]
    assert [s.cohort for s in view.sessions] == [2]
    cells = {cell.day: cell for week in view.weeks for cell in week}
    assert [s.cohort for s in cells[datetime.date(2010, 1, 25)].sessions] == [2]
    assert cells[datetime.date(2010, 1, 23)].sessions == []  # the planned Saturday
    assert not cells[datetime.date(2010, 1, 23)].business
    assert "?month=2009-12" in response.content.decode()
    assert "?month=2010-02" in response.content.decode()


def test_the_month_view_names_holidays(as_user, coordinator, calendar, program):
    response = as_user(coordinator).get(month_url(program, "2009-11"))

    cells = {cell.day: cell for week in response.context["view"].weeks for cell in week}
    assert cells[datetime.date(2009, 11, 16)].note  # Revolution Day
    assert not cells[datetime.date(2009, 11, 16)].business


def test_the_month_view_opens_on_the_first_sessions_month(as_user, coordinator, calendar, program):
    response = as_user(coordinator).get(month_url(program))

    assert response.context["view"].month == datetime.date(2009, 10, 1)


def test_a_malformed_month_is_a_clear_error(as_user, coordinator, calendar, program):
    response = as_user(coordinator).get(month_url(program, "2010-13x"))

    assert response.status_code == 400
    assert "2010-13x" in response.context["error"]


def test_a_liaison_sees_only_what_concerns_his_agency(as_user, liaison_b, calendar, program):
    response = as_user(liaison_b).get(month_url(program, "2009-11"))

    agencies = {s.audience_agency.code for s in response.context["view"].sessions}
    assert agencies == {"BBB"}


def test_outsiders_get_404_on_every_calendar_page(as_user, outsider, calendar, program):
    client = as_user(outsider)
    for name in (
        "calendar_month",
        "calendar_timeline",
        "calendar_csv",
        "calendar_xlsx",
        "feed_list",
        "calendar_regenerate",
    ):
        assert client.get(reverse(name, args=[program.code])).status_code == 404, name


def test_the_timeline_has_a_row_per_session_in_item_order(as_user, auditor, calendar, program):
    response = as_user(auditor).get(reverse("calendar_timeline", args=[program.code]))

    timeline = response.context["timeline"]
    assert [(r.session.item_number, r.session.cohort) for r in timeline.rows][:4] == [
        (1, 1),
        (1, 2),
        (1, 3),
        (1, 4),
    ]
    assert timeline.first == datetime.date(2009, 10, 1)
    assert timeline.months[0].span == 31
    assert timeline.rows[0].column == 23
    assert timeline.rows[0].span == 7


def test_the_coordinator_regenerates_and_confirms_held_back_changes(
    as_user, coordinator, cohort, training_item, accept, official_a, program
):
    SessionParticipant.objects.create(session=cohort, official=official_a)
    accept(training_item, "amended", cadence_months=2)
    client = as_user(coordinator)
    url = reverse("calendar_regenerate", args=[program.code])

    page = client.get(url)
    assert [s.pk for s in page.context["pending"]] == [cohort.pk]

    response = client.post(url, {"confirm": "on"})

    assert response.status_code == 200
    assert [c.session_id for c in response.context["report"].updated] == [cohort.pk]
    cohort.refresh_from_db()
    assert cohort.start == datetime.date(2009, 12, 23)
    assert cohort.pending is None


@pytest.mark.parametrize("user", ["liaison_a", "partner", "auditor"])
def test_others_may_not_regenerate(
    user, request, as_user, cohort, official_a, training_item, accept, program
):
    SessionParticipant.objects.create(session=cohort, official=official_a)
    accept(training_item, "amended", cadence_months=2)

    response = as_user(request.getfixturevalue(user)).post(
        reverse("calendar_regenerate", args=[program.code]), {"confirm": "on"}
    )

    assert response.status_code == 403
    cohort.refresh_from_db()
    assert cohort.start == datetime.date(2010, 1, 25)
    assert cohort.pending is not None


def test_the_csv_export_holds_only_visible_rows(as_user, liaison_b, calendar, program):
    response = as_user(liaison_b).get(reverse("calendar_csv", args=[program.code]))

    assert response["Content-Type"].startswith("text/csv")
    lines = response.getvalue().decode("utf-8-sig").strip().splitlines()
    assert len(lines) == 1 + 4 + 1  # header, four cohorts, BBB's senior session
    assert "AAA" not in response.getvalue().decode()


def test_the_xlsx_export_holds_only_visible_rows(as_user, liaison_b, calendar, program):
    response = as_user(liaison_b).get(reverse("calendar_xlsx", args=[program.code]))

    rows = list(load_workbook(io.BytesIO(response.getvalue())).active.iter_rows(values_only=True))
    assert len(rows) == 6
    assert response["Content-Disposition"].endswith('.xlsx"')


def _sessions_in_october(proposal, accept, n):
    for index in range(n):
        item = ProposalItemFactory(
            proposal=proposal,
            number=20 + index,
            cohort_count=1,
            cadence_months=None,
            start_date=datetime.date(2009, 10, 5 + 7 * index),
            session_days=2,
        )
        accept(item)
    assert Session.objects.count() == n


@pytest.mark.parametrize("n", [1, 3])
def test_the_month_page_takes_a_fixed_number_of_queries(
    n, as_user, coordinator, proposal, accept, program, django_assert_num_queries
):
    _sessions_in_october(proposal, accept, n)
    client = as_user(coordinator)
    client.get(month_url(program, "2009-10"))  # warm the session

    with django_assert_num_queries(QUERIES_MONTH_PAGE):
        response = client.get(month_url(program, "2009-10"))

    assert len(response.context["view"].sessions) == n


@pytest.mark.parametrize("n", [1, 3])
def test_the_timeline_takes_a_fixed_number_of_queries(
    n, as_user, coordinator, proposal, accept, program, django_assert_num_queries
):
    _sessions_in_october(proposal, accept, n)
    client = as_user(coordinator)

    with django_assert_num_queries(QUERIES_TIMELINE):
        response = client.get(reverse("calendar_timeline", args=[program.code]))

    assert len(response.context["timeline"].rows) == n


QUERIES_MONTH_PAGE = 7 + AUDITED_READ_QUERIES  # +1: 2nd-factor device
QUERIES_TIMELINE = 6 + AUDITED_READ_QUERIES  # +1: 2nd-factor device


def test_the_timeline_writes_each_year_under_its_month_never_beside_it(
    as_user, auditor, calendar, program
):
    """A label "Oct 2009" beside "Nov" overlapped it: the year goes on a line of its own, under
    the first month of each year."""
    response = as_user(auditor).get(reverse("calendar_timeline", args=[program.code]))

    months = response.context["timeline"].months
    assert sum(month.labelled for month in months) <= 8
    assert months[0].labelled
    shown = [month.month for month in months if month.year_shown]
    assert shown[0] == datetime.date(2009, 10, 1)
    assert [day.year for day in shown] == sorted({month.month.year for month in months})
    body = response.content.decode()
    assert ">Oct 2009<" not in body
    assert 'class="timeline-month timeline-year" x="0.000%" dx="3" y="27">2009</text>' in body


def test_a_long_timeline_labels_at_most_eight_months():
    first = datetime.date(2009, 1, 1)
    months = [
        TimelineMonth(month=first.replace(year=2009 + n // 12, month=n % 12 + 1), column=1, span=30)
        for n in range(30)
    ]
    _label_months(months)
    labelled = [month.month for month in months if month.labelled]
    assert len(labelled) <= 8
    assert labelled[:3] == [
        datetime.date(2009, 1, 1),
        datetime.date(2009, 5, 1),
        datetime.date(2009, 9, 1),
    ]
    assert [m.month.year for m in months if m.year_shown] == [2009, 2010, 2011]
