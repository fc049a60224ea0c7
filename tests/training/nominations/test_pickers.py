"""The nomination forms' pickers: the officials a user may nominate for an item, and those
who may replace a nomination, searched as the forms offer them (scoped, paged, a forged pk
refused and nothing written)."""

import re

import pytest
from django.urls import reverse

from nonprolif.core.web.picker import PAGE_SIZE
from nonprolif.training.models.nomination import Nomination, NominationStatus


def ids(response) -> set[int]:
    return {int(pk) for pk in re.findall(r'data-value="(\d+)"', response.content.decode())}


def nominable_url(program, item):
    return reverse("nominable_search", args=[program.code, item.key])


def test_the_item_page_has_the_picker_and_no_select_of_officials(
    as_user, liaison_a, program, training
):
    page = as_user(liaison_a).get(reverse("nomination_item", args=[program.code, training.key]))
    html = page.content.decode()
    assert f'hx-get="{nominable_url(program, training)}"' in html
    assert not re.search(r'<select[^>]*name="nominate-official"', html)
    assert re.search(r'type="search" name="q"[^>]*id="id_nominate-official"', html)


def test_a_liaison_finds_only_his_agencys_officials(
    as_user, liaison_a, program, training, official_a, official_b
):
    client = as_user(liaison_a)
    assert ids(client.get(nominable_url(program, training))) == {official_a.pk}
    assert ids(client.get(nominable_url(program, training), {"q": "Barrera"})) == set()
    assert ids(client.get(nominable_url(program, training), {"q": "alvarez"})) == {official_a.pk}


def test_the_coordinator_finds_every_agency_by_name(
    as_user, coordinator, program, training, official_a, official_b
):
    client = as_user(coordinator)
    assert ids(client.get(nominable_url(program, training))) == {official_a.pk, official_b.pk}
    assert ids(client.get(nominable_url(program, training), {"q": "beto barr"})) == {official_b.pk}


def test_an_official_already_nominated_is_not_offered(
    as_user, coordinator, program, training, official_a, official_b, make_nomination
):
    make_nomination(official_a, training)
    assert ids(as_user(coordinator).get(nominable_url(program, training))) == {official_b.pk}


def test_an_outsider_gets_404_and_an_auditor_403(
    as_user, outsider, auditor, program, training, official_a
):
    assert as_user(outsider).get(nominable_url(program, training)).status_code == 404
    assert as_user(auditor).get(nominable_url(program, training)).status_code == 403


def test_a_forged_pk_from_another_agency_is_refused_and_nothing_written(
    as_user, liaison_a, program, training, official_a, official_b
):
    response = as_user(liaison_a).post(
        reverse("nomination_item", args=[program.code, training.key]),
        {"form": "nominate", "nominate-official": official_b.pk},
    )
    assert response.status_code == 400
    assert response.context["nominate_form"].errors["official"]
    assert "Barrera" not in response.content.decode()
    assert not Nomination.objects.exists()


def test_the_search_pages_by_twenty(
    as_user, coordinator, program, training, officials_of, agency_a
):
    officials_of(agency_a, PAGE_SIZE + 3, family_names="Ibarra")
    client = as_user(coordinator)
    first = client.get(nominable_url(program, training), {"q": "ibarra"})
    second = client.get(nominable_url(program, training), {"q": "ibarra", "page": 2})
    assert len(ids(first)) == PAGE_SIZE
    assert len(ids(second)) == 3
    assert not ids(first) & ids(second)


def test_the_search_query_count_is_the_same_for_3_and_30_officials(
    as_user, liaison_a, program, training, officials_of, agency_a, count_queries
):
    client = as_user(liaison_a)

    def search():
        return client.get(nominable_url(program, training), {"q": "Ibarra"})

    officials_of(agency_a, 3, family_names="Ibarra")
    search()
    few, response = count_queries(search)
    assert len(ids(response)) == 3
    officials_of(agency_a, 27, family_names="Ibarra")
    many, response = count_queries(search)
    assert len(ids(response)) == PAGE_SIZE
    assert few == many


@pytest.fixture
def submitted_a(make_nomination, official_a, training):
    return make_nomination(official_a, training, status=NominationStatus.SUBMITTED)


def test_substitutes_are_of_the_nominations_agency(
    as_user, liaison_a, coordinator, submitted_a, officials_of, agency_a, agency_b
):
    [other_a] = officials_of(agency_a, 1)
    officials_of(agency_b, 2)
    url = reverse("substitute_search", args=[submitted_a.pk])
    assert ids(as_user(liaison_a).get(url)) == {other_a.pk}
    assert ids(as_user(coordinator).get(url)) == {other_a.pk}


def test_substitute_search_is_refused_to_others(as_user, liaison_b, outsider, auditor, submitted_a):
    url = reverse("substitute_search", args=[submitted_a.pk])
    assert as_user(liaison_b).get(url).status_code == 404
    assert as_user(outsider).get(url).status_code == 404
    assert as_user(auditor).get(url).status_code == 403


def test_a_forged_substitute_of_another_agency_is_refused(
    as_user, liaison_a, submitted_a, official_b
):
    response = as_user(liaison_a).post(
        reverse("nomination_substitute", args=[submitted_a.pk]), {"sub-official": official_b.pk}
    )
    assert response.status_code == 400
    assert Nomination.objects.count() == 1
    submitted_a.refresh_from_db()
    assert submitted_a.status == NominationStatus.SUBMITTED
