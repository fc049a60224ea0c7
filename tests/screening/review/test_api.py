"""The review API: the same selectors and services as the pages; invisible or missing is 404,
visible but not decidable 403 (the row unchanged), bad input 422 naming the field."""

import pytest

from nonprolif.intel.models import IntelReport
from nonprolif.screening.models import AlertDecision, AlertStatus, Suppression
from nonprolif.screening.review.domain import decide_alert
from tests.screening.factories_review import AlertForReviewFactory

pytestmark = pytest.mark.django_db

API = "/api/v1/screening"
JSON = "application/json"


def fields_of(response) -> set[str]:
    return {error["field"] for error in response.json()["detail"]}


def test_the_queue_and_one_alert(as_user, liaison_a, alert_a, alert_b):
    client = as_user(liaison_a)
    body = client.get(f"{API}/alerts").json()
    assert body["count"] == 1
    [item] = body["items"]
    assert (item["id"], item["label"], item["status"], item["kind"], item["agency"]) == (
        alert_a.pk,
        f"ALR-{alert_a.pk}",
        "open",
        "party",
        "AAA",
    )
    assert (item["list"], item["reference"]) == (
        alert_a.entry.watchlist.code,
        alert_a.entry.external_id,
    )
    detail = client.get(f"{API}/alerts/{alert_a.pk}").json()
    assert detail["party"]["name"] == alert_a.party.name
    assert detail["entry"]["content"]["programmes"] == ["IRAN"]
    assert detail["entry_version"] == alert_a.entry_version
    assert sum(row["contribution"] for row in detail["explanation"]) == pytest.approx(alert_a.score)
    assert detail["report"] is None
    assert detail["goods_line"] is None


def test_the_queue_filters(as_user, liaison_a, alert_a, goods_alert_a):
    client = as_user(liaison_a)

    def ids(**params):
        return [item["id"] for item in client.get(f"{API}/alerts", params).json()["items"]]

    assert set(ids()) == {alert_a.pk, goods_alert_a.pk}
    assert ids(list=goods_alert_a.control_entry.regime) == [goods_alert_a.pk]
    assert ids(batch=alert_a.batch_id) == [alert_a.pk]
    assert ids(status="escalated") == []
    assert ids(q=alert_a.party.name) == [alert_a.pk]
    assert client.get(f"{API}/alerts", {"status": "nope"}).status_code == 422


def test_the_queue_costs_the_same_queries_for_one_alert_or_three(
    as_user, liaison_a, agency_a, count_queries
):
    client = as_user(liaison_a)
    AlertForReviewFactory(batch__agency=agency_a)
    client.get(f"{API}/alerts")
    one, _ = count_queries(lambda: client.get(f"{API}/alerts"))
    AlertForReviewFactory.create_batch(2, batch__agency=agency_a)
    three, response = count_queries(lambda: client.get(f"{API}/alerts"))
    assert response.json()["count"] == 3
    assert one == three


def test_deciding_and_the_trail(as_user, liaison_a, alert_a):
    client = as_user(liaison_a)
    response = client.post(
        f"{API}/alerts/{alert_a.pk}/decisions",
        {"decision": "false_positive", "reason": "Another firm"},
        content_type=JSON,
    )
    assert response.status_code == 201, response.content
    assert response.json()["status"] == "false_positive"
    assert response.json()["decided_by"] == "liaison_a"
    trail = client.get(f"{API}/alerts/{alert_a.pk}/decisions").json()
    assert [(row["decision"], row["reason"]) for row in trail["items"]] == [
        ("false_positive", "Another firm")
    ]
    cleared = client.get(f"{API}/cleared").json()
    assert [(row["alert"], row["in_force"]) for row in cleared["items"]] == [(alert_a.pk, True)]
    assert client.get(f"{API}/cleared", {"state": "lapsed"}).json()["count"] == 0


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({"decision": "true_match"}, "reason"),
        ({"decision": "true_match", "reason": "  "}, "reason"),
        ({"decision": "maybe", "reason": "Why"}, "decision"),
        ({"reason": "Why"}, "decision"),
    ],
)
def test_bad_decisions_are_422_naming_the_field(as_user, liaison_a, alert_a, payload, field):
    response = as_user(liaison_a).post(
        f"{API}/alerts/{alert_a.pk}/decisions", payload, content_type=JSON
    )
    assert response.status_code == 422
    assert field in fields_of(response)
    alert_a.refresh_from_db()
    assert alert_a.status == AlertStatus.OPEN
    assert not AlertDecision.objects.exists()


