"""A speaker's page offers only the actions open in his state, and says nothing that
contradicts it; revoking an invitation asks for a confirmation."""

import pytest
from django.urls import reverse

from nonprolif.events.models import Speaker, SpeakerResponse, SpeakerStatus


@pytest.fixture(autouse=True)
def coordinator_in_english(coordinator):
    coordinator.language = "en"
    coordinator.save(update_fields=["language"])


def page(client, speaker):
    response = client.get(reverse("speaker_detail", args=[speaker.pk]))
    assert response.status_code == 200
    return response


def test_a_proposed_speaker_offers_accept_and_decline(as_user, coordinator, speaker):
    response = page(as_user(coordinator), speaker)
    choices = [
        value for value, _label in response.context["decision_form"].fields["decision"].choices
    ]
    assert choices == ["accepted", "declined"]
    assert "An invitation is sent once the speaker is accepted." in response.content.decode()


def test_a_speaker_who_accepted_offers_no_accept_nor_a_new_invitation(
    as_user, coordinator, accept, speaker
):
    accept(speaker)
    Speaker.objects.filter(pk=speaker.pk).update(response=SpeakerResponse.ACCEPTED)
    response = page(as_user(coordinator), speaker)
    text = response.content.decode()
    form = response.context["decision_form"]
    assert [value for value, _label in form.fields["decision"].choices] == ["declined"]
    assert "confirm" in form.fields
    assert 'value="accepted"' not in text
    assert "No invitation sent yet." not in text
    assert "was recorded without an invitation link" in text
    assert reverse("speaker_invite", args=[speaker.pk]) not in text


def test_an_accepted_speaker_awaiting_his_answer_can_be_invited(
    as_user, coordinator, accept, speaker
):
    accept(speaker)
    text = page(as_user(coordinator), speaker).content.decode()
    assert "No invitation sent yet." in text
    assert reverse("speaker_invite", args=[speaker.pk]) in text


def test_declining_an_accepted_speaker_needs_the_confirmation(
    as_user, coordinator, accept, speaker
):
    accept(speaker)
    client = as_user(coordinator)
    url = reverse("speaker_decide", args=[speaker.pk])
    response = client.post(url, {"decision": "declined", "reason": "Budget"})
    assert response.status_code == 400
    assert "confirm" in response.context["decision_form"].errors
    speaker.refresh_from_db()
    assert speaker.status == SpeakerStatus.ACCEPTED
    response = client.post(url, {"decision": "accepted"})
    assert response.status_code == 400  # not open: he is accepted already
    response = client.post(url, {"decision": "declined", "reason": "Budget", "confirm": "on"})
    assert response.status_code == 302
    speaker.refresh_from_db()
    assert speaker.status == SpeakerStatus.DECLINED


def test_a_declined_speaker_offers_only_to_accept_him_after_all(as_user, coordinator, speaker):
    Speaker.objects.filter(pk=speaker.pk).update(status=SpeakerStatus.DECLINED)
    response = page(as_user(coordinator), speaker)
    form = response.context["decision_form"]
    assert [value for value, _label in form.fields["decision"].choices] == ["accepted"]
    assert "Accept the speaker after all" in response.content.decode()


def test_revoking_asks_first_and_the_outsider_gets_404(
    as_user, coordinator, outsider, invite, speaker
):
    sent = invite(speaker)
    url = reverse("speaker_invitation_revoke", args=[sent.invitation.pk])
    response = as_user(coordinator).post(url)
    assert response.status_code == 200
    assert "stops working at once" in response.content.decode()
    sent.invitation.refresh_from_db()
    assert sent.invitation.revoked_at is None
    assert as_user(outsider).post(url, {"confirm": "1"}).status_code == 404
    sent.invitation.refresh_from_db()
    assert sent.invitation.revoked_at is None
    response = as_user(coordinator).post(url, {"confirm": "1"}, follow=True)
    assert "Invitation of Alice Anderson revoked" in response.content.decode()
    sent.invitation.refresh_from_db()
    assert sent.invitation.revoked_at is not None
