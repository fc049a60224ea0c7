"""Scoping rules at their edges: a user's own official, sessions of several target agencies
(each row once, no DISTINCT needed)."""

from nonprolif.training.models import Nomination, Session
from nonprolif.training.models.attendance import roster_visible_to
from tests.factories import OfficialFactory, UserFactory


def test_a_user_sees_the_session_he_takes_part_in_and_his_own_roster_row_once(
    first_cohort, agency_a, enrolled
):
    user = UserFactory(username="own-login", agency=agency_a, roles=[])
    official = OfficialFactory(agency=agency_a, user=user)
    others = [OfficialFactory(agency=agency_a) for _ in range(2)]
    enrolled(first_cohort, official, *others)

    assert list(Session.objects.visible_to(user)) == [first_cohort]
    assert [p.official for p in roster_visible_to(user)] == [official]


def test_a_user_without_an_official_sees_no_own_nomination(first_cohort, agency_a):
    user = UserFactory(username="no-official", agency=agency_a, roles=[])
    Nomination.objects.create(
        program=first_cohort.program,
        item_key=first_cohort.item_key,
        official=OfficialFactory(agency=agency_a),
        agency=agency_a,
    )

    assert not Nomination.objects.visible_to(user).exists()


def test_a_liaison_sees_a_session_targeting_his_agency_once_and_not_one_targeting_another(
    first_cohort, liaison_a, liaison_b, agency_a, agency_b, partner_agency
):
    first_cohort.target_agencies.set([agency_a, partner_agency])

    assert list(Session.objects.visible_to(liaison_a).filter(pk=first_cohort.pk)) == [first_cohort]
    assert not Session.objects.visible_to(liaison_b).filter(pk=first_cohort.pk).exists()
    assert Session.objects.concerning(agency_a).filter(pk=first_cohort.pk).count() == 1
    assert not Session.objects.concerning(agency_b).filter(pk=first_cohort.pk).exists()
