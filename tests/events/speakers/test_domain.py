import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from nonprolif.core.models import AuditEntry
from nonprolif.events.models import Speaker, SpeakerInvitation, SpeakerResponse, SpeakerStatus
from nonprolif.events.speakers.domain.answers import respond_to_invitation
from nonprolif.events.speakers.domain.invitations import revoke_invitation, send_invitation
from nonprolif.events.speakers.domain.links import invitation_token
from nonprolif.events.speakers.domain.proposals import decide_speaker, propose_speaker
from nonprolif.events.speakers.queries import get_invitation_by_token

from .conftest import GIF, JPEG, PNG, photo, token_of

PROPOSAL = {
    "name": "Carla Cruz",
    "organisation": "WMD Directorate",
    "email": "carla@example.org",
    "topic_es": "Preparación",
    "topic_en": "Preparedness",
    "languages": "EN, es",
}


def test_partner_proposes_a_speaker_for_his_agency(partner, partner_agency, conference):
    speaker = propose_speaker(actor=partner, conference=conference, **PROPOSAL)
    speaker.refresh_from_db()
    assert (speaker.status, speaker.response) == (SpeakerStatus.PROPOSED, SpeakerResponse.PENDING)
    assert speaker.proposed_by_agency == partner_agency
    assert speaker.proposed_by == partner
    assert speaker.languages == "en,es"
    assert AuditEntry.objects.filter(action="speaker.propose", object_id=str(speaker.pk)).exists()


@pytest.mark.parametrize("user", ["liaison_a", "auditor", "outsider", "other_partner"])
def test_only_the_programs_partner_and_the_coordinator_propose(request, user, conference):
    with pytest.raises(PermissionDenied):
        propose_speaker(actor=request.getfixturevalue(user), conference=conference, **PROPOSAL)
    assert not Speaker.objects.exists()


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"name": ""}, "name"),
        ({"topic_es": "", "topic_en": ""}, "topic_es"),
        ({"languages": "english!"}, "languages"),
        ({"email": "not-an-address"}, "email"),
    ],
)
def test_bad_proposal_names_the_field_and_writes_nothing(partner, conference, change, field):
    with pytest.raises(ValidationError) as error:
        propose_speaker(actor=partner, conference=conference, **{**PROPOSAL, **change})
    assert field in error.value.message_dict
    assert not Speaker.objects.exists()


def test_declining_needs_a_reason(coordinator, speaker):
    with pytest.raises(ValidationError) as error:
        decide_speaker(actor=coordinator, speaker=speaker, decision="declined", reason=" ")
    assert "reason" in error.value.message_dict
    speaker.refresh_from_db()
    assert speaker.status == SpeakerStatus.PROPOSED


@pytest.mark.parametrize("user", ["partner", "liaison_a", "auditor"])
def test_only_the_coordinator_decides(request, user, speaker):
    with pytest.raises(PermissionDenied):
        decide_speaker(actor=request.getfixturevalue(user), speaker=speaker, decision="accepted")
    speaker.refresh_from_db()
    assert speaker.status == SpeakerStatus.PROPOSED
    assert not SpeakerInvitation.objects.exists()


def test_accepting_emails_an_invitation_in_the_speakers_first_language(
    coordinator, other_speaker, mailoutbox
):
    speaker, sent = decide_speaker(
        actor=coordinator, speaker=other_speaker, decision="accepted", reason="Great fit"
    )
    assert speaker.status == SpeakerStatus.ACCEPTED
    assert speaker.decided_by == coordinator
    assert sent.emailed
    assert len(mailoutbox) == 1
    message = mailoutbox[0]
    assert message.to == ["bruno@example.org"]
    assert sent.url in message.body
    assert sent.url in message.alternatives[0][0]
    assert message.subject  # in Spanish (the speaker's only language) when translated
    invitation = sent.invitation
    token = token_of(sent)
    assert token == invitation_token(invitation.nonce)
    # the token itself is nowhere in the database row
    assert token not in {invitation.token_hash, invitation.nonce}
    assert (invitation.expires_at - invitation.created_at) == datetime.timedelta(days=30)


def test_accepting_a_speaker_without_email_sends_nothing(coordinator, speaker, mailoutbox):
    speaker.email = ""
    speaker.save()
    _speaker, sent = decide_speaker(actor=coordinator, speaker=speaker, decision="accepted")
    assert sent is None
    assert mailoutbox == []
    with pytest.raises(ValidationError) as error:
        send_invitation(actor=coordinator, speaker=speaker)
    assert "email" in error.value.message_dict


def test_a_proposed_speaker_cannot_be_invited(coordinator, speaker):
    with pytest.raises(ValidationError) as error:
        send_invitation(actor=coordinator, speaker=speaker)
    assert "status" in error.value.message_dict
    assert not SpeakerInvitation.objects.exists()


def test_a_new_invitation_revokes_the_older_link(english, invite, speaker):
    first = invite(speaker)
    second = invite(speaker)
    first.invitation.refresh_from_db()
    assert first.invitation.revoked_at is not None
    assert get_invitation_by_token(token_of(second)) == second.invitation
    with pytest.raises(Exception, match="not valid"):
        get_invitation_by_token(token_of(first))


