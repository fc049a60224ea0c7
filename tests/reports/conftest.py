"""A program with something in every section of the status report: seats, nominations,
participants and a certificate; a reviewed proposal; sessions before and after the report
date; a conference with speakers and registrations; an overdue action item."""

import datetime
import uuid

import pytest

from nonprolif.events.coordination.domain.action_items import create_action_item
from nonprolif.events.models import Conference, Registration, Speaker
from nonprolif.program.domain import decide_item
from nonprolif.program.models import Decision
from nonprolif.training.models import (
    AgencySeats,
    Audience,
    Certificate,
    Nomination,
    Session,
    SessionParticipant,
)
from tests.factories import MeetingFactory, OfficialFactory, ProposalFactory, ProposalItemFactory

AS_OF = datetime.date(2009, 11, 1)
KEY = uuid.uuid4()


def _session(program, *, start, cohort):
    return Session.objects.create(
        program=program,
        item_key=KEY,
        item_number=1,
        title_es="Curso",
        title_en="Course",
        audience=Audience.EVERYONE,
        cohort=cohort,
        start=start,
        end=start + datetime.timedelta(days=2),
        planned=start,
        capacity=50,
        planned_capacity=50,
    )


@pytest.fixture
def report_data(program, coordinator, agency_a, agency_b, partner_agency):
    officials_a = [OfficialFactory(agency=agency_a) for _ in range(3)]
    officials_b = [OfficialFactory(agency=agency_b) for _ in range(2)]
    AgencySeats.objects.create(program=program, item_key=KEY, agency=agency_a, seats=4)
    AgencySeats.objects.create(program=program, item_key=KEY, agency=agency_b, seats=6)
    for official in officials_a + officials_b:
        Nomination.objects.create(
            program=program,
            item_key=KEY,
            official=official,
            agency=official.agency,
            status="approved" if official in officials_a[:2] + officials_b[:1] else "submitted",
        )
    held = _session(program, start=datetime.date(2009, 10, 23), cohort=1)
    _session(program, start=datetime.date(2010, 1, 22), cohort=2)
    _session(program, start=datetime.date(2010, 4, 23), cohort=3)
    for official in officials_a[:2] + officials_b[:1]:
        SessionParticipant.objects.create(session=held, official=official)
    Certificate.objects.create(
        program=program,
        session=held,
        official=officials_a[0],
        official_name=officials_a[0].full_name,
        item_key=KEY,
        item_number=1,
        title_es="Curso",
        title_en="Course",
        start=held.start,
        end=held.end,
        days_total=3,
        days_present=3,
        completion_percent=80,
        code="TESTCODE1",
    )
    proposal = ProposalFactory(program=program, submitted_by=partner_agency)
    first = ProposalItemFactory(proposal=proposal, number=1, title_en="Calendar")
    second = ProposalItemFactory(proposal=proposal, number=2, title_en="Senior")
    ProposalItemFactory(proposal=proposal, number=3, title_en="Conference support")
    decide_item(actor=coordinator, item=first, decision=Decision.ACCEPTED)
    decide_item(actor=coordinator, item=second, decision=Decision.REJECTED, rationale="No")
    conference = Conference.objects.create(
        program=program,
        acronym="wmd-test",
        title_es="Conferencia ADM",
        title_en="WMD conference",
        city="Cancún",
        host_agency=agency_a,
        start_date=datetime.date(2009, 11, 18),
        end_date=datetime.date(2009, 11, 20),
    )
    for status, response in [
        ("accepted", "accepted"),
        ("accepted", "accepted"),
        ("accepted", "pending"),
        ("proposed", "pending"),
        ("declined", "pending"),
    ]:
        Speaker.objects.create(
            conference=conference,
            name=f"Speaker {status} {response}",
            proposed_by_agency=partner_agency,
            status=status,
            response=response,
        )
    for official, status in [
        (officials_a[0], "approved"),
        (officials_a[1], "submitted"),
        (officials_b[0], "approved"),
        (officials_b[1], "declined"),
    ]:
        Registration.objects.create(
            conference=conference, official=official, agency=official.agency, status=status
        )
    meeting = MeetingFactory(program=program)
    meeting.agencies.set([agency_a, agency_b])
    for due, title in [(datetime.date(2009, 10, 1), "Late"), (datetime.date(2009, 12, 1), "Later")]:
        create_action_item(
            actor=coordinator,
            meeting=meeting,
            title_es=title,
            title_en=title,
            owner_agency=agency_b,
            due_date=due,
        )
    return {"conference": conference, "proposal": proposal}
