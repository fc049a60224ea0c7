"""The attendance sheet page and the transcript page."""

import pytest
from django.urls import reverse

from nonprolif.training.certificates.domain import issue_certificates
from nonprolif.training.models import Attendance
from tests.factories import OfficialFactory
from tests.training.conftest import DAYS


def sheet_url(session) -> str:
    return reverse("session_attendance", args=[session.pk])


def cell(participant, day) -> str:
    return f"present-{participant.pk}-{day.isoformat()}"


@pytest.fixture
def roster(first_cohort, enrolled, official_a, official_b):
    return enrolled(first_cohort, official_a, official_b)


def test_the_coordinator_sees_every_participant_with_a_checkbox_per_day(
    as_user, coordinator, first_cohort, roster
):
    response = as_user(coordinator).get(sheet_url(first_cohort))

    assert response.status_code == 200
    body = response.content.decode()
    assert "Ana Alvarez" in body
    assert "Beto Barrera" in body
    for participant in roster:
        for day in DAYS:
            assert f'name="{cell(participant, day)}"' in body
    assert f'for="{cell(roster[0], DAYS[0])}"' in body  # each checkbox has its label


def test_saving_the_sheet_records_ticked_as_present_and_unticked_as_absent(
    as_user, coordinator, first_cohort, roster
):
    ana, beto = roster
    data = {cell(ana, day): "on" for day in DAYS} | {cell(beto, DAYS[0]): "on"}

    response = as_user(coordinator).post(sheet_url(first_cohort), data)

    assert response.status_code == 302
    assert Attendance.objects.filter(participant=ana, present=True).count() == 5
    assert Attendance.objects.filter(participant=beto, present=True).count() == 1
    assert Attendance.objects.filter(participant=beto, present=False).count() == 4


def test_all_present_fills_one_day(as_user, coordinator, first_cohort, roster):
    response = as_user(coordinator).post(
        reverse("session_attendance_all_present", args=[first_cohort.pk]),
        {"day": DAYS[1].isoformat()},
    )

    assert response.status_code == 302
    assert set(Attendance.objects.values_list("day", "present")) == {(DAYS[1], True)}
    assert Attendance.objects.count() == 2


def test_all_present_on_a_day_off_answers_400_naming_the_day(
    as_user, coordinator, first_cohort, roster
):
    response = as_user(coordinator).post(
        reverse("session_attendance_all_present", args=[first_cohort.pk]), {"day": "2009-10-24"}
    )

    assert response.status_code == 400
    assert "day:" in response.content.decode()
    assert Attendance.objects.count() == 0


def test_the_partners_trainer_sees_the_names_and_records(as_user, partner, first_cohort, roster):
    client = as_user(partner)
    body = client.get(sheet_url(first_cohort)).content.decode()
    assert "Ana Alvarez" in body
    assert "Beto Barrera" in body

    response = client.post(sheet_url(first_cohort), {cell(roster[0], DAYS[0]): "on"})

    assert response.status_code == 302
    assert Attendance.objects.filter(present=True).count() == 1


def test_a_liaison_reads_only_his_agencys_participants_and_cannot_save(
    as_user, liaison_b, first_cohort, roster
):
    client = as_user(liaison_b)
    response = client.get(sheet_url(first_cohort))
    body = response.content.decode()

    assert response.status_code == 200
    assert "Beto Barrera" in body
    assert "Ana Alvarez" not in body
    assert 'type="checkbox"' not in body

    response = client.post(sheet_url(first_cohort), {cell(roster[1], DAYS[0]): "on"})
    assert response.status_code == 403
    response = client.post(
        reverse("session_attendance_all_present", args=[first_cohort.pk]),
        {"day": DAYS[0].isoformat()},
    )
    assert response.status_code == 403
    assert Attendance.objects.count() == 0


def test_the_outsider_gets_404_and_writes_nothing(as_user, outsider, first_cohort, roster):
    client = as_user(outsider)

    assert client.get(sheet_url(first_cohort)).status_code == 404
    assert client.post(sheet_url(first_cohort), {cell(roster[0], DAYS[0]): "on"}).status_code == 404
    response = client.post(
        reverse("session_attendance_all_present", args=[first_cohort.pk]),
        {"day": DAYS[0].isoformat()},
    )
    assert response.status_code == 404
    assert Attendance.objects.count() == 0


def test_the_sheet_costs_the_same_queries_for_1_and_3_participants(
    as_user, coordinator, first_cohort, agency_a, enrolled, attend, count_queries
):
    client = as_user(coordinator)
    officials = [OfficialFactory(agency=agency_a) for _ in range(3)]
    enrolled(first_cohort, officials[0])
    attend(first_cohort, officials[0], 5)
    client.get(sheet_url(first_cohort))  # warm the session and the user's groups

    one, response = count_queries(lambda: client.get(sheet_url(first_cohort)))
    assert response.status_code == 200
    enrolled(first_cohort, *officials[1:])
    for official in officials[1:]:
        attend(first_cohort, official, 4)
    issue_certificates(actor=coordinator, session=first_cohort)
    three, response = count_queries(lambda: client.get(sheet_url(first_cohort)))

    assert response.content.decode().count('type="checkbox"') == 15
    assert three == one


def test_an_empty_roster_says_to_run_the_assignment_and_offers_no_certificates(
    as_user, coordinator, first_cohort
):
    coordinator.language = "en"
    coordinator.save(update_fields=["language"])
    body = as_user(coordinator).get(sheet_url(first_cohort)).content.decode()
    assert "Nobody is on this session's roster yet" in body
    assert reverse("assignment", args=[first_cohort.program.code]) in body
    assert "Issue certificates" not in body
    assert reverse("session_certificates_issue", args=[first_cohort.pk]) not in body


def test_issuing_is_offered_only_when_someone_completed_without_a_certificate(
    as_user, coordinator, first_cohort, roster
):
    coordinator.language = "en"
    coordinator.save(update_fields=["language"])
    client = as_user(coordinator)
    body = client.get(sheet_url(first_cohort)).content.decode()
    assert reverse("session_certificates_issue", args=[first_cohort.pk]) not in body
    assert "Nobody is waiting for a certificate" in body
    for day in DAYS:
        Attendance.objects.create(participant=roster[0], day=day, present=True)
    body = client.get(sheet_url(first_cohort)).content.decode()
    assert "1 participant completed the session and has no certificate yet." in body
    assert reverse("session_certificates_issue", args=[first_cohort.pk]) in body


def test_an_outsider_gets_404_on_an_empty_roster(as_user, outsider, first_cohort):
    assert as_user(outsider).get(sheet_url(first_cohort)).status_code == 404
