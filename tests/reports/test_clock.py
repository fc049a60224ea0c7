"""The report is as of the demo clock's date when no date is asked for, and what was decided
on the demo clock reads as decided on its date."""

import datetime

import pytest


@pytest.fixture
def after_the_program(settings):
    """The clock fixed after the test program's last session (before the data are made)."""
    settings.NONPROLIF_TODAY = datetime.date(2010, 8, 10)
    return settings


def report_text(client, **options) -> str:
    page = client.get("/programs/prog-test/report/", {"lang": "en", "format": "md", **options})
    assert page.status_code == 200
    return " ".join(page.content.decode().split())  # the cable wraps its lines


def test_the_report_without_a_date_is_as_of_the_fixed_date(
    after_the_program, as_user, coordinator, report_data
):
    body = report_text(as_user(coordinator))
    assert "No training session is scheduled after 10 August 2010." in body
    assert "| 1 | Calendar | accepted | 2010-08-10 |" in body  # decided on the fixed date
    assert str(datetime.date.today().year) not in body


def test_with_the_clock_inside_the_program_the_next_sessions_are_listed(
    settings, as_user, coordinator, report_data
):
    settings.NONPROLIF_TODAY = datetime.date(2009, 11, 1)
    body = report_text(as_user(coordinator))
    assert "No training session is scheduled after" not in body
    assert "sessions after 1 November 2009:" in body
