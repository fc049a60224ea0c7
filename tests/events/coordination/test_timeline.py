import datetime

from nonprolif.events.coordination.queries import engagement_timeline
from nonprolif.events.models import Conference
from nonprolif.program.domain import decide_item
from nonprolif.program.models import Decision
from nonprolif.training.models import Audience, Session
from tests.factories import MeetingFactory, ProposalFactory, ProposalItemFactory


def _session(program, agency=None, *, start, cohort=None, key=None):
    import uuid

    return Session.objects.create(
        program=program,
        item_key=key or uuid.uuid4(),
        item_number=1,
        title_es="Curso",
        title_en="Course",
        audience=Audience.SENIOR if agency else Audience.EVERYONE,
        cohort=None if agency else (cohort or 1),
        audience_agency=agency,
        start=start,
        end=start,
        planned=start,
        capacity=10,
        planned_capacity=10,
    )


def _timeline_data(program, coordinator, meeting, agency_a, agency_b, partner_agency):
    proposal = ProposalFactory(
        program=program, submitted_by=partner_agency, submitted_on=datetime.date(2009, 8, 28)
    )
    item = ProposalItemFactory(proposal=proposal, number=1)
    decide_item(actor=coordinator, item=item, decision=Decision.ACCEPTED)
    b_meeting = MeetingFactory(
        program=program, title_en="B only", title_es="Solo B", date=datetime.date(2009, 7, 1)
    )
    b_meeting.agencies.set([agency_b])
    _session(program, start=datetime.date(2009, 10, 23))
    _session(program, agency_a, start=datetime.date(2009, 11, 9))
    _session(program, agency_b, start=datetime.date(2009, 11, 17))
    Conference.objects.create(
        program=program,
        acronym="wmd-cancun-2009",
        title_es="Conferencia",
        title_en="Conference",
        city="Cancún",
        host_agency=agency_a,
        start_date=datetime.date(2009, 11, 18),
        end_date=datetime.date(2009, 11, 20),
    )


def test_timeline_lists_everything_in_date_order(
    coordinator, program, meeting, agency_a, agency_b, partner_agency
):
    _timeline_data(program, coordinator, meeting, agency_a, agency_b, partner_agency)
    entries = engagement_timeline(coordinator, program)
    kinds = [entry.kind for entry in entries]
    assert kinds[:3] == ["meeting", "meeting", "proposal"]
    assert {"decisions", "session", "conference"} <= set(kinds)
    dates = [entry.date for entry in entries]
    assert dates == sorted(dates)


def test_agency_filter_keeps_the_entries_concerning_it(
    coordinator, program, meeting, agency_a, agency_b, partner_agency
):
    _timeline_data(program, coordinator, meeting, agency_a, agency_b, partner_agency)
    titles = [e.title for e in engagement_timeline(coordinator, program, agency=agency_a)]
    assert "August meeting" in titles or "Reunión de agosto" in titles
    assert not any(t in titles for t in ("B only", "Solo B"))
    senior = engagement_timeline(coordinator, program, agency=agency_a)
    assert not any(e.date == datetime.date(2009, 11, 17) for e in senior)
    assert any(e.date == datetime.date(2009, 11, 9) for e in senior)


def test_liaison_never_sees_other_agencies_meetings_or_sessions(
    coordinator, liaison_a, program, meeting, agency_a, agency_b, partner_agency
):
    _timeline_data(program, coordinator, meeting, agency_a, agency_b, partner_agency)
    entries = engagement_timeline(liaison_a, program)
    assert not any(e.title in ("B only", "Solo B") for e in entries)
    assert not any(e.date == datetime.date(2009, 11, 17) for e in entries)
    assert any(e.kind == "meeting" for e in entries)


def test_timeline_page_and_api_filter_by_agency(
    as_user, coordinator, program, meeting, agency_a, agency_b, partner_agency
):
    _timeline_data(program, coordinator, meeting, agency_a, agency_b, partner_agency)
    client = as_user(coordinator)
    response = client.get("/programs/prog-test/timeline/engagement/", {"agency": "BBB"})
    assert response.status_code == 200
    body = response.content.decode()
    assert "Solo B" in body or "B only" in body
    assert "Reunión de agosto" not in body
    assert "August meeting" not in body
    api = client.get("/api/v1/programs/prog-test/timeline", {"agency": "BBB"}).json()["items"]
    assert [e["date"] for e in api] == sorted(e["date"] for e in api)
    assert client.get("/api/v1/programs/prog-test/timeline", {"agency": "NOPE"}).status_code == 422


