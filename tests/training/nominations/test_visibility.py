"""Who sees which nominations: ``Nomination.objects.visible_to``.

Besides the roles' scopes (coordinators and auditors all, liaisons their agency's), every
signed-in user sees the nominations of the official linked to his own login, and no one
else's: like the rule for officials, an official's own login sees his own records.
"""

import pytest

from nonprolif.core.roles import Role
from nonprolif.training.models.nomination import Nomination
from tests.factories import OfficialFactory, UserFactory


@pytest.fixture
def colleague_a(agency_a):
    """A second official of agency A, with a login of his own."""
    return OfficialFactory(
        agency=agency_a,
        given_names="Carlos",
        family_names="Cruz",
        user=UserFactory(username="carlos", agency=agency_a),
    )


def link(official, user):
    """Make ``user`` the official's own login."""
    official.user = user
    official.save(update_fields=["user"])
    return user


@pytest.fixture
def ana(official_a, agency_a):
    """Official A's own login: of agency A, no role."""
    return link(official_a, UserFactory(username="ana", agency=agency_a))


@pytest.fixture
def nominations(make_nomination, training, official_a, colleague_a, official_b):
    return {
        "ana": make_nomination(official_a, training, minute=0),
        "carlos": make_nomination(colleague_a, training, minute=1),
        "beto": make_nomination(official_b, training, minute=2),
    }


def visible(user) -> set[int]:
    return set(Nomination.objects.visible_to(user).values_list("pk", flat=True))


def test_an_officials_own_login_sees_his_own_nominations(ana, nominations):
    assert visible(ana) == {nominations["ana"].pk}


def test_an_officials_own_login_does_not_see_a_colleagues(ana, colleague_a, nominations):
    """Carlos (same agency, no role) sees his own nomination, not Ana's; Ana not his."""
    assert nominations["carlos"].pk not in visible(ana)
    assert visible(colleague_a.user) == {nominations["carlos"].pk}


def test_an_administrators_own_login_sees_his_own(official_a, agency_a, nominations):
    """Administrators see no official's records, except their own."""
    admin = link(official_a, UserFactory(agency=agency_a, roles=[Role.ADMINISTRATOR]))
    assert visible(admin) == {nominations["ana"].pk}


def test_a_liaison_who_is_an_official_elsewhere_sees_his_own_too(
    official_b, agency_b, liaison_a, make_nomination, training, nominations
):
    """A liaison of agency A linked to an official of agency B: agency A's nominations and
    his own, not those of his colleagues in agency B."""
    link(official_b, liaison_a)
    berta = make_nomination(OfficialFactory(agency=agency_b), training, minute=3)
    assert visible(liaison_a) == {
        nominations["ana"].pk,
        nominations["carlos"].pk,
        nominations["beto"].pk,
    }
    assert berta.pk not in visible(liaison_a)


def test_a_login_linked_to_no_official_sees_no_nomination(outsider, agency_a, nominations):
    outsider.agency = agency_a
    outsider.save(update_fields=["agency"])
    assert visible(outsider) == set()


def test_an_inactive_login_sees_not_even_his_own(ana, nominations):
    ana.is_active = False
    ana.save(update_fields=["is_active"])
    assert visible(ana) == set()
