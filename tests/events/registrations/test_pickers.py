"""The registration form's picker: the officials the user may register for the conference
(visible, active, of an agency with seats, not holding one), searched and paged."""

import re

from django.urls import reverse

from nonprolif.core.web.picker import PAGE_SIZE
from nonprolif.events.models import Registration
from tests.factories import OfficialFactory


def ids(response) -> set[int]:
    assert response.status_code == 200
    return {int(pk) for pk in re.findall(r'data-value="(\d+)"', response.content.decode())}


def search_url(conference):
    return reverse("registration_official_search", args=[conference.pk])


def test_the_registrations_page_has_the_picker(as_user, liaison_a, quotas):
    html = as_user(liaison_a).get(reverse("registration_list", args=[quotas.pk])).content.decode()
    assert f'hx-get="{search_url(quotas)}"' in html
    assert not re.search(r'<select[^>]*name="register-official"', html)


def test_a_liaison_finds_only_his_agencys_officials(
    as_user, liaison_a, quotas, officials_a, official_b2
):
    client = as_user(liaison_a)
    assert ids(client.get(search_url(quotas))) == {o.pk for o in officials_a}
    assert ids(client.get(search_url(quotas), {"q": "zapata"})) == {officials_a[0].pk}
    assert ids(client.get(search_url(quotas), {"q": official_b2.family_names})) == set()


def test_an_official_holding_a_seat_is_not_offered(
    as_user, coordinator, registration_a, officials_a, official_b2
):
    found = ids(as_user(coordinator).get(search_url(registration_a.conference)))
    assert registration_a.official.pk not in found
    assert official_b2.pk in found


def test_an_outsider_gets_404_and_an_auditor_is_refused(as_user, outsider, auditor, quotas):
    assert as_user(outsider).get(search_url(quotas)).status_code == 404
    assert as_user(auditor).get(search_url(quotas)).status_code in (403, 404)


def test_a_forged_official_of_another_agency_is_refused(as_user, liaison_a, quotas, official_b2):
    response = as_user(liaison_a).post(
        reverse("registration_create", args=[quotas.pk]), {"register-official": official_b2.pk}
    )
    assert response.status_code == 400
    assert not Registration.objects.exists()


def test_the_search_query_count_is_the_same_for_3_and_30(
    as_user, liaison_a, quotas, agency_a, count_queries
):
    client = as_user(liaison_a)

    def search():
        return client.get(search_url(quotas), {"q": "Robles"})

    OfficialFactory.create_batch(3, agency=agency_a, family_names="Robles")
    search()
    few, response = count_queries(search)
    assert len(ids(response)) == 3
    OfficialFactory.create_batch(27, agency=agency_a, family_names="Robles")
    many, response = count_queries(search)
    assert len(ids(response)) == PAGE_SIZE
    assert few == many
