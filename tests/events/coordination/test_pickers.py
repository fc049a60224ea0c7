"""The action item form's owner picker: the officials of the meeting's agencies, searched."""

import re

from django.urls import reverse

from nonprolif.events.models import ActionItem


def ids(response) -> set[int]:
    assert response.status_code == 200
    return {int(pk) for pk in re.findall(r'data-value="(\d+)"', response.content.decode())}


def test_the_owner_search_offers_the_meetings_agencies_only(
    as_user, coordinator, meeting, official_a, official_ptr, official_b
):
    url = reverse("action_item_owner_search", args=[meeting.pk])
    assert ids(as_user(coordinator).get(url)) == {official_a.pk, official_ptr.pk}
    assert ids(as_user(coordinator).get(url, {"q": "parker"})) == {official_ptr.pk}


def test_the_form_page_has_the_picker(as_user, coordinator, meeting):
    html = as_user(coordinator).get(f"/meetings/{meeting.pk}/action-items/new/").content.decode()
    assert f'hx-get="{reverse("action_item_owner_search", args=[meeting.pk])}"' in html
    assert not re.search(r'<select[^>]*name="owner_official"', html)


def test_a_forged_owner_of_an_absent_agency_is_refused(
    as_user, coordinator, meeting, agency_a, official_b
):
    response = as_user(coordinator).post(
        f"/meetings/{meeting.pk}/action-items/new/",
        {
            "title_es": "Lista",
            "title_en": "List",
            "owner_agency": agency_a.pk,
            "owner_official": official_b.pk,
            "due_date": "2009-10-01",
            "status": "open",
        },
    )
    assert response.status_code == 200
    assert response.context["form"].errors["owner_official"]
    assert not ActionItem.objects.exists()


def test_the_owner_search_is_refused_to_others(as_user, outsider, liaison_b, liaison_a, meeting):
    url = reverse("action_item_owner_search", args=[meeting.pk])
    assert as_user(outsider).get(url).status_code == 404
    assert as_user(liaison_b).get(url).status_code == 404
    assert as_user(liaison_a).get(url).status_code == 403
