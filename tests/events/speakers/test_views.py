import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from nonprolif.events.models import Speaker, SpeakerInvitation, SpeakerResponse, SpeakerStatus
from tests.conftest import AUDITED_READ_QUERIES

from .conftest import GIF, PNG, make_speaker, token_of

# --- the speaker's own page ---------------------------------------------------------------


def page(client, sent):
    return client.get(reverse("speaker_invitation", args=[token_of(sent)]))


def test_invitation_link_works_without_login_and_only_for_its_speaker(
    client, invite, speaker, other_speaker
):
    mine, theirs = invite(speaker), invite(other_speaker)
    response = page(client, mine)
    assert response.status_code == 200
    assert response.context["speaker"] == speaker
    body = response.content.decode()
    assert "Alice Anderson" in body
    assert "Test conference" in body or "Conferencia de prueba" in body
    # nothing of any other speaker
    for secret in ("Bruno", "bruno@example.org", "wheelchair", "Secret bio"):
        assert secret not in body
    assert response["Cache-Control"].startswith("private")
    assert "no-store" in response["Cache-Control"]
    assert response["Referrer-Policy"] == "same-origin"  # the token never leaves the site
    # the other link opens the other speaker's page, and nothing of this one
    other = page(client, theirs).content.decode()
    assert "Bruno Bertrand" in other
    assert "Alice" not in other
    assert "alice@example.org" not in other


@pytest.mark.parametrize("how", ["revoked", "expired", "unknown", "speaker declined"])
def test_invitation_link_is_404_when_not_valid(client, coordinator, invite, speaker, how):
    sent = invite(speaker)
    token = token_of(sent)
    if how == "revoked":
        client_c = client.__class__()
        client_c.force_login(coordinator)
        response = client_c.post(
            reverse("speaker_invitation_revoke", args=[sent.invitation.pk]), {"confirm": "1"}
        )
        assert response.status_code == 302
    elif how == "expired":
        SpeakerInvitation.objects.filter(pk=sent.invitation.pk).update(
            expires_at=timezone.now() - datetime.timedelta(seconds=1)
        )
    elif how == "unknown":
        token = token[:-2] + ("AA" if not token.endswith("AA") else "BB")
    else:
        Speaker.objects.filter(pk=speaker.pk).update(status=SpeakerStatus.DECLINED)
    response = client.get(reverse("speaker_invitation", args=[token]))
    assert response.status_code == 404
    assert "Alice" not in response.content.decode()
    assert client.get(reverse("speaker_invitation_photo", args=[token])).status_code == 404


def test_speaker_answers_through_the_link(client, invite, speaker):
    sent = invite(speaker)
    url = reverse("speaker_invitation", args=[token_of(sent)])
    response = client.post(
        url,
        {
            "response": "accepted",
            "bio_es": "Experta en contraproliferación",
            "bio_en": "Counterproliferation expert",
            "travel_needs": "Aisle seat",
            "photo": SimpleUploadedFile("me.png", PNG, content_type="image/png"),
        },
    )
    assert response.status_code == 200
    assert response.context["done"]
    speaker.refresh_from_db()
    assert speaker.response == SpeakerResponse.ACCEPTED
    assert speaker.travel_needs == "Aisle seat"
    photo = client.get(reverse("speaker_invitation_photo", args=[token_of(sent)]))
    assert photo.status_code == 200
    assert photo["Content-Type"] == "image/png"
    assert b"".join(photo.streaming_content) == PNG


def test_a_bad_photo_is_refused_on_the_page_and_nothing_changes(client, invite, speaker):
    sent = invite(speaker)
    response = client.post(
        reverse("speaker_invitation", args=[token_of(sent)]),
        {
            "response": "accepted",
            "bio_en": "New bio",
            "photo": SimpleUploadedFile("me.jpg", GIF, content_type="image/jpeg"),
        },
    )
    assert response.status_code == 400
    assert "photo" in response.context["form"].errors
    speaker.refresh_from_db()
    assert (speaker.response, speaker.bio_en) == (SpeakerResponse.PENDING, "")


# --- the organisers' pages ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("user", "status"), [("coordinator", 200), ("partner", 200), ("auditor", 200)]
)
def test_speaker_pages_for_those_with_speaker_records(as_user, request, user, status, speaker):
    client = as_user(request.getfixturevalue(user))
    response = client.get(reverse("speaker_list", args=[speaker.conference.pk]))
    assert response.status_code == status
    assert response.context["speakers"] == [speaker]
    assert client.get(reverse("speaker_detail", args=[speaker.pk])).status_code == status


@pytest.mark.parametrize(
    "user", ["liaison_a", "liaison_b", "outsider", "administrator", "other_partner"]
)
def test_speaker_pages_are_404_for_everybody_else(as_user, request, user, invite, speaker):
    sent = invite(speaker)
    client = as_user(request.getfixturevalue(user))
    conference_id = speaker.conference.pk
    assert client.get(reverse("speaker_list", args=[conference_id])).status_code == 404
    assert client.get(reverse("speaker_propose", args=[conference_id])).status_code == 404
    assert (
        client.post(reverse("speaker_propose", args=[conference_id]), {"name": "X"}).status_code
        == 404
    )
    assert client.get(reverse("speaker_detail", args=[speaker.pk])).status_code == 404
    assert client.get(reverse("speaker_photo", args=[speaker.pk])).status_code == 404
    for name, data in (
        ("speaker_decide", {"decision": "declined", "reason": "x"}),
        ("speaker_invite", {}),
    ):
        assert client.post(reverse(name, args=[speaker.pk]), data).status_code == 404
    revoke = reverse("speaker_invitation_revoke", args=[sent.invitation.pk])
    assert client.get(revoke).status_code == 404
    assert client.post(revoke).status_code == 404
    speaker.refresh_from_db()
    sent.invitation.refresh_from_db()
    assert speaker.status == SpeakerStatus.ACCEPTED
    assert sent.invitation.revoked_at is None
    assert Speaker.objects.count() == 1


