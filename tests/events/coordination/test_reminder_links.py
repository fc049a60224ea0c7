"""Overdue reminders come from the task (no request): their link starts with SITE_URL; and
with the demo clock, the days overdue count from the fixed date."""

import datetime

from django.core import mail

from nonprolif.events.coordination.domain.reminders import remind_overdue_action_items
from nonprolif.events.coordination.tasks import remind_overdue


def test_a_reminder_from_the_task_links_to_site_url(settings, item):
    settings.SITE_URL = "https://nonprolif.example.gob.mx/"
    settings.NONPROLIF_TODAY = datetime.date(2009, 9, 25)
    assert remind_overdue.call() == 1
    body = mail.outbox[0].body
    assert f"https://nonprolif.example.gob.mx/action-items/{item.pk}/" in body
    assert "(hace 10 días)" in body  # due 15 Sep 2009, today 25 Sep 2009


def test_a_reminder_sent_for_a_request_links_to_its_address(settings, item):
    settings.SITE_URL = "https://nonprolif.example.gob.mx"
    settings.NONPROLIF_TODAY = datetime.date(2009, 9, 25)
    remind_overdue_action_items(base_url="http://office.example.mx/")
    assert f"http://office.example.mx/action-items/{item.pk}/" in mail.outbox[0].body
