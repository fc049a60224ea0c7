"""Overdue follows the demo clock: with NONPROLIF_TODAY set, an item is overdue by the days
from its due date to the fixed date (on the real clock it would be thousands of days)."""

import datetime

from django.urls import reverse

from nonprolif.events.coordination.queries.action_items import get_action_item_for
from nonprolif.events.models import ActionItem


def test_days_overdue_count_to_the_fixed_date(settings, coordinator, item):
    settings.NONPROLIF_TODAY = datetime.date(2009, 9, 25)
    shown = get_action_item_for(coordinator, item.pk)
    assert (shown.overdue, shown.days_overdue) == (True, 10)
    assert list(ActionItem.objects.overdue()) == [item]
    assert item.is_overdue


def test_before_the_due_date_on_the_fixed_clock_nothing_is_overdue(settings, coordinator, item):
    settings.NONPROLIF_TODAY = datetime.date(2009, 9, 15)
    shown = get_action_item_for(coordinator, item.pk)
    assert (shown.overdue, shown.days_overdue) == (False, 0)
    assert not ActionItem.objects.overdue().exists()


def test_the_action_item_page_reads_the_days_from_the_fixed_date(
    settings, as_user, coordinator, item
):
    settings.NONPROLIF_TODAY = datetime.date(2009, 9, 25)
    page = as_user(coordinator).get(
        reverse("action_item_detail", args=[item.pk]), HTTP_ACCEPT_LANGUAGE="en"
    )
    assert page.status_code == 200
    assert page.context["item"].days_overdue == 10
