"""The review's selectors: the home page's count of alerts awaiting review, the queue's order
and counts, an alert's trail and report taking their own access."""

import pytest
from django.http import Http404

from nonprolif.screening.review.domain import decide_alert, escalate_alert
from nonprolif.screening.review.queries import (
    alert_report,
    alerts_for,
    decisions_for,
    get_alert_for,
    open_alert_count,
    status_counts,
)
from tests.screening.factories_review import AlertForReviewFactory

pytestmark = pytest.mark.django_db


def test_the_home_count_is_the_agencys_open_alerts(liaison_a, analyst_a, alert_a, alert_b):
    AlertForReviewFactory(batch__agency=alert_a.agency)
    assert open_alert_count(liaison_a) == 2
    assert open_alert_count(analyst_a) == 2
    decide_alert(alert=alert_a, decision="true_match", reason="Him", actor=liaison_a)
    assert open_alert_count(liaison_a) == 1


@pytest.mark.parametrize("who", ["coordinator", "auditor", "partner", "outsider"])
def test_others_have_no_home_count(request, alert_a, who):
    assert open_alert_count(request.getfixturevalue(who)) is None


def test_the_home_count_is_one_query(liaison_a, alert_a, django_assert_num_queries):
    liaison_a.role_names  # noqa: B018  (the roles, read once per request by the page)
    with django_assert_num_queries(1):
        open_alert_count(liaison_a)


def test_open_alerts_come_first_then_the_newest(liaison_a, agency_a):
    older, newer = AlertForReviewFactory.create_batch(2, batch__agency=agency_a)
    decide_alert(alert=newer, decision="false_positive", reason="No", actor=liaison_a)
    assert list(alerts_for(liaison_a)) == [older, newer]
    assert status_counts(liaison_a)["false_positive"] == 1
    assert list(alerts_for(liaison_a, status="unknown")) == []


def test_get_alert_for_is_404_for_missing_invisible_and_bad_ids(liaison_b, alert_a):
    for pk in (alert_a.pk, 999999, "x", 2**70):
        with pytest.raises(Http404):
            get_alert_for(liaison_b, pk)


def test_the_trail_and_the_report_take_their_own_access(analyst_a, liaison_b, coordinator, alert_a):
    report = escalate_alert(alert=alert_a, reason="Check", actor=analyst_a, classification="C")
    alert_a.refresh_from_db()
    assert alert_report(analyst_a, alert_a) == report
    assert alert_report(coordinator, alert_a) is None  # no clearance: the draft is not his
    assert list(decisions_for(liaison_b, alert_a)) == []
    assert len(decisions_for(coordinator, alert_a)) == 1


def test_the_counts_follow_the_filters_but_the_status(liaison_a, agency_a):
    found, other = AlertForReviewFactory.create_batch(2, batch__agency=agency_a)
    decide_alert(alert=found, decision="true_match", reason="Him", actor=liaison_a)
    counts = status_counts(liaison_a, q=found.party.name.lower())
    assert counts == {"open": 0, "true_match": 1, "false_positive": 0, "escalated": 0}
    assert status_counts(liaison_a, batch=other.batch_id)["open"] == 1
    assert sum(status_counts(liaison_a, list_code="nope").values()) == 0
