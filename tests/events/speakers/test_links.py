"""The speaker's link starts with the address the coordinator reached the server at (the
request's host); without a request (reminders from the task) it starts with SITE_URL."""

import datetime

import pytest
from django.core import mail
from django.urls import reverse

from nonprolif.events.models import SpeakerInvitation
from nonprolif.events.speakers.tasks import send_invitation_reminders

from .conftest import token_of

HOST = "office.example.mx"
API = "/api/v1"


@pytest.fixture
def office_host(settings):
    settings.ALLOWED_HOSTS = [HOST, "testserver"]
    settings.SITE_URL = "https://nonprolif.example.gob.mx"
    return settings


def test_the_invitation_link_on_the_page_and_in_the_email_carries_the_request_host(
    as_user, coordinator, accept, speaker, office_host, mailoutbox
):
    accept(speaker)
    response = as_user(coordinator).post(
        reverse("speaker_invite", args=[speaker.pk]), {"days": "3"}, HTTP_HOST=HOST
    )
    assert response.status_code == 200
    sent = response.context["sent"]
    assert sent.url.startswith(f"http://{HOST}/")
    assert f'value="{sent.url}"' in response.content.decode()
    assert len(mailoutbox) == 1
    assert sent.url in mailoutbox[0].body
    assert sent.url in mailoutbox[0].alternatives[0][0]
    assert "localhost" not in mailoutbox[0].body
    assert "nonprolif.example.gob.mx" not in mailoutbox[0].body


def test_accepting_on_the_page_invites_with_the_request_host(
    as_user, coordinator, speaker, office_host, mailoutbox
):
    response = as_user(coordinator).post(
        reverse("speaker_decide", args=[speaker.pk]),
        {"decision": "accepted", "invite": "on"},
        HTTP_HOST=HOST,
    )
    sent = response.context["sent"]
    assert sent.url.startswith(f"http://{HOST}/")
    assert sent.url in mailoutbox[0].body


def test_the_api_answers_the_link_on_the_request_host(
    as_user, coordinator, accept, speaker, office_host, mailoutbox
):
    accept(speaker)
    response = as_user(coordinator).post(
        f"{API}/speakers/{speaker.pk}/invitations",
        {"days": 5},
        content_type="application/json",
        HTTP_HOST=HOST,
    )
    assert response.status_code == 201
    url = response.json()["url"]
    assert url.startswith(f"http://{HOST}/")
    assert url in mailoutbox[0].body


def test_an_outsider_gets_no_link_and_nothing_is_sent(
    as_user, outsider, accept, speaker, office_host, mailoutbox
):
    accept(speaker)
    response = as_user(outsider).post(
        reverse("speaker_invite", args=[speaker.pk]), {"days": "3"}, HTTP_HOST=HOST
    )
    assert response.status_code == 404
    assert not SpeakerInvitation.objects.exists()
    assert mailoutbox == []


def test_a_reminder_from_the_task_carries_site_url(invite, speaker, office_host):
    sent = invite(speaker)
    assert sent.url.startswith("https://nonprolif.example.gob.mx/")
    SpeakerInvitation.objects.filter(pk=sent.invitation.pk).update(
        created_at=sent.invitation.created_at - datetime.timedelta(days=8)
    )
    mail.outbox.clear()
    assert send_invitation_reminders.call() == 1
    body = mail.outbox[0].body
    assert f"https://nonprolif.example.gob.mx/speaker-invitation/{token_of(sent)}/" in body
    assert HOST not in body
