import datetime
from unittest import mock

import pytest
from django.core import mail
from django.utils import timezone

from nonprolif.core.models import AuditEntry
from nonprolif.core.roles import Role
from nonprolif.events.coordination.domain.action_items import change_action_item_status
from nonprolif.events.coordination.tasks import remind_overdue
from nonprolif.events.models import ActionItem, ActionStatus
from tests.factories import UserFactory

UTC = datetime.UTC
# 16 Sep 2009 03:00 UTC is still 15 Sep (22:00) in Mexico City.
LATE_EVENING_15_SEP = datetime.datetime(2009, 9, 16, 3, 0, tzinfo=UTC)
MORNING_16_SEP = datetime.datetime(2009, 9, 16, 15, 0, tzinfo=UTC)


def test_an_item_is_overdue_only_after_its_due_date_in_the_program_time_zone(item):
    assert not ActionItem.objects.overdue(LATE_EVENING_15_SEP).exists()
    assert list(ActionItem.objects.overdue(MORNING_16_SEP)) == [item]
    with mock.patch.object(timezone, "now", return_value=LATE_EVENING_15_SEP):
        assert not item.is_overdue
    with mock.patch.object(timezone, "now", return_value=MORNING_16_SEP):
        assert item.is_overdue


@pytest.mark.parametrize("status", [ActionStatus.DONE, ActionStatus.CANCELLED])
def test_done_and_cancelled_items_are_never_overdue(item, coordinator, status):
    change_action_item_status(actor=coordinator, item=item, status=status)
    assert not ActionItem.objects.overdue(MORNING_16_SEP).exists()


def test_the_owner_official_is_reminded_in_his_language(item, official_a):
    official_a.language = "en"
    official_a.save()
    sent = remind_overdue.call()
    assert sent == 1
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [official_a.email]
    assert message.subject == "Overdue action item: Send the list"
    assert f"/action-items/{item.pk}/" in message.body
    item.refresh_from_db()
    assert item.last_reminded_at is not None
    assert AuditEntry.objects.filter(action="action_item.remind").count() == 1


def test_without_an_official_the_owner_agency_liaisons_are_reminded(make_item, agency_a):
    make_item()
    liaison = UserFactory(username="liaison_es", agency=agency_a, roles=[Role.LIAISON])
    english = UserFactory(username="liaison_en", agency=agency_a, roles=[Role.LIAISON])
    english.language = "en"
    english.save()
    UserFactory(username="coordinator_x", agency=agency_a, roles=[Role.COORDINATOR])
    remind_overdue.call()
    by_address = {message.to[0]: message for message in mail.outbox}
    assert set(by_address) == {liaison.email, english.email}
    assert by_address[english.email].subject.startswith("Overdue action item")
    assert by_address[liaison.email].body.strip() != by_address[english.email].body.strip()


def test_an_item_is_reminded_at_most_once_per_interval(item):
    start = datetime.datetime(2009, 10, 1, 15, 0, tzinfo=UTC)
    with mock.patch.object(timezone, "now", return_value=start):
        assert remind_overdue.call(interval_days=7) == 1
    with mock.patch.object(timezone, "now", return_value=start + datetime.timedelta(days=3)):
        assert remind_overdue.call(interval_days=7) == 0
    with mock.patch.object(timezone, "now", return_value=start + datetime.timedelta(days=7)):
        assert remind_overdue.call(interval_days=7) == 1
    assert len(mail.outbox) == 2


def test_items_not_yet_due_or_closed_are_not_reminded(make_item, coordinator):
    make_item(due_date=datetime.date(2100, 1, 1))
    done = make_item()
    change_action_item_status(actor=coordinator, item=done, status=ActionStatus.DONE)
    assert remind_overdue.call() == 0
    assert mail.outbox == []


def test_the_command_reports_what_it_sent(item, capsys):
    from django.core.management import call_command

    call_command("remind_overdue", "--interval", "3")
    assert "1 reminders sent for 1 overdue action items." in capsys.readouterr().out
