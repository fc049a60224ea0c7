from nonprolif.program.queries import home_programs, program_dashboard
from tests.factories import AgencyFactory, MeetingFactory, OfficialFactory


def test_dashboard_lists_lead_members_and_partners_with_their_roles(coordinator, program):
    parent = AgencyFactory(code="PAR")
    program.member_agencies.add(AgencyFactory(code="SUB", parent=parent))
    dashboard = program_dashboard(coordinator, program)
    roles = {row.agency.code: row.role for row in dashboard.agencies}
    assert roles == {"AAA": "lead", "BBB": "member", "SUB": "member", "PTR": "partner"}
    sub = next(row.agency for row in dashboard.agencies if row.agency.code == "SUB")
    assert sub.parent == parent
    assert dashboard.agency_count == 4


def test_dashboard_counts_only_what_the_user_sees(
    liaison_b, coordinator, program, item_all, item_for_a, agency_a, agency_b, accept
):
    accept(item_all, item_for_a)
    OfficialFactory(agency=agency_a)
    OfficialFactory(agency=agency_b)
    meeting = MeetingFactory(program=program)
    meeting.agencies.set([agency_a])
    seen_by_b = program_dashboard(liaison_b, program)
    assert [i.pk for i in seen_by_b.items] == [item_all.pk]
    assert (seen_by_b.planned_seats, seen_by_b.official_count, seen_by_b.meeting_count) == (
        200,
        1,
        0,
    )
    everything = program_dashboard(coordinator, program)
    assert (everything.item_count, everything.planned_seats) == (2, 210)
    assert (everything.official_count, everything.meeting_count) == (2, 1)


def test_home_counts_items_and_meetings_as_the_user_sees_them(
    liaison_b, program, item_all, item_for_a, other_program, accept
):
    accept(item_all, item_for_a)
    summaries = home_programs(liaison_b)
    assert [s.program for s in summaries] == [program]
    assert (summaries[0].agency_count, summaries[0].item_count) == (3, 1)
    assert summaries[0].meeting_count == 0
