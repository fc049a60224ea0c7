"""Who sees which session: the single access rule."""

import pytest

from nonprolif.core.roles import Role
from nonprolif.training.calendar.queries import feed_sessions, get_session_for
from nonprolif.training.models import Session, SessionParticipant
from tests.factories import AgencyFactory, ProposalItemFactory, UserFactory


@pytest.fixture
def item_for_a(proposal, agency_a, accept):
    item = ProposalItemFactory(proposal=proposal, number=3, cohort_count=1, cadence_months=None)
    item.target_agencies.set([agency_a])
    accept(item)
    return Session.objects.get(item_key=item.key)


def visible(user):
    return set(Session.objects.visible_to(user))


@pytest.mark.parametrize("user", ["coordinator", "auditor", "partner"])
def test_coordinators_auditors_and_partners_see_every_session(user, request, calendar, item_for_a):
    assert visible(request.getfixturevalue(user)) == set(Session.objects.all())


def test_a_liaison_sees_the_cohorts_for_his_agency_and_his_agencys_senior_session(
    calendar, item_for_a, liaison_b, senior_a, senior_b, training_item
):
    seen = visible(liaison_b)

    assert senior_b in seen
    assert senior_a not in seen
    assert item_for_a not in seen
    assert set(Session.objects.filter(item_key=training_item.key)) <= seen


def test_outsiders_and_administrators_see_nothing(calendar, outsider, administrator):
    assert visible(outsider) == set()
    assert visible(administrator) == set()


def test_a_partner_of_another_program_sees_nothing(calendar):
    other = UserFactory(username="p2", agency=AgencyFactory(code="P2"), roles=[Role.PARTNER])
    assert visible(other) == set()


def test_an_official_sees_the_sessions_he_takes_part_in(cohort, official_a, agency_a):
    login = UserFactory(username="ana")
    official_a.user = login
    official_a.save()
    SessionParticipant.objects.create(session=cohort, official=official_a)

    assert visible(login) == {cohort}


def test_get_session_for_hides_invisible_sessions(senior_a, liaison_b):
    from django.http import Http404

    with pytest.raises(Http404):
        get_session_for(liaison_b, senior_a.pk)


def test_an_agency_feed_of_the_coordinator_shows_what_concerns_that_agency(
    calendar, coordinator, program, agency_b, senior_a, senior_b, training_item
):
    from nonprolif.training.calendar.domain import create_feed

    feed, _raw = create_feed(actor=coordinator, program=program, scope="agency", agency=agency_b)

    shown = set(feed_sessions(feed))
    assert senior_b in shown
    assert senior_a not in shown
    assert set(Session.objects.filter(item_key=training_item.key)) <= shown


def test_amended_target_agencies_decide_which_liaisons_see_the_cohorts(
    calendar, training_item, accept, agency_a, liaison_a, liaison_b
):
    accept(training_item, "amended", target_agencies=[agency_a])

    cohorts = set(Session.objects.filter(item_key=training_item.key))
    assert cohorts <= visible(liaison_a)
    assert not cohorts & visible(liaison_b)
