import datetime

from django.db.models import Count, Sum

from nonprolif.events.coordination.domain.action_items import create_action_item
from nonprolif.events.models import ActionItem, Conference, Registration, Speaker
from nonprolif.program.domain import decide_item
from nonprolif.program.models import Decision, ItemDecision, ProposalItem
from nonprolif.reports.queries import build_cable, cable_facts
from nonprolif.training.models import (
    AgencySeats,
    Certificate,
    Nomination,
    Session,
    SessionParticipant,
)
from tests.factories import MeetingFactory, OfficialFactory, ProposalFactory, ProposalItemFactory
from tests.reports.conftest import AS_OF


def test_figures_match_the_database(coordinator, program, report_data, agency_a, agency_b):
    figures = build_cable(coordinator, program, language="en", as_of=AS_OF).figures
    training = figures["training"]["agencies"]
    for agency in (agency_a, agency_b):
        row = training[agency.code]
        assert (
            row["seats"]
            == AgencySeats.objects.filter(program=program, agency=agency).aggregate(n=Sum("seats"))[
                "n"
            ]
        )
        nominations = Nomination.objects.filter(program=program, official__agency=agency)
        assert row["nominated"] == nominations.count()
        assert row["approved"] == nominations.filter(status="approved").count()
        assert (
            row["assigned"]
            == SessionParticipant.objects.filter(
                session__program=program, official__agency=agency
            ).count()
        )
        assert (
            row["certified"]
            == Certificate.objects.filter(
                program=program, official__agency=agency, revoked_at__isnull=True
            ).count()
        )
    (proposal,) = figures["proposals"]
    items = ProposalItem.objects.filter(proposal_id=proposal["id"])
    decided = ItemDecision.objects.filter(item__in=items)
    assert proposal["total"] == items.count()
    assert proposal["accepted"] == decided.filter(decision__in=["accepted", "amended"]).count()
    assert proposal["rejected"] == decided.filter(decision="rejected").count()
    assert proposal["awaiting"] == items.filter(decisions__isnull=True).count()
    sessions = Session.objects.filter(program=program, start__gte=AS_OF).order_by("start")
    assert figures["sessions"]["upcoming"] == list(sessions.values_list("pk", flat=True))
    assert (
        figures["sessions"]["held_before"]
        == Session.objects.filter(program=program, end__lt=AS_OF).count()
    )
    (conference,) = figures["conferences"]
    speakers = Speaker.objects.filter(conference_id=conference["id"])
    assert conference["speakers"]["accepted"] == speakers.filter(status="accepted").count()
    assert (
        conference["speakers"]["confirmed"]
        == speakers.filter(status="accepted", response="accepted").count()
    )
    assert conference["speakers"]["proposed"] == speakers.filter(status="proposed").count()
    registrations = {
        (row["agency__code"], row["status"]): row["n"]
        for row in Registration.objects.filter(conference_id=conference["id"])
        .values("agency__code", "status")
        .annotate(n=Count("pk"))
    }
    for code, counts in conference["registrations"].items():
        for status, number in counts.items():
            assert number == registrations.get((code, status), 0)
    assert conference["registrations_total"] == Registration.objects.count()
    overdue = ActionItem.objects.filter(due_date__lt=AS_OF).exclude(
        status__in=["done", "cancelled"]
    )
    assert [item["id"] for item in figures["overdue"]] == list(overdue.values_list("pk", flat=True))
    assert figures["overdue"][0]["days"] == (AS_OF - datetime.date(2009, 10, 1)).days


def test_the_facts_take_a_fixed_number_of_queries(
    coordinator, program, report_data, agency_a, agency_b, count_queries
):
    def read():
        return cable_facts(coordinator, program, language="en", as_of=AS_OF)

    first, _facts = count_queries(read)
    proposal = ProposalFactory(program=program, submitted_by=agency_b)
    for number in (1, 2):
        decide_item(
            actor=coordinator,
            item=ProposalItemFactory(proposal=proposal, number=number),
            decision=Decision.ACCEPTED,
        )
    conference = Conference.objects.create(
        program=program,
        acronym="second",
        title_es="Segunda",
        title_en="Second",
        city="Mérida",
        host_agency=agency_b,
        start_date=datetime.date(2010, 2, 1),
        end_date=datetime.date(2010, 2, 1),
    )
    official = OfficialFactory(agency=agency_b)
    Speaker.objects.create(conference=conference, name="Someone", proposed_by_agency=agency_b)
    Registration.objects.create(conference=conference, official=official, agency=agency_b)
    meeting = MeetingFactory(program=program)
    meeting.agencies.set([agency_a])
    create_action_item(
        actor=coordinator,
        meeting=meeting,
        title_es="Otra",
        title_en="Another",
        owner_agency=agency_a,
        owner_official=OfficialFactory(agency=agency_a),
        due_date=datetime.date(2009, 9, 1),
    )
    facts = read()
    assert (len(facts.proposals), len(facts.conferences), len(facts.overdue)) == (2, 2, 2)
    assert count_queries(read)[0] == first