def test_declining_an_accepted_speaker_revokes_his_link(coordinator, invite, speaker):
    sent = invite(speaker)
    decide_speaker(actor=coordinator, speaker=speaker, decision="declined", reason="Budget")
    sent.invitation.refresh_from_db()
    assert sent.invitation.revoked_at is not None


def test_revoking_is_for_the_coordinator_and_harmless_twice(coordinator, partner, invite, speaker):
    sent = invite(speaker)
    with pytest.raises(PermissionDenied):
        revoke_invitation(actor=partner, invitation=sent.invitation)
    sent.invitation.refresh_from_db()
    assert sent.invitation.revoked_at is None
    revoked = revoke_invitation(actor=coordinator, invitation=sent.invitation)
    first_time = revoked.revoked_at
    assert revoke_invitation(actor=coordinator, invitation=sent.invitation).revoked_at == first_time
    assert AuditEntry.objects.filter(action="speaker.invitation_revoke").count() == 1


def test_a_failing_mail_server_still_gives_the_coordinator_the_link(
    coordinator, accept, speaker, settings
):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = 9  # discard port: connection refused
    sent = send_invitation(actor=coordinator, speaker=accept(speaker))
    assert not sent.emailed
    assert get_invitation_by_token(token_of(sent)) == sent.invitation


def test_speaker_accepts_with_bio_travel_needs_and_photo(invite, speaker):
    sent = invite(speaker)
    respond_to_invitation(
        invitation=sent.invitation,
        response="accepted",
        bio_es="Bio en español",
        bio_en="Bio in English",
        travel_needs="Vegetarian",
        photo=photo(PNG, name="me.gif"),
    )
    speaker.refresh_from_db()
    assert speaker.response == SpeakerResponse.ACCEPTED
    assert speaker.responded_at is not None
    assert (speaker.bio_es, speaker.bio_en, speaker.travel_needs) == (
        "Bio en español",
        "Bio in English",
        "Vegetarian",
    )
    assert speaker.photo.name.startswith("speakers/")
    assert speaker.photo.name.endswith(".png")  # judged by content, not by the name given
    assert speaker.photo.read() == PNG
    sent.invitation.refresh_from_db()
    assert sent.invitation.used_at is not None
    entry = AuditEntry.objects.get(action="speaker.respond")
    assert entry.actor is None


def test_a_new_photo_replaces_the_old_file(invite, speaker, django_capture_on_commit_callbacks):
    sent = invite(speaker)
    respond_to_invitation(invitation=sent.invitation, response="accepted", photo=photo(PNG))
    speaker.refresh_from_db()
    old = speaker.photo.name
    with django_capture_on_commit_callbacks(execute=True):
        respond_to_invitation(invitation=sent.invitation, response="accepted", photo=photo(JPEG))
    speaker.refresh_from_db()
    assert speaker.photo.name.endswith(".jpg")
    assert not speaker.photo.storage.exists(old)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (GIF, "JPEG or PNG"),
        (b"<svg xmlns='http://www.w3.org/2000/svg'/>", "JPEG or PNG"),
        (b"\xff\xd8\xff" + b"\x00" * (2 * 1024 * 1024), "2 MB"),
    ],
)
def test_bad_photos_are_refused_and_nothing_is_written(english, invite, speaker, content, message):
    sent = invite(speaker)
    with pytest.raises(ValidationError) as error:
        respond_to_invitation(
            invitation=sent.invitation,
            response="accepted",
            bio_en="changed",
            photo=photo(content, name="photo.jpg"),
        )
    assert message in error.value.message_dict["photo"][0]
    speaker.refresh_from_db()
    assert (speaker.response, speaker.bio_en, bool(speaker.photo)) == ("pending", "", False)


def test_a_revoked_or_expired_invitation_takes_no_answer(coordinator, invite, speaker):
    sent = invite(speaker)
    revoke_invitation(actor=coordinator, invitation=sent.invitation)
    with pytest.raises(ValidationError):
        respond_to_invitation(invitation=sent.invitation, response="accepted")
    sent = invite(speaker)
    SpeakerInvitation.objects.filter(pk=sent.invitation.pk).update(
        expires_at=timezone.now() - datetime.timedelta(seconds=1)
    )
    with pytest.raises(ValidationError):
        respond_to_invitation(invitation=sent.invitation, response="accepted")
    speaker.refresh_from_db()
    assert speaker.response == SpeakerResponse.PENDING


def test_answer_must_be_accept_or_decline(invite, speaker):
    sent = invite(speaker)
    with pytest.raises(ValidationError) as error:
        respond_to_invitation(invitation=sent.invitation, response="maybe")
    assert "response" in error.value.message_dict


@pytest.mark.parametrize(
    ("languages", "expected"),
    [("en,es", "en"), ("es", "es-mx"), ("fr, EN", "en"), ("", "es-mx"), ("de", "es-mx")],
)
def test_emails_go_out_in_the_speakers_first_language_we_write_in(languages, expected, settings):
    from nonprolif.events.speakers.domain.links import speaker_language

    settings.LANGUAGE_CODE = "es-mx"
    assert speaker_language(Speaker(languages=languages)) == expected