def test_partner_proposes_through_the_form(as_user, partner, conference):
    response = as_user(partner).post(
        reverse("speaker_propose", args=[conference.pk]),
        {"name": "Dana Diaz", "topic_en": "Outreach", "languages": "en", "email": "d@example.org"},
    )
    speaker = Speaker.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("speaker_detail", args=[speaker.pk])
    assert speaker.proposed_by_agency.code == "PTR"


def test_bad_proposal_form_names_the_field(as_user, partner, conference):
    response = as_user(partner).post(
        reverse("speaker_propose", args=[conference.pk]), {"name": "Dana", "languages": "!"}
    )
    assert response.status_code == 400
    assert "languages" in response.context["form"].errors
    assert not Speaker.objects.exists()


def test_auditor_may_read_but_not_propose_or_decide(as_user, auditor, speaker):
    client = as_user(auditor)
    conference_id = speaker.conference.pk
    assert client.get(reverse("speaker_propose", args=[conference_id])).status_code == 403
    response = client.post(reverse("speaker_decide", args=[speaker.pk]), {"decision": "accepted"})
    assert response.status_code == 403
    speaker.refresh_from_db()
    assert speaker.status == SpeakerStatus.PROPOSED


def test_partner_cannot_decide_on_his_own_proposal(as_user, partner, speaker):
    response = as_user(partner).post(
        reverse("speaker_decide", args=[speaker.pk]), {"decision": "accepted"}
    )
    assert response.status_code == 403
    speaker.refresh_from_db()
    assert speaker.status == SpeakerStatus.PROPOSED


def test_coordinator_accepts_and_sees_the_link_once(as_user, coordinator, speaker, mailoutbox):
    client = as_user(coordinator)
    response = client.post(
        reverse("speaker_decide", args=[speaker.pk]), {"decision": "accepted", "invite": "on"}
    )
    assert response.status_code == 200
    sent = response.context["sent"]
    assert sent.url in response.content.decode()
    assert len(mailoutbox) == 1
    # the next visit of the page no longer shows it
    again = client.get(reverse("speaker_detail", args=[speaker.pk])).content.decode()
    assert sent.url not in again
    assert token_of(sent) not in again


def test_declining_without_reason_is_refused_on_the_page(as_user, coordinator, speaker):
    response = as_user(coordinator).post(
        reverse("speaker_decide", args=[speaker.pk]), {"decision": "declined", "reason": ""}
    )
    assert response.status_code == 400
    assert "reason" in response.context["decision_form"].errors
    speaker.refresh_from_db()
    assert speaker.status == SpeakerStatus.PROPOSED


def test_coordinator_sends_a_new_invitation_and_revokes_it(
    as_user, coordinator, accept, speaker, client
):
    accept(speaker)
    staff = as_user(coordinator)
    response = staff.post(reverse("speaker_invite", args=[speaker.pk]), {"days": "3"})
    sent = response.context["sent"]
    assert (sent.invitation.expires_at - sent.invitation.created_at).days == 3
    assert client.get(reverse("speaker_invitation", args=[token_of(sent)])).status_code == 200
    revoke = reverse("speaker_invitation_revoke", args=[sent.invitation.pk])
    question = staff.get(revoke)  # the confirmation: nothing revoked yet
    assert question.status_code == 200
    assert question.context["cancel_url"] == reverse("speaker_detail", args=[speaker.pk])
    assert '<input type="hidden" name="confirm" value="1">' in question.content.decode()
    assert staff.post(revoke).status_code == 200  # a post without confirm: the same question
    assert client.get(reverse("speaker_invitation", args=[token_of(sent)])).status_code == 200
    staff.post(revoke, {"confirm": "1"})
    assert client.get(reverse("speaker_invitation", args=[token_of(sent)])).status_code == 404


def test_partner_sees_no_invitations_of_his_speakers(as_user, partner, invite, speaker):
    invite(speaker)
    response = as_user(partner).get(reverse("speaker_detail", args=[speaker.pk]))
    assert response.context["invitations"] == []
    assert reverse("speaker_invite", args=[speaker.pk]) not in response.content.decode()


@pytest.mark.parametrize("n", [1, 3])
def test_speaker_list_query_count_does_not_grow(
    n, as_user, coordinator, conference, partner_agency, invite, django_assert_num_queries
):
    for i in range(n):
        invite(make_speaker(conference, partner_agency, f"Speaker {i}"))
    client = as_user(coordinator)
    client.get(reverse("speaker_list", args=[conference.pk]))  # warm the session
    with django_assert_num_queries(8 + AUDITED_READ_QUERIES):  # +1: 2nd-factor device
        response = client.get(reverse("speaker_list", args=[conference.pk]))
    assert len(response.context["speakers"]) == n


def test_partner_sees_the_photo_of_his_programs_speaker(as_user, partner, invite, speaker):
    from nonprolif.events.speakers.domain.answers import respond_to_invitation

    from .conftest import photo

    respond_to_invitation(
        invitation=invite(speaker).invitation, response="accepted", photo=photo(PNG)
    )
    response = as_user(partner).get(reverse("speaker_photo", args=[speaker.pk]))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PNG
