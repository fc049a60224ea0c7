import pytest

from nonprolif.events.models import Speaker, SpeakerInvitation, SpeakerStatus
from tests.conftest import AUDITED_READ_QUERIES

from .conftest import make_speaker

API = "/api/v1"
JSON = "application/json"


def fields_of(response) -> set[str]:
    return {error["field"] for error in response.json()["detail"]}


def test_partner_proposes_and_lists_speakers(as_user, partner, conference):
    client = as_user(partner)
    response = client.post(
        f"{API}/conferences/{conference.pk}/speakers",
        {"name": "Eve Evans", "topic_en": "Analysis", "languages": "en"},
        content_type=JSON,
    )
    assert response.status_code == 201
    body = response.json()
    assert (body["status"], body["response"], body["proposed_by_agency"]) == (
        "proposed",
        "pending",
        "PTR",
    )
    assert body["invitations"] == []
    listing = client.get(f"{API}/conferences/{conference.pk}/speakers").json()
    assert listing["count"] == 1


def test_bad_proposal_is_422_naming_the_field(as_user, partner, conference):
    response = as_user(partner).post(
        f"{API}/conferences/{conference.pk}/speakers",
        {"name": "Eve", "languages": "??"},
        content_type=JSON,
    )
    assert response.status_code == 422
    assert {"languages", "topic_es"} <= fields_of(response)
    assert not Speaker.objects.exists()


@pytest.mark.parametrize(
    "user", ["liaison_a", "liaison_b", "outsider", "administrator", "other_partner"]
)
def test_speaker_endpoints_are_404_for_users_without_speaker_records(
    as_user, request, user, invite, speaker
):
    sent = invite(speaker)
    client = as_user(request.getfixturevalue(user))
    conference_id = speaker.conference.pk
    assert client.get(f"{API}/conferences/{conference_id}/speakers").status_code == 404
    response = client.post(
        f"{API}/conferences/{conference_id}/speakers",
        {"name": "X", "topic_en": "Y"},
        content_type=JSON,
    )
    assert response.status_code == 404
    assert client.get(f"{API}/speakers/{speaker.pk}").status_code == 404
    response = client.post(
        f"{API}/speakers/{speaker.pk}/decision",
        {"decision": "declined", "reason": "x"},
        content_type=JSON,
    )
    assert response.status_code == 404
    assert (
        client.post(f"{API}/speakers/{speaker.pk}/invitations", {}, content_type=JSON).status_code
        == 404
    )
    response = client.post(f"{API}/speaker-invitations/{sent.invitation.pk}/revoke")
    assert response.status_code == 404
    speaker.refresh_from_db()
    sent.invitation.refresh_from_db()
    assert speaker.status == SpeakerStatus.ACCEPTED
    assert sent.invitation.revoked_at is None
    assert Speaker.objects.count() == 1


def test_partner_may_not_decide_invite_or_revoke(as_user, partner, invite, speaker):
    sent = invite(speaker)
    client = as_user(partner)
    response = client.post(
        f"{API}/speakers/{speaker.pk}/decision",
        {"decision": "declined", "reason": "x"},
        content_type=JSON,
    )
    assert response.status_code == 403
    assert (
        client.post(f"{API}/speakers/{speaker.pk}/invitations", {}, content_type=JSON).status_code
        == 403
    )
    # invitations do not exist for a partner
    assert client.post(f"{API}/speaker-invitations/{sent.invitation.pk}/revoke").status_code == 404
    assert client.get(f"{API}/speakers/{speaker.pk}").json()["invitations"] == []
    assert SpeakerInvitation.objects.get().revoked_at is None


def test_coordinator_decides_and_gets_the_link_once(
    as_user, coordinator, speaker, mailoutbox, client
):
    staff = as_user(coordinator)
    response = staff.post(
        f"{API}/speakers/{speaker.pk}/decision", {"decision": "accepted"}, content_type=JSON
    )
    assert response.status_code == 200
    body = response.json()
    assert body["speaker"]["status"] == "accepted"
    url = body["invitation"]["url"]
    assert body["invitation"]["emailed"] is True
    assert url in mailoutbox[0].body
    detail = staff.get(f"{API}/speakers/{speaker.pk}").json()
    assert len(detail["invitations"]) == 1
    assert url.rsplit("/", 2)[-2] not in str(detail)
    path = url.removeprefix("http://testserver")
    assert client.get(path).status_code == 200
    # a new invitation (201) revokes the first link
    response = staff.post(
        f"{API}/speakers/{speaker.pk}/invitations", {"days": 2}, content_type=JSON
    )
    assert response.status_code == 201
    assert client.get(path).status_code == 404
    new_id = response.json()["invitation"]["id"]
    revoked = staff.post(f"{API}/speaker-invitations/{new_id}/revoke").json()
    assert (revoked["usable"], revoked["revoked_at"] is not None) == (False, True)


def test_decline_without_reason_is_422(as_user, coordinator, speaker):
    response = as_user(coordinator).post(
        f"{API}/speakers/{speaker.pk}/decision", {"decision": "declined"}, content_type=JSON
    )
    assert response.status_code == 422
    assert fields_of(response) == {"reason"}


def test_invitation_of_a_proposed_speaker_is_422(as_user, coordinator, speaker):
    response = as_user(coordinator).post(
        f"{API}/speakers/{speaker.pk}/invitations", {}, content_type=JSON
    )
    assert response.status_code == 422
    assert "status" in fields_of(response)


@pytest.mark.parametrize("n", [1, 3])
def test_speaker_list_api_query_count_does_not_grow(
    n, as_user, coordinator, conference, partner_agency, invite, django_assert_num_queries
):
    for i in range(n):
        invite(make_speaker(conference, partner_agency, f"Speaker {i}"))
    client = as_user(coordinator)
    with django_assert_num_queries(8 + AUDITED_READ_QUERIES):  # +1: 2nd-factor device
        response = client.get(f"{API}/conferences/{conference.pk}/speakers")
    assert response.json()["count"] == n
