import datetime

from nonprolif.events.coordination.domain.action_items import create_action_item
from nonprolif.events.models import ActionItem, ActionStatus, MeetingDecision
from tests.factories import MeetingFactory


def test_meeting_page_shows_decisions_items_and_the_overdue_flag(as_user, coordinator, item):
    body = as_user(coordinator).get(f"/meetings/{item.meeting_id}/coordination/").content.decode()
    assert "Se acepta el modelo" in body or "Model adopted" in body
    assert item.title_es in body or item.title_en in body
    assert 'class="overdue"' in body
    assert "Ana Alvarez" in body


def test_meeting_page_names_only_officials_the_user_may_see(as_user, partner, item):
    body = as_user(partner).get(f"/meetings/{item.meeting_id}/coordination/").content.decode()
    assert item.title_es in body
    assert "Ana Alvarez" not in body


def test_outsider_and_absent_agency_get_404_everywhere(as_user, outsider, liaison_b, item):
    for user in (outsider, liaison_b):
        client = as_user(user)
        assert client.get(f"/meetings/{item.meeting_id}/coordination/").status_code == 404
        assert client.get(f"/action-items/{item.pk}/").status_code == 404
        response = client.post(f"/action-items/{item.pk}/status/", {"status": "done"})
        assert response.status_code == 404
        assert client.get(f"/decisions/{item.decision_id}/edit/").status_code == 404
        assert client.get(f"/decisions/{item.decision_id}/delete/").status_code == 404
        assert client.post(f"/decisions/{item.decision_id}/delete/").status_code == 404
    item.refresh_from_db()
    assert item.status == ActionStatus.OPEN
    assert MeetingDecision.objects.filter(pk=item.decision_id).exists()


def test_owner_liaison_updates_the_status_and_sees_the_history(as_user, liaison_a, item):
    client = as_user(liaison_a)
    response = client.post(
        f"/action-items/{item.pk}/status/", {"status": "in_progress", "note": "En curso"}
    )
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.status == ActionStatus.IN_PROGRESS
    body = client.get(f"/action-items/{item.pk}/").content.decode()
    assert "En curso" in body
    assert "liaison_a" in body


def test_partner_sees_the_item_but_may_not_change_it(as_user, partner, item):
    client = as_user(partner)
    assert client.get(f"/action-items/{item.pk}/").status_code == 200
    assert client.post(f"/action-items/{item.pk}/status/", {"status": "done"}).status_code == 403
    assert client.get(f"/action-items/{item.pk}/edit/").status_code == 403
    item.refresh_from_db()
    assert item.status == ActionStatus.OPEN


def test_coordinator_creates_an_item_and_a_wrong_official_is_named(
    as_user, coordinator, meeting, agency_a, official_ptr, official_a
):
    client = as_user(coordinator)
    data = {
        "title_es": "Lista",
        "title_en": "List",
        "owner_agency": agency_a.pk,
        "owner_official": official_ptr.pk,
        "due_date": "2009-10-01",
        "status": "open",
    }
    response = client.post(f"/meetings/{meeting.pk}/action-items/new/", data)
    assert response.status_code == 200
    assert "owner_official" in response.content.decode()
    assert not ActionItem.objects.exists()
    response = client.post(
        f"/meetings/{meeting.pk}/action-items/new/", {**data, "owner_official": official_a.pk}
    )
    assert response.status_code == 302
    assert ActionItem.objects.get().owner_official == official_a


def test_coordinator_records_a_decision(as_user, coordinator, meeting):
    response = as_user(coordinator).post(
        f"/meetings/{meeting.pk}/decisions/new/", {"text_es": "Uno", "text_en": "One"}
    )
    assert response.status_code == 302
    assert MeetingDecision.objects.get().number == 1


def test_program_action_items_filter_by_agency_status_and_overdue(
    as_user, coordinator, make_item, partner_agency
):
    late = make_item(title_en="Late", title_es="Tarde")
    make_item(title_en="Future", title_es="Futuro", due_date=datetime.date(2100, 1, 1))
    make_item(title_en="Partner", title_es="Socio", owner_agency=partner_agency)
    client = as_user(coordinator)
    url = "/programs/prog-test/action-items/"

    def titles(query):
        response = client.get(url, query)
        return sorted(item.title_en for item in response.context["items"])

    assert titles({}) == ["Future", "Late", "Partner"]
    assert titles({"agency": "PTR"}) == ["Partner"]
    assert titles({"overdue": "yes"}) == ["Late", "Partner"]
    assert titles({"overdue": "no"}) == ["Future"]
    assert titles({"status": "done"}) == []
    assert late.pk


def test_liaison_lists_only_items_of_meetings_his_agency_attended(
    as_user, liaison_b, coordinator, program, agency_b, make_item
):
    make_item()
    own = MeetingFactory(program=program, title_en="B meeting")
    own.agencies.set([agency_b])
    create_action_item(
        actor=coordinator,
        meeting=own,
        title_es="De B",
        title_en="B's",
        owner_agency=agency_b,
        due_date=datetime.date(2009, 9, 1),
    )
    response = as_user(liaison_b).get("/programs/prog-test/action-items/")
    assert [item.title_en for item in response.context["items"]] == ["B's"]


