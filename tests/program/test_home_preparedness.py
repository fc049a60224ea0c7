"""The home page's exercises (those the user holds a role in, and may read) and outreach
section (the tips of the analyst's agency that wait for a report)."""

import pytest

from nonprolif.core.roles import Role
from nonprolif.program.queries.home import home_for
from tests.factories import UserFactory
from tests.outreach.factories import StakeholderFactory, TipFactory
from tests.preparedness.factories import exercise_with_roles, level

pytestmark = pytest.mark.django_db


def test_the_people_in_roles_see_their_exercise_and_nobody_else_does():
    built = exercise_with_roles()
    for who in ("director", "controller", "evaluator", "player"):
        assert home_for(getattr(built, who)).exercises == [built.exercise], who
    assert home_for(built.outsider).exercises == []
    assert home_for(built.coordinator).exercises == []  # he holds no role in it


def test_a_classified_exercise_is_not_listed_without_the_clearance():
    built = exercise_with_roles(classification=level("C"))
    assert home_for(built.evaluator).exercises == []


def test_an_analyst_sees_his_agencys_tips_awaiting_a_report(client):
    built = exercise_with_roles()
    analyst = UserFactory(agency=built.agency_a, roles=[Role.ANALYST])
    analyst.clearance = level("C")
    analyst.save()
    other = UserFactory(agency=built.agency_b, roles=[Role.ANALYST])
    other.clearance = level("C")
    other.save()
    TipFactory(stakeholder=StakeholderFactory(responsible_agency=built.agency_a))
    TipFactory(stakeholder=StakeholderFactory(responsible_agency=built.agency_a))
    assert home_for(analyst).outreach_tips_awaiting == 2
    assert home_for(other).outreach_tips_awaiting == 0
    liaison = built.controller  # a liaison of agency A: reads the section, writes no report
    assert home_for(liaison).outreach
    assert home_for(liaison).outreach_tips_awaiting is None
    client.force_login(analyst)
    page = client.get("/").content.decode()
    assert "?status=awaiting" in page
    assert ">2</span>" in page
