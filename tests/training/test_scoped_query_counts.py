"""A liaison's pages and API answers cost the same queries at 3 and at 30 officials of his
agency (the scoping rules are conditions in one query, never a query per row), and still
show his agency only."""

import pytest
from django.urls import reverse

from nonprolif.training.certificates.domain import issue_certificates
from nonprolif.training.models import Attendance, Nomination
from nonprolif.training.models.nomination import NominationStatus
from tests.factories import OfficialFactory

API = "/api/v1"


@pytest.fixture
def grow(first_cohort, enrolled, agency_a, agency_b, coordinator):
    """``grow(n)``: n more officials of agency A (and one of B) nominated, approved, enrolled
    in the first cohort, present every day, certified."""

    def add(n):
        officials = [OfficialFactory(agency=agency_a) for _ in range(n)]
        officials.append(OfficialFactory(agency=agency_b))
        for official in officials:
            Nomination.objects.create(
                program=first_cohort.program,
                item_key=first_cohort.item_key,
                official=official,
                agency=official.agency,
                status=NominationStatus.APPROVED,
            )
        participants = enrolled(first_cohort, *officials)
        Attendance.objects.bulk_create(
            Attendance(participant=p, day=day, present=True)
            for p in participants
            for day in first_cohort.day_list
        )
        issue_certificates(actor=coordinator, session=first_cohort)
        return officials

    return add


def two_sizes(client, url, grow, count_queries, small=3, large=30):
    grow(small)
    client.get(url)  # warm the session and the user's groups
    few, first = count_queries(lambda: client.get(url))
    grow(large - small)
    many, second = count_queries(lambda: client.get(url))
    assert first.status_code == second.status_code == 200
    return few, many, second


@pytest.mark.parametrize(
    "url",
    [
        lambda s: reverse("training_progress", args=[s.program.code]),
        lambda s: f"{API}/programs/{s.program.code}/progress",
        lambda s: f"{API}/sessions/{s.pk}/attendance",
        lambda s: reverse("session_attendance", args=[s.pk]),
        lambda s: f"{API}/programs/{s.program.code}/nominations",
        lambda s: reverse("nomination_item", args=[s.program.code, s.item_key]),
        lambda s: f"{API}/programs/{s.program.code}/sessions",
        lambda s: reverse("session_detail", args=[s.pk]),
        lambda s: f"{API}/certificates",
        lambda s: reverse("certificate_list", args=[s.program.code]),
    ],
    ids=[
        "progress page",
        "progress API",
        "attendance API",
        "attendance sheet",
        "nominations API",
        "item nominations page",
        "sessions API",
        "session page",
        "certificates API",
        "certificates page",
    ],
)
def test_a_liaisons_answer_costs_the_same_queries_at_3_and_30_officials(
    as_user, liaison_a, first_cohort, grow, count_queries, url
):
    few, many, _response = two_sizes(as_user(liaison_a), url(first_cohort), grow, count_queries)

    assert many == few


def test_the_liaisons_attendance_answer_holds_his_agencys_30_and_nobody_else(
    as_user, liaison_a, first_cohort, grow, count_queries, agency_a
):
    _few, _many, response = two_sizes(
        as_user(liaison_a), f"{API}/sessions/{first_cohort.pk}/attendance", grow, count_queries
    )

    agencies = {row["agency"] for row in response.json()["participants"]}
    assert agencies == {agency_a.code}
    assert len(response.json()["participants"]) == 30


def test_the_liaisons_progress_counts_his_agencys_30_only(
    as_user, liaison_a, first_cohort, grow, count_queries, agency_a
):
    _few, _many, response = two_sizes(
        as_user(liaison_a),
        f"{API}/programs/{first_cohort.program.code}/progress",
        grow,
        count_queries,
    )

    rows = response.json()["agencies"]
    assert [row["agency"] for row in rows] == [agency_a.code]
    assert rows[0]["nominated"] == 30
