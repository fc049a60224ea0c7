"""A classified exercise's improvement plan keeps the exercise's access wherever its action
items appear: the after-action meeting and its items in the coordination pages, the status
report, and the reminders (e-mail is not cleared for classified text)."""

import datetime

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from nonprolif.events.coordination.domain.reminders import remind_overdue_action_items
from nonprolif.events.models import ActionItem, Meeting
from nonprolif.reports.queries import cable_facts
from tests.preparedness.factories import exercise_with_roles, level

TITLES = (b"Update the customs alert protocol", b"Actualizar el protocolo")


@pytest.fixture
def built(db):
    built = exercise_with_roles(classification=level("S"))
    built.director.clearance = level("S")
    built.director.save()
    return built


def test_an_uncleared_player_reads_neither_the_meeting_nor_its_items(built, add_action, as_user):
    action = add_action(actor=built.director)
    client = as_user(built.player)  # of agency B, which takes part; no clearance
    pages = {
        "plan": reverse("preparedness_improvement", args=[built.exercise.pk]),
        "meeting": reverse("meeting_coordination", args=[action.action_item.meeting_id]),
        "item": reverse("action_item_detail", args=[action.action_item.pk]),
    }
    for name, url in pages.items():
        assert client.get(url).status_code == 404, name
    listing = client.get(reverse("program_action_items", args=[built.program.code]))
    assert not any(title in listing.content for title in TITLES)
    assert not ActionItem.objects.visible_to(built.player).exists()
    assert not Meeting.objects.visible_to(built.player).exists()


def test_an_uncleared_coordinator_reads_them_not_and_a_cleared_one_does(built, add_action, as_user):
    action = add_action(actor=built.director)
    url = reverse("action_item_detail", args=[action.action_item.pk])
    assert as_user(built.coordinator).get(url).status_code == 404
    built.coordinator.clearance = level("S")
    built.coordinator.save()
    assert as_user(built.coordinator).get(url).status_code == 200
    built.player.clearance = level("S")
    built.player.save()
    assert ActionItem.objects.visible_to(built.player).get() == action.action_item


def test_the_status_report_of_an_uncleared_coordinator_leaves_them_out(built, add_action):
    add_action(actor=built.director)  # due 2010-06-30
    facts = cable_facts(
        built.coordinator, built.program, language="en", as_of=datetime.date(2010, 8, 1)
    )
    assert [i.title for i in facts.overdue if "customs alert" in i.title] == []


def test_the_reminder_names_no_classified_text(built, add_action):
    built.player.email = "player@exb.example"  # a liaison of agency B, the owner
    built.player.save()
    action = add_action(actor=built.director)  # due 2010-06-30, owned by agency B
    remind_overdue_action_items(now=timezone.make_aware(datetime.datetime(2010, 8, 1, 12)))
    assert {address for m in mail.outbox for address in m.to} >= {"player@exb.example"}
    for message in mail.outbox:
        text = message.subject + message.body
        assert "customs alert" not in text
        assert "protocolo de alerta" not in text
        assert reverse("action_item_detail", args=[action.action_item.pk]) in message.body
