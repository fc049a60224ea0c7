"""Reminders of unanswered invitations: the task sends exactly the due ones, not twice within
the interval, never after expiry; run periodically through the Django Tasks API."""

import datetime

import pytest
from django.core.management import call_command
from django.utils import timezone
from django_tasks import TaskResultStatus, default_task_backend

from nonprolif.events.models import SpeakerInvitation
from nonprolif.events.speakers.domain.answers import respond_to_invitation
from nonprolif.events.speakers.domain.reminders import send_due_reminders
from nonprolif.events.speakers.tasks import send_invitation_reminders, start_reminder_cycle

DAY = datetime.timedelta(days=1)


def age(sent, days: float) -> SpeakerInvitation:
    """Pretend the invitation was sent ``days`` ago (and expires 30 days after that)."""
    created = timezone.now() - days * DAY
    SpeakerInvitation.objects.filter(pk=sent.invitation.pk).update(
        created_at=created, expires_at=created + 30 * DAY
    )
    return SpeakerInvitation.objects.get(pk=sent.invitation.pk)


@pytest.fixture
def due(invite, speaker, other_speaker, mailoutbox):
    """Two invitations sent 8 days ago, unanswered; the outbox emptied."""
    first, second = invite(speaker), invite(other_speaker)
    age(first, 8)
    age(second, 8)
    mailoutbox.clear()
    return first, second


def test_task_reminds_each_unanswered_speaker_once_with_his_link(due, mailoutbox):
    result = send_invitation_reminders.enqueue()
    assert result.status == TaskResultStatus.SUCCESSFUL
    assert result.return_value == 2
    assert sorted(m.to[0] for m in mailoutbox) == ["alice@example.org", "bruno@example.org"]
    by_address = {m.to[0]: m for m in mailoutbox}
    assert due[0].url in by_address["alice@example.org"].body
    assert due[1].url in by_address["bruno@example.org"].body
    invitation = SpeakerInvitation.objects.get(pk=due[0].invitation.pk)
    assert invitation.reminders_sent == 1
    assert invitation.last_reminded_at is not None


def test_no_second_reminder_within_the_interval_then_one_after_it(due, mailoutbox):
    now = timezone.now()
    assert send_due_reminders(now=now) == 2
    assert send_due_reminders(now=now + 6 * DAY) == 0
    assert len(mailoutbox) == 2
    assert send_due_reminders(now=now + 7 * DAY) == 2
    assert len(mailoutbox) == 4
    assert SpeakerInvitation.objects.get(pk=due[0].invitation.pk).reminders_sent == 2


def test_recent_invitations_are_not_reminded(invite, speaker, mailoutbox):
    age(invite(speaker), 6)
    mailoutbox.clear()
    assert send_due_reminders() == 0
    assert mailoutbox == []


def test_no_reminder_after_expiry_revocation_or_an_answer(coordinator, due, mailoutbox):
    first, second = due
    SpeakerInvitation.objects.filter(pk=first.invitation.pk).update(
        expires_at=timezone.now() - datetime.timedelta(seconds=1)
    )
    respond_to_invitation(invitation=second.invitation, response="declined")
    assert send_due_reminders() == 0
    assert mailoutbox == []


def test_reminders_respect_the_configured_interval(due, settings, mailoutbox):
    settings.SPEAKER_REMINDER_DAYS = 10
    assert send_due_reminders() == 0
    settings.SPEAKER_REMINDER_DAYS = 3
    assert send_due_reminders() == 2


def test_a_failing_mail_server_leaves_the_invitation_to_the_next_run(due, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = 9
    assert send_due_reminders() == 0
    assert SpeakerInvitation.objects.get(pk=due[0].invitation.pk).reminders_sent == 0


def test_periodic_run_enqueues_the_next_one_later(due, settings, mailoutbox):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    first = start_reminder_cycle()
    assert first.kwargs == {"repeat": True}
    assert mailoutbox == []  # the dummy backend only queues
    # a worker runs it: it sends the due reminders and queues the next run a day later
    assert send_invitation_reminders.call(**first.kwargs) == 2
    queued = default_task_backend.results
    assert len(queued) == 2
    later = queued[-1].task.run_after
    assert later - timezone.now() > datetime.timedelta(hours=23)
    assert queued[-1].kwargs == {"repeat": True}


def test_immediate_backend_does_not_loop(due, mailoutbox):
    result = send_invitation_reminders.enqueue(repeat=True)
    assert result.status == TaskResultStatus.SUCCESSFUL
    assert len(mailoutbox) == 2


def test_database_backend_cycle_is_started_once(due, settings):
    from django_tasks_db.models import DBTaskResult

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    assert start_reminder_cycle() is not None
    assert start_reminder_cycle() is None
    assert DBTaskResult.objects.filter(task_path__endswith="send_invitation_reminders").count() == 1


def test_management_command_sends_due_reminders(due, mailoutbox, capsys):
    call_command("send_reminders")
    assert "2 reminder(s) sent." in capsys.readouterr().out
    assert len(mailoutbox) == 2
