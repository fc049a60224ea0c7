"""The assignment page: its summary (seats filled per session and per agency, the objective of
the run in force, reasons counted) follows the reader's access; the placements and the waitlist
are filtered, paginated tables; the page's query count does not grow with the data; the read
audit names the officials shown."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from nonprolif.core.models import AuditEntry
from nonprolif.planning import assignment as planning
from nonprolif.training.models import Session, SessionParticipant
from nonprolif.training.models.nomination import AssignmentRun
from tests.conftest import AUDITED_READ_QUERIES


def url(program, **query):
    base = reverse("assignment", args=[program.code])
    if not query:
        return base
    return base + "?" + "&".join(f"{k}={v}" for k, v in query.items())


def cohort(program, number):
    return Session.objects.get(program=program, cohort=number)


@pytest.fixture
def place(training, program):
    """``place(officials, cohort=1)``: the officials become participants of the cohort."""

    def make(officials, number=1):
        session = cohort(program, number)
        SessionParticipant.objects.bulk_create(
            [SessionParticipant(session=session, official=o) for o in officials]
        )
        return session

    return make


@pytest.fixture
def wait(training, make_nomination):
    """``wait(officials, code)``: approved nominations left out for ``code``."""

    def make(officials, code="", start=0):
        return [
            make_nomination(official, training, minute=start + n, outcome_code=code)
            for n, official in enumerate(officials)
        ]

    return make


@pytest.fixture
def scene(agency_a, agency_b, officials_of, place, wait):
    """Cohort 1: 3 of AAA and 2 of BBB; cohort 2: 1 of BBB. Waiting: 2 of AAA for the
    quota, 1 of BBB without a reason yet."""
    place(officials_of(agency_a, 3) + officials_of(agency_b, 2), 1)
    place(officials_of(agency_b, 1), 2)
    wait(officials_of(agency_a, 2), planning.QUOTA_FULL)
    wait(officials_of(agency_b, 1), "", start=10)


def placed_by_session(response):
    return {row.cohort: row.placed for row in response.context["sessions"].object_list}


def test_coordinator_sees_the_summary_of_everyone(as_user, coordinator, program, scene):
    response = as_user(coordinator).get(url(program))
    assert response.status_code == 200
    assert placed_by_session(response) == {1: 5, 2: 1, 3: 0, 4: 0, None: 0}
    assert [(a["code"], a["placed"]) for a in response.context["agencies"]] == [
        ("AAA", 3),
        ("BBB", 3),
    ]
    assert [(r["code"], r["n"]) for r in response.context["reasons"]] == [
        (planning.QUOTA_FULL, 2),
        ("", 1),
    ]
    assert response.context["placed"].paginator.count == 6
    assert response.context["waiting"].paginator.count == 3
    page = response.content.decode()
    assert "Lugares ocupados por sesión" in page or "Seats filled per session" in page
    assert "Aún sin planear" in page or "Not planned yet" in page


def test_liaisons_summary_counts_only_what_he_may_see(as_user, liaison_a, program, scene):
    response = as_user(liaison_a).get(url(program))
    assert response.status_code == 200
    assert placed_by_session(response) == {1: 3, 2: 0, 3: 0, 4: 0, None: 0}
    assert [(a["code"], a["placed"]) for a in response.context["agencies"]] == [("AAA", 3)]
    assert [(r["code"], r["n"]) for r in response.context["reasons"]] == [(planning.QUOTA_FULL, 2)]
    codes = {p.official.agency.code for p in response.context["placed"].object_list}
    assert codes == {"AAA"}
    assert {n.agency.code for n in response.context["waiting"].object_list} == {"AAA"}
    # BBB stays in the agency filter (the program's directory), never in a table.
    assert "<td>BBB</td>" not in response.content.decode()


def test_outsider_gets_404_and_liaison_cannot_run(as_user, outsider, liaison_a, program, scene):
    assert as_user(outsider).get(url(program)).status_code == 404
    assert as_user(outsider).get(url(program, placed_page=2)).status_code == 404
    before = SessionParticipant.objects.count()
    assert as_user(liaison_a).post(url(program), {"dry_run": "0"}).status_code == 403
    assert SessionParticipant.objects.count() == before
    assert not AssignmentRun.objects.exists()


def test_objective_of_the_run_in_force_is_shown(as_user, coordinator, program, scene):
    AssignmentRun.objects.create(
        program=program,
        trigger=AssignmentRun.Trigger.RUN,
        method="mip",
        optimal=False,
        objective={"assigned": 6, "preference": 17, "total": 17},
    )
    response = as_user(coordinator).get(url(program))
    assert [(k, v) for k, _label, v in response.context["objective"]] == [
        ("assigned", 6),
        ("preference", 17),
        ("total", 17),
    ]
    page = response.content.decode()
    assert "Nominados ubicados" in page or "Nominees placed" in page
    assert "no demostró que sea óptima" in page or "did not prove it optimal" in page


def test_tables_are_paginated_each_on_its_own(
    as_user, coordinator, program, agency_a, officials_of, place, wait
):
    place(officials_of(agency_a, 55), 1)
    wait(officials_of(agency_a, 52), planning.SEATS_USED_BY_OTHERS)
    client = as_user(coordinator)
    first = client.get(url(program))
    assert len(first.context["placed"].object_list) == 50
    assert len(first.context["waiting"].object_list) == 50
    second = client.get(url(program, placed_page=2))
    rest = list(second.context["placed"].object_list)
    assert len(rest) == 5
    assert not {p.pk for p in rest} & {p.pk for p in first.context["placed"].object_list}
    assert second.context["waiting"].number == 1
    assert len(client.get(url(program, waiting_page=2)).context["waiting"].object_list) == 2
    assert "waiting_page=2" in first.content.decode()
    # Out of range or nonsense: the nearest page, never an error.
    assert client.get(url(program, placed_page=999)).context["placed"].number == 2
    assert client.get(url(program, placed_page="x")).status_code == 200


def test_filters_narrow_the_tables(as_user, coordinator, program, scene, training):
    client = as_user(coordinator)
    by_agency = client.get(url(program, agency="BBB"))
    assert {p.official.agency.code for p in by_agency.context["placed"].object_list} == {"BBB"}
    assert by_agency.context["placed"].paginator.count == 3
    assert by_agency.context["waiting"].paginator.count == 1
    by_reason = client.get(url(program, reason=planning.QUOTA_FULL))
    assert by_reason.context["waiting"].paginator.count == 2
    assert client.get(url(program, reason="none")).context["waiting"].paginator.count == 1
    session = cohort(program, 2)
    by_session = client.get(url(program, session=session.pk))
    assert [p.session_id for p in by_session.context["placed"].object_list] == [session.pk]
    assert by_session.context["session"] == session
    by_item = client.get(url(program, item=training.key))
    assert by_item.context["placed"].paginator.count == 6


def test_bad_filters_name_the_field_and_filter_nothing(as_user, coordinator, program, scene):
    client = as_user(coordinator)
    response = client.get(url(program, session="abc", reason="nonsense", item="zzz"))
    assert response.status_code == 200
    form = response.context["form"]
    assert set(form.errors) == {"session", "reason", "item"}
    assert response.context["placed"].paginator.count == 6
    assert response.context["waiting"].paginator.count == 3


def test_read_audit_names_the_officials_shown(as_user, liaison_a, program, scene):
    response = as_user(liaison_a).get(url(program))
    entry = AuditEntry.objects.filter(action="assignment.view").latest("pk")
    shown = [p.official_id for p in response.context["placed"].object_list] + [
        n.official_id for n in response.context["waiting"].object_list
    ]
    assert entry.object_type == "core.official"
    assert sorted(entry.object_ids) == sorted(shown)
    assert len(shown) == 5


@pytest.mark.parametrize("username", ["coordinator", "liaison_a"])
def test_assignment_page_queries_do_not_grow_with_rows(
    request, as_user, program, agency_a, agency_b, officials_of, place, wait, username
):
    client = as_user(request.getfixturevalue(username))
    AssignmentRun.objects.create(
        program=program, trigger="run", method="flow", optimal=True, objective={"assigned": 1}
    )
    counts = {}
    done = 0
    for rows in (3, 30):
        new = rows - done
        place(officials_of(agency_a, new) + officials_of(agency_b, new), 1 + (rows > 3))
        wait(officials_of(agency_a, new), planning.QUOTA_FULL, start=done)
        wait(officials_of(agency_b, new), planning.SEATS_USED_BY_OTHERS, start=100 + done)
        done = rows
        client.get(url(program))  # warm the session and permission caches
        with CaptureQueriesContext(connection) as captured:
            response = client.get(url(program))
        assert response.context["placed"].paginator.count >= rows
        counts[rows] = len(captured)
    assert counts[3] == counts[30], counts
    assert counts[3] <= 30 + AUDITED_READ_QUERIES, counts


# ------------------------------------------------------------------------------ summary


def test_the_summary_gives_the_figures_and_the_tables_are_pages(
    as_user, coordinator, program, training, agency_a, agency_b, officials_of, place, wait
):
    """120 placed (60 in each of cohorts 1 and 2), 55 waitlisted, 7 left out with no
    position: the figures count them all, the tables show 50 rows a page."""
    place(officials_of(agency_a, 60), 1)
    place(officials_of(agency_b, 60), 2)
    waiting = wait(officials_of(agency_a, 55), planning.QUOTA_FULL)
    for rank, nomination in enumerate(waiting, start=1):
        nomination.waitlist_rank = rank
        nomination.save(update_fields=["waitlist_rank"])
    wait(officials_of(agency_b, 7), planning.NO_ELIGIBLE_SESSION, start=100)
    sessions = Session.objects.filter(program=program, item_key=training.key)
    response = as_user(coordinator).get(url(program))
    summary = response.context["summary"]
    assert summary["placed"] == 120
    assert summary["waitlisted"] == 55
    assert summary["left_out"] == 7
    seats = sum(s.capacity for s in Session.objects.filter(program=program))
    assert summary["seats"] == seats
    (row,) = [r for r in response.context["summary_items"] if r["item"].key == training.key]
    assert row["sessions"] == sessions.count()
    assert row["seats"] == sum(s.capacity for s in sessions)
    assert (row["placed"], row["waitlisted"], row["left_out"]) == (120, 55, 7)
    assert len(response.context["placed"].object_list) == 50
    assert response.context["placed"].paginator.num_pages == 3
    assert len(response.context["waiting"].object_list) == 50
    page = response.content.decode()
    assert "Resumen general" in page  # "At a glance"
    assert 'rel="next"' in page


def test_the_show_filter_leaves_out_the_other_table(as_user, coordinator, program, scene):
    client = as_user(coordinator)
    only_waiting = client.get(url(program, show="waiting")).content.decode()
    assert 'id="placed-heading"' not in only_waiting
    assert 'id="waitlist-heading"' in only_waiting
    only_placed = client.get(url(program, show="placed")).content.decode()
    assert 'id="waitlist-heading"' not in only_placed


def test_an_applied_run_goes_back_to_the_paged_page_with_what_it_did(
    as_user, coordinator, program, training, officials_of, agency_a, make_nomination
):
    for n, official in enumerate(officials_of(agency_a, 3)):
        make_nomination(official, training, minute=n)
    response = as_user(coordinator).post(url(program), {"dry_run": "0"})
    assert response.status_code == 302
    assert response["Location"] == url(program)
    page = as_user(coordinator).get(url(program))
    assert page.context["summary"]["placed"] == 3


def test_a_dry_run_shows_the_plan_per_item_without_a_row_per_nominee(
    as_user, coordinator, program, training, officials_of, agency_a, make_nomination
):
    for n, official in enumerate(officials_of(agency_a, 3)):
        make_nomination(official, training, minute=n)
    response = as_user(coordinator).post(url(program), {"dry_run": "1"})
    assert response.status_code == 200
    assert response.context["plan_totals"]["placed"] == 3
    (row,) = [r for r in response.context["plan_items"] if r["item"].key == training.key]
    assert row["placed"] == 3
    assert not SessionParticipant.objects.exists()
    assert "plan_left_out" not in response.context


def test_outsider_cannot_run_the_assignment(as_user, outsider, program, scene):
    before = SessionParticipant.objects.count()
    assert as_user(outsider).post(url(program), {"dry_run": "0"}).status_code == 404
    assert SessionParticipant.objects.count() == before
    assert not AssignmentRun.objects.exists()
