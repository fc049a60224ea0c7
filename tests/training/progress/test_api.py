"""The progress API."""

import pytest

from nonprolif.training.certificates.domain import issue_certificates

API = "/api/v1"


@pytest.fixture
def certificate(trained, coordinator):
    return issue_certificates(actor=coordinator, session=trained).issued[0]


def test_the_progress_through_the_api(as_user, liaison_b, coordinator, certificate):
    mine = as_user(liaison_b).get(f"{API}/programs/prog-test/progress").json()
    every = as_user(coordinator).get(f"{API}/programs/prog-test/progress").json()

    assert [row["agency"] for row in mine["agencies"]] == ["BBB"]
    assert [row["agency"] for row in every["agencies"]] == ["AAA", "BBB"]
    assert every["totals"]["certified"] == 1
    assert mine["totals"]["certified"] == 0
    response = as_user(liaison_b).get(f"{API}/programs/prog-test/progress?agency=AAA")
    assert response.status_code == 404