def test_escalating(as_user, analyst_a, alert_a):
    response = as_user(analyst_a).post(
        f"{API}/alerts/{alert_a.pk}/escalate",
        {"reason": "Front company", "classification": "C"},
        content_type=JSON,
    )
    assert response.status_code == 201, response.content
    body = response.json()
    report = IntelReport.objects.get()
    assert body["report"] == {"id": report.pk, "reference": report.reference, "status": "draft"}
    assert body["alert"]["status"] == "escalated"
    assert report.classification.code == "C"
    detail = as_user(analyst_a).get(f"{API}/alerts/{alert_a.pk}").json()
    assert detail["report"]["reference"] == report.reference


def test_escalating_above_the_clearance_is_422(as_user, agency_a, alert_a):
    from tests.intel.conftest import analyst

    low = analyst("analyst_low", agency_a, "SBU")
    response = as_user(low).post(
        f"{API}/alerts/{alert_a.pk}/escalate",
        {"reason": "Check", "classification": "S"},
        content_type=JSON,
    )
    assert response.status_code == 422
    assert fields_of(response) == {"classification"}
    assert not IntelReport.objects.exists()


@pytest.mark.parametrize("who", ["liaison_b", "outsider", "partner"])
def test_an_outsider_gets_404_and_his_writes_change_nothing(request, as_user, alert_a, who):
    client = as_user(request.getfixturevalue(who))
    assert client.get(f"{API}/alerts/{alert_a.pk}").status_code == 404
    assert client.get(f"{API}/alerts/{alert_a.pk}/decisions").status_code == 404
    assert client.get(f"{API}/alerts").json()["count"] == 0
    response = client.post(
        f"{API}/alerts/{alert_a.pk}/decisions",
        {"decision": "false_positive", "reason": "No"},
        content_type=JSON,
    )
    assert response.status_code == 404
    response = client.post(
        f"{API}/alerts/{alert_a.pk}/escalate", {"reason": "No"}, content_type=JSON
    )
    assert response.status_code == 404
    alert_a.refresh_from_db()
    assert alert_a.status == AlertStatus.OPEN
    assert alert_a.report is None
    assert not AlertDecision.objects.exists()


def test_a_coordinator_reads_but_cannot_decide(as_user, coordinator, liaison_a, alert_a):
    client = as_user(coordinator)
    assert client.get(f"{API}/alerts/{alert_a.pk}").status_code == 200
    response = client.post(
        f"{API}/alerts/{alert_a.pk}/decisions",
        {"decision": "false_positive", "reason": "No"},
        content_type=JSON,
    )
    assert response.status_code == 403
    response = client.post(
        f"{API}/alerts/{alert_a.pk}/escalate", {"reason": "No"}, content_type=JSON
    )
    assert response.status_code == 403
    alert_a.refresh_from_db()
    assert alert_a.status == AlertStatus.OPEN
    assert alert_a.decided_by is None
    assert not Suppression.objects.exists()


def test_the_cleared_parties_are_the_agencys(as_user, liaison_a, liaison_b, alert_a):
    decide_alert(alert=alert_a, decision="false_positive", reason="Not him", actor=liaison_a)
    assert as_user(liaison_b).get(f"{API}/cleared").json()["count"] == 0
    assert as_user(liaison_a).get(f"{API}/cleared").json()["count"] == 1