def test_outsider_gets_404_for_the_program_pages(as_user, outsider, item):
    client = as_user(outsider)
    assert client.get("/programs/prog-test/action-items/").status_code == 404
    assert client.get("/programs/prog-test/timeline/engagement/").status_code == 404


def test_action_item_list_queries_do_not_grow_with_rows(
    as_user, coordinator, make_item, official_a, count_queries
):
    client = as_user(coordinator)
    url = "/programs/prog-test/action-items/"
    make_item(owner_official=official_a)
    client.get(url)
    one, response = count_queries(lambda: client.get(url))
    assert len(response.context["items"]) == 1
    make_item(owner_official=official_a)
    make_item()
    three, response = count_queries(lambda: client.get(url))
    assert len(response.context["items"]) == 3
    assert three == one


def _meeting_page_queries(client, count_queries, meeting):
    return count_queries(lambda: client.get(f"/meetings/{meeting.pk}/coordination/"))[0]


def test_meeting_page_queries_do_not_grow_with_items(
    as_user, coordinator, meeting, make_item, official_a, count_queries
):
    client = as_user(coordinator)
    make_item(owner_official=official_a)
    client.get(f"/meetings/{meeting.pk}/coordination/")
    one = _meeting_page_queries(client, count_queries, meeting)
    make_item(owner_official=official_a)
    make_item()
    assert _meeting_page_queries(client, count_queries, meeting) == one


def test_meeting_page_shows_its_decisions_and_action_items(as_user, coordinator, item):
    coordinator.language = "en"
    coordinator.save(update_fields=["language"])
    response = as_user(coordinator).get(f"/meetings/{item.meeting_id}/")
    assert response.status_code == 200
    body = response.content.decode()
    assert "Model adopted" in body
    assert "Send the list" in body


def test_meeting_page_hides_action_items_from_an_agency_that_was_not_there(
    as_user, liaison_b, item
):
    assert as_user(liaison_b).get(f"/meetings/{item.meeting_id}/").status_code == 404


def test_program_action_items_are_paginated_and_filter_by_meeting(
    as_user, coordinator, program, meeting, make_item, agency_a
):
    for n in range(55):
        make_item(
            title_en=f"Item {n:02}", due_date=datetime.date(2009, 9, 1) + datetime.timedelta(days=n)
        )
    other = MeetingFactory(program=program, title_en="Other meeting")
    other.agencies.set([agency_a])
    create_action_item(
        actor=coordinator,
        meeting=other,
        title_es="Otra",
        title_en="Other",
        owner_agency=agency_a,
        due_date=datetime.date(2009, 8, 1),
    )
    client = as_user(coordinator)
    url = "/programs/prog-test/action-items/"
    first = client.get(url)
    assert len(first.context["items"]) == 50
    assert first.context["page"].paginator.count == 56
    second = client.get(url, {"page": 2})
    assert [i.title_en for i in second.context["items"]] == [f"Item {n:02}" for n in range(49, 55)]
    assert all(hasattr(i, "overdue") for i in second.context["items"])
    only = client.get(url, {"meeting": other.pk})
    assert [i.title_en for i in only.context["items"]] == ["Other"]
    assert only.context["meeting"] == other
    assert f"meeting={meeting.pk}" in first.content.decode()
    bad = client.get(url, {"meeting": "abc", "status": "nonsense"})
    assert bad.status_code == 200
    assert set(bad.context["form"].errors) == {"meeting", "status"}
    assert bad.context["page"].paginator.count == 56


def test_removing_a_decision_asks_first_and_changes_nothing(as_user, coordinator, item):
    coordinator.language = "en"
    coordinator.save(update_fields=["language"])
    client = as_user(coordinator)
    url = f"/decisions/{item.decision_id}/delete/"
    edit = client.get(f"/decisions/{item.decision_id}/edit/").content.decode()
    assert f'href="{url}"' in edit
    response = client.get(url)
    assert response.status_code == 200
    page = response.content.decode()
    assert "Remove decision 1 of" in page
    assert "Model adopted" in page
    assert MeetingDecision.objects.filter(pk=item.decision_id).exists()
    assert client.post(url).status_code == 302
    assert not MeetingDecision.objects.filter(pk=item.decision_id).exists()
    item.refresh_from_db()
    assert item.decision_id is None


def test_a_liaison_of_the_meeting_may_not_remove_a_decision(as_user, liaison_a, item):
    client = as_user(liaison_a)
    url = f"/decisions/{item.decision_id}/delete/"
    assert client.get(url).status_code == 403
    assert client.post(url).status_code == 403
    assert MeetingDecision.objects.filter(pk=item.decision_id).exists()
