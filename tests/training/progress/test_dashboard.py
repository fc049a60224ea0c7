"""The progress dashboard: nominated → approved → assigned → attended → certified, per
agency, against the targets; counts from visible rows only."""

import pytest
from django.urls import reverse

from nonprolif.training.certificates.domain import issue_certificates
from nonprolif.training.models import AgencySeats, Nomination
from nonprolif.training.models.nomination import NominationStatus
from nonprolif.training.progress.queries import program_progress
from tests.factories import OfficialFactory


def nominate(session, official, status=NominationStatus.APPROVED):
    return Nomination.objects.create(
        program=session.program,
        item_key=session.item_key,
        official=official,
        agency=official.agency,
        status=status,
    )


@pytest.fixture
def funnel(trained, coordinator, official_a, official_b, agency_a, agency_b):
    """A: Ana (approved, assigned, 5/5, certified), Carla (nominated only). B: Beto
    (approved, assigned, 3/5), Diego (declined). Seats: A 30, B 20. Target: 200."""
    program = trained.program
    program.target_trainees = 200
    program.save()
    nominate(trained, official_a)
    nominate(trained, OfficialFactory(agency=agency_a), NominationStatus.SUBMITTED)
    nominate(trained, official_b)
    nominate(trained, OfficialFactory(agency=agency_b), NominationStatus.DECLINED)
    AgencySeats.objects.create(
        program=program, item_key=trained.item_key, agency=agency_a, seats=30
    )
    AgencySeats.objects.create(
        program=program, item_key=trained.item_key, agency=agency_b, seats=20
    )
    issue_certificates(actor=coordinator, session=trained)
    return trained


def counts(progress) -> dict:
    return {row.agency.code: (row.values, row.seats) for row in progress.rows}


def test_the_coordinator_sees_every_agency_against_the_program_target(coordinator, funnel):
    progress = program_progress(coordinator, funnel.program)

    assert counts(progress) == {"AAA": ([2, 1, 1, 1, 1], 30), "BBB": ([2, 1, 1, 1, 0], 20)}
    assert progress.total_values == [4, 2, 2, 2, 1]
    assert progress.target == 200


def test_one_agency_is_measured_against_its_seats(coordinator, funnel, agency_b):
    progress = program_progress(coordinator, funnel.program, agency=agency_b)

    assert counts(progress) == {"BBB": ([2, 1, 1, 1, 0], 20)}
    assert progress.target == 20


def test_a_liaison_sees_only_his_agencys_row(liaison_b, funnel):
    progress = program_progress(liaison_b, funnel.program)

    assert counts(progress) == {"BBB": ([2, 1, 1, 1, 0], 20)}
    assert progress.total_values == [2, 1, 1, 1, 0]
    assert progress.target == 20


def test_a_revoked_certificate_no_longer_counts(coordinator, funnel):
    from nonprolif.training.certificates.domain import revoke_certificate
    from nonprolif.training.models import Certificate

    revoke_certificate(actor=coordinator, certificate=Certificate.objects.get(), reason="Error.")

    assert program_progress(coordinator, funnel.program).totals["certified"] == 0


def test_the_dashboard_page_has_the_chart_and_the_same_numbers_in_a_table(
    as_user, coordinator, funnel
):
    response = as_user(coordinator).get(reverse("training_progress", args=["prog-test"]))
    body = response.content.decode()

    assert response.status_code == 200
    assert '<svg role="img"' in body
    assert "<script" not in body.split("<main")[1].split("</main>")[0]
    assert '<th scope="row">AAA</th>' in body
    assert '<th scope="row">BBB</th>' in body
    assert "<td>30</td>" in body


def test_the_liaisons_dashboard_page_shows_no_other_agency(as_user, liaison_b, funnel):
    body = as_user(liaison_b).get(reverse("training_progress", args=["prog-test"])).content
    body = body.decode()

    assert '<th scope="row">BBB</th>' in body
    assert '<th scope="row">AAA</th>' not in body
    assert "<td>30</td>" not in body


def test_the_outsider_gets_404_for_the_dashboard(as_user, outsider, funnel):
    response = as_user(outsider).get(reverse("training_progress", args=["prog-test"]))

    assert response.status_code == 404


def test_the_dashboard_costs_the_same_queries_for_1_and_3_officials_per_stage(
    as_user, coordinator, trained, agency_a, enrolled, attend, count_queries
):
    client = as_user(coordinator)
    url = reverse("training_progress", args=["prog-test"])
    client.get(url)
    one, _response = count_queries(lambda: client.get(url))

    officials = [OfficialFactory(agency=agency_a) for _ in range(3)]
    for official in officials:
        nominate(trained, official)
    enrolled(trained, *officials)
    for official in officials:
        attend(trained, official, 5)
    issue_certificates(actor=coordinator, session=trained)
    three, _response = count_queries(lambda: client.get(url))

    assert program_progress(coordinator, trained.program).rows[0].values == [3, 3, 4, 4, 4]
    assert three == one