def test_timeline_queries_do_not_grow_with_entries(
    as_user, coordinator, program, meeting, agency_a, agency_b, partner_agency, count_queries
):
    client = as_user(coordinator)
    url = "/programs/prog-test/timeline/engagement/"
    _timeline_data(program, coordinator, meeting, agency_a, agency_b, partner_agency)
    client.get(url)
    few, response = count_queries(lambda: client.get(url))
    before = len(response.context["entries"])
    _session(program, start=datetime.date(2010, 1, 23), cohort=2)
    _session(program, agency_b, start=datetime.date(2010, 2, 1))
    extra = MeetingFactory(program=program, date=datetime.date(2009, 12, 1))
    extra.agencies.set([agency_a, agency_b])
    many, response = count_queries(lambda: client.get(url))
    assert len(response.context["entries"]) == before + 3
    assert many == few


def test_timeline_filters_by_dates_and_kind(
    as_user, coordinator, program, meeting, agency_a, agency_b, partner_agency
):
    _timeline_data(program, coordinator, meeting, agency_a, agency_b, partner_agency)
    since, until = datetime.date(2009, 11, 1), datetime.date(2009, 11, 18)
    entries = engagement_timeline(coordinator, program, since=since, until=until)
    assert [(e.kind, e.date) for e in entries] == [
        ("session", datetime.date(2009, 11, 9)),
        ("session", datetime.date(2009, 11, 17)),
        ("conference", datetime.date(2009, 11, 18)),
    ]
    only = engagement_timeline(coordinator, program, kind="session", until=until)
    assert {e.kind for e in only} == {"session"}
    assert len(only) == Session.objects.filter(program=program, start__lte=until).count()
    client = as_user(coordinator)
    page = client.get(
        "/programs/prog-test/timeline/engagement/", {"since": "2009-11-01", "until": "2009-11-18"}
    )
    assert [e.kind for e in page.context["entries"]] == ["session", "session", "conference"]
    api = "/api/v1/programs/prog-test/timeline"
    body = client.get(api, {"since": "2009-11-01", "until": "2009-11-18", "kind": "session"})
    assert [e["date"] for e in body.json()["items"]] == ["2009-11-09", "2009-11-17"]
    # Bad input names the field: never a 500.
    reversed_range = client.get(api, {"since": "2009-11-18", "until": "2009-11-01"})
    assert reversed_range.status_code == 422
    assert reversed_range.json()["detail"][0]["field"] == "until"
    assert client.get(api, {"kind": "nope"}).status_code == 422
    assert client.get(api, {"since": "yesterday"}).status_code == 422
    bad = client.get("/programs/prog-test/timeline/engagement/", {"since": "x", "until": "y"})
    assert bad.status_code == 200
    assert set(bad.context["form"].errors) == {"since", "until"}


def test_timeline_is_paginated(as_user, coordinator, program):
    for day in range(60):
        _session(
            program, start=datetime.date(2010, 1, 1) + datetime.timedelta(days=day), cohort=day + 1
        )
    client = as_user(coordinator)
    url = "/programs/prog-test/timeline/engagement/"
    first = client.get(url)
    assert len(first.context["entries"]) == 50
    second = client.get(url, {"page": 2})
    assert len(second.context["entries"]) == 10
    assert second.context["entries"][0].date == datetime.date(2010, 2, 20)
    api = client.get("/api/v1/programs/prog-test/timeline", {"limit": 100, "offset": 50}).json()
    assert api["count"] == 60
    assert len(api["items"]) == 10
    assert client.get("/api/v1/programs/prog-test/timeline", {"limit": 1000}).status_code == 422


def test_timeline_outsider_gets_404(as_user, outsider, program):
    assert as_user(outsider).get("/api/v1/programs/prog-test/timeline").status_code == 404
    assert (
        as_user(outsider).get("/programs/prog-test/timeline/engagement/?page=2").status_code == 404
    )


def test_a_session_titled_for_its_agency_names_it_once(coordinator, program, agency_a):
    """A title "… de alto nivel: AAA · Funcionarios de alto nivel: AAA" repeated the agency: the
    audience is left out when the title already names it."""
    senior = _session(program, agency_a, start=datetime.date(2009, 11, 9))
    audience = senior.audience_label
    senior.title_es = senior.title_en = f"Sesión especializada para {audience.lower()}"
    senior.save()
    cohort = _session(program, start=datetime.date(2009, 10, 23), cohort=2)

    titles = {e.date: e.title for e in engagement_timeline(coordinator, program, kind="session")}

    assert titles[senior.start] == f"1. Sesión especializada para {audience.lower()}"
    assert titles[cohort.start] == f"1. Curso · {cohort.audience_label}"
    assert str(senior) == titles[senior.start]
