"""The demo clock: NONPROLIF_TODAY fixes the date of every date rule and shows a banner."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from nonprolif.core import clock


def test_real_clock_when_unset(settings):
    settings.NONPROLIF_TODAY = None
    assert clock.today() == timezone.localdate()
    assert abs((clock.now() - timezone.now()).total_seconds()) < 60


def test_fixed_date_keeps_the_time_of_day(settings):
    settings.NONPROLIF_TODAY = dt.date(2009, 3, 2)
    assert clock.today() == dt.date(2009, 3, 2)
    now = clock.now()
    assert now.utcoffset() == dt.timedelta(0)  # in UTC, like timezone.now()
    assert timezone.localtime(now).date() == dt.date(2009, 3, 2)
    assert timezone.localtime(now).hour == timezone.localtime().hour


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("", None),
        (None, None),
        ("2009-03-02", dt.date(2009, 3, 2)),
        (" 2009-03-02 ", dt.date(2009, 3, 2)),
    ],
)
def test_parse_today(value, expected):
    assert clock.parse_today(value) == expected


def test_parse_today_names_the_setting():
    with pytest.raises(ValueError, match="NONPROLIF_TODAY"):
        clock.parse_today("2 March 2009")


@pytest.mark.django_db
def test_every_page_shows_the_fixed_date(client, settings):
    settings.NONPROLIF_TODAY = dt.date(2009, 3, 2)
    page = client.get(reverse("login"), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert 'class="clock-banner"' in page
    assert "2009" in page
    settings.NONPROLIF_TODAY = None
    assert 'class="clock-banner"' not in client.get(reverse("login")).content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize(("language", "lang"), [("es-mx", "es-MX"), ("en", "en")])
def test_html_lang_names_the_region(client, language, lang):
    client.cookies["django_language"] = language
    page = client.get(reverse("login")).content.decode()
    assert f'<html lang="{lang}">' in page


def test_now_is_in_utc_like_the_database_gives_it_back(settings):
    settings.NONPROLIF_TODAY = None
    assert clock.now().utcoffset() == dt.timedelta(0)
    settings.NONPROLIF_TODAY = dt.date(2009, 3, 2)
    assert clock.now().utcoffset() == dt.timedelta(0)
    assert timezone.localtime(clock.now()).date() == dt.date(2009, 3, 2)
