"""The calendar forms' pickers: a session's participant search (the officials who may join
it) and the feed form's official search (those the user may make a feed for)."""

import re

import pytest
from django.urls import reverse

from nonprolif.core.models import Official
from nonprolif.core.web.picker import PAGE_SIZE
from nonprolif.training.calendar.queries import feed_officials
from nonprolif.training.models import CalendarFeed, SessionParticipant
from tests.factories import OfficialFactory


def ids(response) -> set[int]:
    assert response.status_code == 200
    return {int(pk) for pk in re.findall(r'data-value="(\d+)"', response.content.decode())}


def participant_url(session):
    return reverse("session_participant_search", args=[session.pk])


def test_the_session_page_has_the_picker(as_user, coordinator, cohort):
    html = as_user(coordinator).get(reverse("session_detail", args=[cohort.pk])).content.decode()
    assert f'hx-get="{participant_url(cohort)}"' in html
    assert not re.search(r'<select[^>]*name="participant-official"', html)


def test_participant_search_finds_by_name_and_leaves_out_participants(
    as_user, coordinator, cohort, official_a, official_b
):
    client = as_user(coordinator)
    assert ids(client.get(participant_url(cohort), {"q": "alvarez"})) == {official_a.pk}
    SessionParticipant.objects.create(session=cohort, official=official_a)
    assert ids(client.get(participant_url(cohort))) == {official_b.pk}


def test_a_senior_session_searches_only_senior_officials_of_its_agency(
    as_user, coordinator, senior_a, official_a, senior_official_a
):
    assert ids(as_user(coordinator).get(participant_url(senior_a))) == {senior_official_a.pk}


def test_participant_search_is_refused_to_outsiders_and_liaisons(
    as_user, outsider, liaison_a, cohort, official_a
):
    assert as_user(outsider).get(participant_url(cohort)).status_code == 404
    assert as_user(liaison_a).get(participant_url(cohort)).status_code == 403


def test_a_forged_participant_outside_the_session_is_refused(
    as_user, coordinator, senior_a, official_a
):
    response = as_user(coordinator).post(
        reverse("session_participant_add", args=[senior_a.pk]),
        {"participant-official": official_a.pk},
    )
    assert response.status_code == 400
    assert not senior_a.participants.exists()


def test_participant_search_query_count_is_the_same_for_3_and_30(
    as_user, coordinator, cohort, agency_a, count_queries
):
    client = as_user(coordinator)

    def search():
        return client.get(participant_url(cohort), {"q": "Quiroga"})

    OfficialFactory.create_batch(3, agency=agency_a, family_names="Quiroga")
    search()
    few, response = count_queries(search)
    assert len(ids(response)) == 3
    OfficialFactory.create_batch(27, agency=agency_a, family_names="Quiroga")
    many, response = count_queries(search)
    assert len(ids(response)) == PAGE_SIZE
    assert few == many


def feed_url(program):
    return reverse("feed_official_search", args=[program.code])


def test_a_liaison_finds_only_his_agencys_officials_for_a_feed(
    as_user, liaison_a, calendar, program, official_a, official_b
):
    client = as_user(liaison_a)
    assert ids(client.get(feed_url(program))) == {official_a.pk}
    assert ids(client.get(feed_url(program), {"q": "Barrera"})) == set()


def test_an_outsider_finds_no_feed_official(as_user, outsider, calendar, program, official_a):
    assert as_user(outsider).get(feed_url(program)).status_code == 404


def test_a_forged_feed_official_is_refused_and_no_feed_made(
    as_user, liaison_a, calendar, program, official_b
):
    response = as_user(liaison_a).post(
        reverse("feed_list", args=[program.code]), {"scope": "official", "official": official_b.pk}
    )
    assert response.status_code == 400
    assert not CalendarFeed.objects.exists()


@pytest.mark.parametrize(
    "username", ["coordinator", "liaison_a", "liaison_b", "partner", "auditor", "outsider"]
)
def test_the_feed_officials_are_those_the_feed_rule_allows(
    request, username, calendar, program, official_a, official_b, agency_a
):
    user = request.getfixturevalue(username)
    mine = OfficialFactory(agency=agency_a, user=user)
    visible = Official.objects.visible_to(user).filter(
        pk__in=[official_a.pk, official_b.pk, mine.pk]
    )
    allowed = {o.pk for o in visible if user.has_perm("training.add_official_feed", o)}
    assert set(feed_officials(user, program).values_list("pk", flat=True)) == allowed
