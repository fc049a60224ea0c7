from nonprolif.events.models import ActionItem, ActionStatus, MeetingDecision

API = "/api/v1"
JSON = "application/json"


def fields_of(response) -> dict:
    return {error["field"]: error["message"] for error in response.json()["detail"]}


def test_coordinator_creates_decisions_and_items(as_user, coordinator, meeting, official_a):
    client = as_user(coordinator)
    response = client.post(
        f"{API}/meetings/{meeting.pk}/decisions",
        {"text_es": "Uno", "text_en": "One"},
        content_type=JSON,
    )
    assert (response.status_code, response.json()["number"]) == (201, 1)
    response = client.post(
        f"{API}/meetings/{meeting.pk}/action-items",
        {
            "title_es": "Lista",
            "title_en": "List",
            "owner_agency": "AAA",
            "owner_official": official_a.pk,
            "due_date": "2009-09-15",
            "decision": 1,
        },
        content_type=JSON,
    )
    assert response.status_code == 201
    body = response.json()
    assert (body["decision"], body["owner_official"]["name"], body["overdue"]) == (
        1,
        "Ana Alvarez",
        True,
    )
    assert body["history"][0]["changes"]["status"][1]


def test_owner_official_of_another_agency_is_a_422_naming_it(
    as_user, coordinator, meeting, official_ptr
):
    response = as_user(coordinator).post(
        f"{API}/meetings/{meeting.pk}/action-items",
        {
            "title_es": "Lista",
            "title_en": "List",
            "owner_agency": "AAA",
            "owner_official": official_ptr.pk,
            "due_date": "2009-09-15",
        },
        content_type=JSON,
    )
    assert response.status_code == 422
    assert "owner_official" in fields_of(response)
    assert not ActionItem.objects.exists()


def test_owner_liaison_changes_the_status_and_others_cannot(as_user, liaison_a, partner, item):
    response = as_user(partner).post(
        f"{API}/action-items/{item.pk}/status", {"status": "done"}, content_type=JSON
    )
    assert response.status_code == 403
    response = as_user(liaison_a).post(
        f"{API}/action-items/{item.pk}/status",
        {"status": "done", "note": "Sent"},
        content_type=JSON,
    )
    assert response.status_code == 200
    assert response.json()["status"] == "done"
    assert response.json()["history"][0]["note"] == "Sent"


def test_outsider_and_absent_agency_get_404_and_change_nothing(
    as_user, outsider, liaison_b, item, decision
):
    for user in (outsider, liaison_b):
        client = as_user(user)
        assert client.get(f"{API}/action-items/{item.pk}").status_code == 404
        assert client.get(f"{API}/meetings/{item.meeting_id}/decisions").status_code == 404
        assert (
            client.patch(
                f"{API}/action-items/{item.pk}", {"title_en": "x"}, content_type=JSON
            ).status_code
            == 404
        )
        assert (
            client.post(
                f"{API}/action-items/{item.pk}/status", {"status": "done"}, content_type=JSON
            ).status_code
            == 404
        )
        assert client.delete(f"{API}/decisions/{decision.pk}").status_code == 404
    assert as_user(outsider).get(f"{API}/programs/prog-test/action-items").status_code == 404
    assert as_user(liaison_b).get(f"{API}/programs/prog-test/action-items").json()["count"] == 0
    item.refresh_from_db()
    assert (item.title_en, item.status) == ("Send the list", ActionStatus.OPEN)
    assert MeetingDecision.objects.filter(pk=decision.pk).exists()


def test_program_list_filters_overdue_items(as_user, coordinator, item, make_item):
    import datetime

    make_item(due_date=datetime.date(2100, 1, 1), title_en="Later")
    client = as_user(coordinator)
    listing = client.get(f"{API}/programs/prog-test/action-items", {"overdue": "true"}).json()
    assert [row["id"] for row in listing["items"]] == [item.pk]
    assert client.get(f"{API}/programs/prog-test/action-items").json()["count"] == 2


def test_coordinator_patches_and_deletes(as_user, coordinator, item, decision):
    client = as_user(coordinator)
    response = client.patch(
        f"{API}/action-items/{item.pk}", {"due_date": "2009-12-01"}, content_type=JSON
    )
    assert response.json()["due_date"] == "2009-12-01"
    assert client.delete(f"{API}/decisions/{decision.pk}").status_code == 204
    item.refresh_from_db()
    assert item.decision is None


def test_program_list_filters_by_meeting_and_lists_are_paged(
    as_user, coordinator, liaison_b, meeting, item, make_item
):
    make_item(title_en="Second")
    client = as_user(coordinator)
    url = f"{API}/programs/prog-test/action-items"
    assert client.get(url, {"meeting": meeting.pk}).json()["count"] == 2
    assert client.get(url, {"meeting": meeting.pk + 1000}).json()["count"] == 0
    assert client.get(url, {"meeting": "x"}).status_code == 422
    paged = client.get(url, {"limit": 1, "offset": 1}).json()
    assert paged["count"] == 2
    assert len(paged["items"]) == 1
    assert paged["items"][0]["overdue"] in (True, False)
    assert client.get(url, {"limit": 50000}).status_code == 422
    of_meeting = client.get(f"{API}/meetings/{meeting.pk}/action-items").json()
    assert of_meeting["count"] == 2
    assert as_user(liaison_b).get(f"{API}/meetings/{meeting.pk}/action-items").status_code == 404
