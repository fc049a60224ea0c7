"""The home page: what needs each role now, counted through the features' scoped selectors.

prog-test (agencies AAA and BBB, partner PTR) on a fixed 2 November 2009: nominations and
registrations of both agencies awaiting approval, the partner's proposal with an item awaiting
review, a speaker proposed by the partner and one accepted whose invitation is unanswered,
overdue action items of both agencies, and the accepted item's four cohorts (the first
ended without certificates, the next ones to come).
"""

import datetime

import pytest
from django.urls import reverse

from nonprolif.core.models import RoleGrant
from nonprolif.events.models import ActionItem, Conference, Registration, Speaker
from nonprolif.program.domain.review import decide_item
from nonprolif.program.queries.home import home_for
from nonprolif.training.models import Nomination, Session, SessionParticipant
from tests.conftest import AUDITED_READ_QUERIES
from tests.factories import MeetingFactory, OfficialFactory, ProposalItemFactory

TODAY = datetime.date(2009, 11, 2)


@pytest.fixture(autouse=True)
def fixed_today(settings):
    settings.NONPROLIF_TODAY = TODAY


@pytest.fixture
def office(program, agency_a, agency_b, partner_agency, proposal, coordinator):
    """The rows the home page counts (see the module's docstring)."""
    accepted = ProposalItemFactory(proposal=proposal, number=1, title_en="Accepted course")
    decide_item(item=accepted, decision="accepted", actor=coordinator, rationale="")
    ProposalItemFactory(proposal=proposal, number=2, title_en="Pending course")
    conference = Conference.objects.create(
        program=program,
        acronym="conf-test",
        title_es="Conferencia",
        title_en="Conference",
        city="Cancún",
        host_agency=agency_a,
        start_date=datetime.date(2009, 11, 18),
        end_date=datetime.date(2009, 11, 20),
    )
    for agency, how_many in ((agency_a, 2), (agency_b, 1)):
        for _ in range(how_many):
            official = OfficialFactory(agency=agency)
            Nomination.objects.create(
                program=program, item_key=accepted.key, official=official, agency=agency
            )
            Registration.objects.create(conference=conference, official=official, agency=agency)
    meeting = MeetingFactory(program=program)
    meeting.agencies.set([agency_a, agency_b, partner_agency])
    for agency, due in (
        (agency_a, datetime.date(2009, 10, 1)),
        (agency_a, datetime.date(2009, 12, 1)),  # not due yet
        (agency_b, datetime.date(2009, 10, 1)),
        (partner_agency, datetime.date(2009, 9, 1)),
    ):
        ActionItem.objects.create(
            meeting=meeting, title_es="Tarea", title_en="Task", owner_agency=agency, due_date=due
        )
    Speaker.objects.create(
        conference=conference, name="Proposed", proposed_by_agency=partner_agency
    )
    Speaker.objects.create(
        conference=conference,
        name="Invited",
        proposed_by_agency=partner_agency,
        status="accepted",
    )
    first = Session.objects.get(item_key=accepted.key, cohort=1)
    SessionParticipant.objects.create(session=first, official=OfficialFactory(agency=agency_a))
    return {"program": program, "conference": conference, "proposal": proposal, "first": first}


def counts(rows):
    return [(row.key, row.count) for row in rows]


def test_the_coordinator_sees_the_whole_office_waiting(as_user, coordinator, office):
    response = as_user(coordinator).get(reverse("home"))
    assert response.status_code == 200
    home = response.context["home"]
    conference = office["conference"].pk
    assert counts(home.pending_nominations) == [("prog-test", 3)]
    assert counts(home.pending_registrations) == [(conference, 3)]
    assert counts(home.items_awaiting_review) == [(office["proposal"].pk, 1)]
    assert counts(home.speakers_to_decide) == [(conference, 1)]
    assert counts(home.unanswered_invitations) == [(conference, 1)]
    assert counts(home.overdue_action_items) == [("prog-test", 3)]
    assert home.sessions_to_certify == [office["first"]]
    assert home.sessions_to_certify_total == 1
    assert [s.cohort for s in home.next_sessions] == [2, 3, 4]
    body = response.content.decode()
    for link in (
        reverse("nomination_queue", args=["prog-test"]),
        reverse("registration_list", args=[conference]),
        reverse("proposal_detail", args=[office["proposal"].pk]),
        reverse("speaker_list", args=[conference]),
        reverse("program_action_items", args=["prog-test"]),
        reverse("session_attendance", args=[office["first"].pk]),
        reverse("session_detail", args=[home.next_sessions[0].pk]),
    ):
        assert link in body, link
    assert home.accounts is None


