"""At the door: the badge's check-in code, typed by a scanner, checks the attendee in; a
check-in can be undone after a confirmation. Codes cannot be made up, and nobody reaches a
registration he may not see."""

import pytest
from django.urls import reverse

from nonprolif.core.models import AuditEntry
from nonprolif.events.models import Registration
from nonprolif.events.registrations.codes import checkin_code, registration_id
from nonprolif.events.registrations.domain import check_in, undo_check_in
from tests.conftest import client_for


@pytest.fixture
def as_user():
    """A client signed in as the user, who reads the pages in English."""

    def sign_in(user):
        user.language = "en"
        user.save(update_fields=["language"])
        return client_for(user)

    return sign_in


def test_a_code_reads_back_to_its_registration_only():
    code = checkin_code(42)
    assert code.startswith("R42-")
    assert registration_id(code) == 42
    assert registration_id(f"  {code.lower()}\n") == 42  # as a scanner may type it
    assert registration_id("R43-" + code.split("-")[1]) is None  # another id, same digits
    assert registration_id("R42-00000000") is None
    assert registration_id("42") is None
    assert registration_id("") is None


def test_the_scanner_checks_the_attendee_in(as_user, liaison_a, registration_a, approve):
    approve(registration_a)
    client = as_user(liaison_a)
    url = reverse("checkin_scan", args=[registration_a.conference.pk])
    response = client.post(
        url, {"code": checkin_code(registration_a.pk)}, headers={"HX-Request": "true"}
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "Ana Zapata checked in." in html
    assert "autofocus" in html  # the emptied field is ready for the next badge
    assert reverse("registration_check_in_undo", args=[registration_a.pk]) in html
    registration = Registration.objects.get(pk=registration_a.pk)
    assert registration.checked_in_at is not None
    assert registration.checked_in_by == liaison_a
    again = client.post(
        url, {"code": checkin_code(registration_a.pk)}, headers={"HX-Request": "true"}
    )
    assert "Ana Zapata was already checked in." in again.content.decode()
    assert AuditEntry.objects.filter(action="registration.check_in").count() == 1


def test_the_door_page_has_the_scanner_field_focused(as_user, coordinator, registration_a, approve):
    approve(registration_a)
    html = (
        as_user(coordinator)
        .get(reverse("checkin_door", args=[registration_a.conference.pk]))
        .content.decode()
    )
    field = html.split('id="door-code"', 1)[1].split(">", 1)[0]
    assert "autofocus" in field
    assert 'name="code"' in field
    assert html.count("autofocus") == 1


def test_without_javascript_the_scan_goes_back_to_the_door_with_a_message(
    as_user, coordinator, registration_a, approve
):
    approve(registration_a)
    client = as_user(coordinator)
    door = reverse("checkin_door", args=[registration_a.conference.pk])
    response = client.post(
        reverse("checkin_scan", args=[registration_a.conference.pk]),
        {"code": checkin_code(registration_a.pk)},
        follow=True,
    )
    assert response.redirect_chain[-1][0] == door
    assert "Ana Zapata checked in." in response.content.decode()


def test_an_unknown_code_is_refused_and_audited(as_user, coordinator, registration_a, approve):
    approve(registration_a)
    response = as_user(coordinator).post(
        reverse("checkin_scan", args=[registration_a.conference.pk]),
        {"code": "R1-DEADBEEF"},
        headers={"HX-Request": "true"},
    )
    assert "No registration of this conference has the code “R1-DEADBEEF”." in (
        response.content.decode()
    )
    assert Registration.objects.get(pk=registration_a.pk).checked_in_at is None
    entry = AuditEntry.objects.get(action="registration.checkin_scan")
    assert entry.outcome == "denied"


def test_a_submitted_registration_is_not_checked_in(as_user, coordinator, registration_a):
    response = as_user(coordinator).post(
        reverse("checkin_scan", args=[registration_a.conference.pk]),
        {"code": checkin_code(registration_a.pk)},
        headers={"HX-Request": "true"},
    )
    assert "Only approved registrations can be checked in." in response.content.decode()
    assert Registration.objects.get(pk=registration_a.pk).checked_in_at is None


def test_a_liaison_cannot_check_in_another_agencys_attendee_by_code(
    as_user, liaison_b, registration_a, approve
):
    approve(registration_a)
    response = as_user(liaison_b).post(
        reverse("checkin_scan", args=[registration_a.conference.pk]),
        {"code": checkin_code(registration_a.pk)},
        headers={"HX-Request": "true"},
    )
    assert "No registration of this conference has the code" in response.content.decode()
    assert Registration.objects.get(pk=registration_a.pk).checked_in_at is None


@pytest.mark.parametrize("user", ["partner", "outsider"])
def test_outsiders_get_404_at_the_scanner_and_the_undo(
    as_user, request, user, coordinator, registration_a, approve
):
    approve(registration_a)
    check_in(actor=coordinator, registration=registration_a)
    before = Registration.objects.get(pk=registration_a.pk).checked_in_at
    client = as_user(request.getfixturevalue(user))
    scan = reverse("checkin_scan", args=[registration_a.conference.pk])
    assert client.post(scan, {"code": checkin_code(registration_a.pk)}).status_code == 404
    undo = reverse("registration_check_in_undo", args=[registration_a.pk])
    assert client.get(undo).status_code == 404
    assert client.post(undo).status_code == 404
    assert Registration.objects.get(pk=registration_a.pk).checked_in_at == before


def test_another_agencys_liaison_cannot_undo(
    as_user, liaison_b, coordinator, registration_a, approve
):
    approve(registration_a)
    check_in(actor=coordinator, registration=registration_a)
    undo = reverse("registration_check_in_undo", args=[registration_a.pk])
    assert as_user(liaison_b).post(undo).status_code == 404
    assert Registration.objects.get(pk=registration_a.pk).checked_in_at is not None


def test_undo_asks_first_then_clears_the_check_in(as_user, coordinator, registration_a, approve):
    approve(registration_a)
    check_in(actor=coordinator, registration=registration_a)
    client = as_user(coordinator)
    undo = reverse("registration_check_in_undo", args=[registration_a.pk])
    question = client.get(undo)
    assert question.status_code == 200
    assert "Undo the check-in of Ana Zapata?" in question.content.decode()
    assert Registration.objects.get(pk=registration_a.pk).checked_in_at is not None
    response = client.post(undo)
    assert response.status_code == 302
    assert response["Location"] == reverse("checkin_door", args=[registration_a.conference.pk])
    registration = Registration.objects.get(pk=registration_a.pk)
    assert registration.checked_in_at is None
    assert registration.checked_in_by is None
    assert registration.status == "approved"
    entry = AuditEntry.objects.get(action="registration.check_in_undo")
    assert entry.changes["checked_in_at"][1] is None


def test_the_door_list_links_the_undo_of_a_checked_in_attendee(
    as_user, coordinator, registration_a, approve
):
    approve(registration_a)
    check_in(actor=coordinator, registration=registration_a)
    html = (
        as_user(coordinator)
        .get(reverse("checkin_door", args=[registration_a.conference.pk]))
        .content.decode()
    )
    assert reverse("registration_check_in_undo", args=[registration_a.pk]) in html


def test_undoing_twice_writes_once(coordinator, registration_a, approve):
    approve(registration_a)
    check_in(actor=coordinator, registration=registration_a)
    undo_check_in(actor=coordinator, registration=registration_a)
    undo_check_in(actor=coordinator, registration=registration_a)
    assert AuditEntry.objects.filter(action="registration.check_in_undo").count() == 1
    assert registration_a.checked_in_at is None


API = "/api/v1"


def test_the_api_checks_in_by_code_and_undoes(as_user, liaison_a, registration_a, approve):
    approve(registration_a)
    client = as_user(liaison_a)
    conference_id = registration_a.conference.pk
    checked = client.post(
        f"{API}/conferences/{conference_id}/check-in",
        {"code": checkin_code(registration_a.pk)},
        content_type="application/json",
    )
    assert checked.status_code == 200
    assert checked.json()["checked_in_at"] is not None
    undone = client.delete(f"{API}/registrations/{registration_a.pk}/check-in")
    assert undone.status_code == 200
    assert undone.json()["checked_in_at"] is None
    assert Registration.objects.get(pk=registration_a.pk).checked_in_at is None


def test_the_api_refuses_unknown_codes_and_outsiders(
    as_user, liaison_b, outsider, coordinator, registration_a, approve
):
    approve(registration_a)
    check_in(actor=coordinator, registration=registration_a)
    before = Registration.objects.get(pk=registration_a.pk).checked_in_at
    conference_id = registration_a.conference.pk
    unknown = as_user(coordinator).post(
        f"{API}/conferences/{conference_id}/check-in",
        {"code": "R9-00000000"},
        content_type="application/json",
    )
    assert unknown.status_code == 404
    for user in (liaison_b, outsider):
        client = as_user(user)
        assert client.delete(f"{API}/registrations/{registration_a.pk}/check-in").status_code == 404
    scan = as_user(outsider).post(
        f"{API}/conferences/{conference_id}/check-in",
        {"code": checkin_code(registration_a.pk)},
        content_type="application/json",
    )
    assert scan.status_code == 404
    assert Registration.objects.get(pk=registration_a.pk).checked_in_at == before