def test_the_auditor_sees_what_the_coordinator_sees(as_user, auditor, coordinator, office):
    mine = as_user(auditor).get(reverse("home")).context["home"]
    theirs = home_for(coordinator)
    assert counts(mine.pending_nominations) == counts(theirs.pending_nominations)
    assert counts(mine.overdue_action_items) == counts(theirs.overdue_action_items)
    assert mine.sessions_to_certify_total == theirs.sessions_to_certify_total == 1


def test_a_liaison_counts_only_his_agency(as_user, liaison_a, liaison_b, office):
    home = as_user(liaison_a).get(reverse("home")).context["home"]
    assert counts(home.pending_nominations) == [("prog-test", 2)]
    assert counts(home.pending_registrations) == [(office["conference"].pk, 2)]
    assert counts(home.overdue_action_items) == [("prog-test", 1)]
    assert home.items_awaiting_review == []
    assert home.speakers_to_decide == home.unanswered_invitations == []
    assert home.sessions_to_certify == []
    other = as_user(liaison_b).get(reverse("home")).context["home"]
    assert counts(other.pending_nominations) == [("prog-test", 1)]
    assert counts(other.pending_registrations) == [(office["conference"].pk, 1)]
    assert counts(other.overdue_action_items) == [("prog-test", 1)]


def test_a_liaison_never_counts_another_agencys_rows(as_user, liaison_b, agency_a, office):
    """Rows of agency A only, added after the fact, change nothing for B's liaison."""
    before = as_user(liaison_b).get(reverse("home")).context["home"]
    official = OfficialFactory(agency=agency_a)
    Nomination.objects.create(
        program=office["program"],
        item_key=office["first"].item_key,
        official=official,
        agency=agency_a,
    )
    Registration.objects.create(conference=office["conference"], official=official, agency=agency_a)
    after = as_user(liaison_b).get(reverse("home")).context["home"]
    assert counts(after.pending_nominations) == counts(before.pending_nominations)
    assert counts(after.pending_registrations) == counts(before.pending_registrations)
    assert counts(after.overdue_action_items) == counts(before.overdue_action_items)


def test_the_partner_sees_his_proposals_speakers_and_rosters(as_user, partner, office):
    response = as_user(partner).get(reverse("home"))
    home = response.context["home"]
    assert counts(home.items_awaiting_review) == [(office["proposal"].pk, 1)]
    assert counts(home.speakers_to_decide) == [(office["conference"].pk, 1)]
    assert counts(home.unanswered_invitations) == [(office["conference"].pk, 1)]
    assert counts(home.overdue_action_items) == [("prog-test", 1)]
    assert home.pending_nominations == home.pending_registrations == []
    assert [s.roster_count for s in home.next_sessions] == [0, 0, 0]


def test_the_administrator_lands_on_account_management(as_user, administrator, coordinator):
    RoleGrant.objects.create(user=coordinator, role="auditor")
    response = as_user(administrator).get(reverse("home"))
    home = response.context["home"]
    assert home.accounts is not None
    assert home.accounts.pending_grants == 1
    assert home.accounts.accounts == 2
    assert home.accounts.lockouts == 0
    body = response.content.decode()
    for name in ("admin:core_user_changelist", "grant_list", "lockout_list"):
        assert reverse(name) in body, name
    assert "do not take part in any program" not in body


def test_an_outsider_sees_nothing_waiting(as_user, outsider, office):
    home = home_for(outsider)
    assert home.sections == frozenset()
    assert home.nothing_to_do
    assert as_user(outsider).get(reverse("home")).status_code == 200


@pytest.mark.parametrize("role", ["coordinator", "liaison_a", "partner", "administrator"])
def test_the_home_page_costs_the_same_queries_whatever_the_data(
    request, role, as_user, count_queries, office, agency_a, agency_b
):
    client = as_user(request.getfixturevalue(role))
    one, _ = count_queries(lambda: client.get(reverse("home")))
    for agency in (agency_a, agency_b, agency_a):
        official = OfficialFactory(agency=agency)
        Nomination.objects.create(
            program=office["program"],
            item_key=office["first"].item_key,
            official=official,
            agency=agency,
        )
        Registration.objects.create(
            conference=office["conference"], official=official, agency=agency
        )
        SessionParticipant.objects.create(session=office["first"], official=official)
    three, response = count_queries(lambda: client.get(reverse("home")))
    assert response.status_code == 200
    assert one == three
    assert three <= 20 + AUDITED_READ_QUERIES
