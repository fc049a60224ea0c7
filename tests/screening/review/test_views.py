"""The review pages: the queue, an alert, its decision and escalation forms, the cleared
parties and lifting one; who sees what, and that a refused write changes nothing."""

import pytest
from django.urls import reverse

from nonprolif.intel.models import IntelReport
from nonprolif.screening.models import AlertDecision, AlertStatus, Suppression
from nonprolif.screening.review.domain import decide_alert
from tests.conftest import AUDITED_READ_QUERIES
from tests.screening.factories_review import AlertForReviewFactory

pytestmark = pytest.mark.django_db


def queue(client, **params):
    return client.get(reverse("screening_alert_list"), params)


def detail_url(alert):
    return reverse("screening_alert_detail", args=[alert.pk])


def test_the_queue_lists_the_agencys_alerts_open_first(as_user, liaison_a, alert_a, alert_b):
    decided = AlertForReviewFactory(batch__agency=alert_a.agency)
    decide_alert(alert=decided, decision="true_match", reason="Him", actor=liaison_a)
    response = queue(as_user(liaison_a))
    assert response.status_code == 200
    shown = [alert.pk for alert in response.context["page"].object_list]
    assert shown == [alert_a.pk, decided.pk]  # open first; agency B's alert is not there
    counts = {value: count for value, _, count in response.context["counts"]}
    assert counts == {"open": 1, "true_match": 1, "false_positive": 0, "escalated": 0}
    assert alert_a.party.name in response.content.decode()


def test_the_queue_filters_by_status_list_batch_and_name(as_user, liaison_a, alert_a):
    other = AlertForReviewFactory(batch__agency=alert_a.agency)
    client = as_user(liaison_a)

    def shown(**params):
        return [a.pk for a in queue(client, **params).context["page"].object_list]

    assert shown(status="open") == [other.pk, alert_a.pk]
    assert shown(status="false_positive") == []
    assert shown(list_code=alert_a.entry.watchlist.code) == [alert_a.pk]
    assert shown(batch=other.batch_id) == [other.pk]
    assert shown(q=alert_a.party.name.upper()) == [alert_a.pk]
    assert shown(q=f"ALR-{other.pk}") == [other.pk]
    assert queue(client, batch="nope").status_code == 200


def test_the_coordinator_reads_every_agencys_alerts(as_user, coordinator, alert_a, alert_b):
    shown = {a.pk for a in queue(as_user(coordinator)).context["page"].object_list}
    assert shown == {alert_a.pk, alert_b.pk}


def test_the_queue_costs_the_same_queries_for_one_alert_or_three(
    as_user, liaison_a, agency_a, count_queries
):
    client = as_user(liaison_a)
    AlertForReviewFactory(batch__agency=agency_a)
    queue(client)  # the session and the caches warm
    one, _ = count_queries(lambda: queue(client))
    AlertForReviewFactory.create_batch(2, batch__agency=agency_a)
    three, response = count_queries(lambda: queue(client))
    assert len(response.context["page"].object_list) == 3
    assert one == three
    assert three <= 8 + AUDITED_READ_QUERIES


def test_the_alert_page_shows_party_entry_and_the_explained_score(as_user, liaison_a, alert_a):
    response = as_user(liaison_a).get(detail_url(alert_a))
    assert response.status_code == 200
    body = response.content.decode()
    for shown in (
        alert_a.party.name,
        alert_a.party.declaration,
        alert_a.entry.external_id,
        f"{alert_a.entry.name} LLC",  # the weak alias, with its quality
        "R-1234",
        "IRAN",
        "IR on both",
        "0.910",  # the score and the sum of the contributions
        "+0.820",
    ):
        assert shown in body, shown
    explanation = response.context["explanation"]
    assert round(explanation.total, 6) == round(alert_a.score, 6)
    assert response.context["can_decide"] is True
    assert response.context["can_escalate"] is False  # a liaison writes no report
    assert reverse("screening_alert_decide", args=[alert_a.pk]) in body
    assert reverse("screening_alert_escalate", args=[alert_a.pk]) not in body


def test_a_goods_alert_page_shows_the_line_and_the_control_entry(as_user, liaison_a, goods_alert_a):
    body = as_user(liaison_a).get(detail_url(goods_alert_a)).content.decode()
    assert goods_alert_a.line.description in body
    assert goods_alert_a.control_entry.code in body


def test_deciding_on_the_page(as_user, liaison_a, alert_a):
    client = as_user(liaison_a)
    url = reverse("screening_alert_decide", args=[alert_a.pk])
    response = client.post(url, {"decision": "false_positive", "reason": "Another firm"})
    assert response.status_code == 302
    alert_a.refresh_from_db()
    assert alert_a.status == AlertStatus.FALSE_POSITIVE
    assert Suppression.objects.filter(alert=alert_a).exists()
    page = client.get(detail_url(alert_a))
    assert "Another firm" in page.content.decode()  # the trail
    assert page.context["suppression"] == Suppression.objects.get()


def test_a_decision_without_reason_is_shown_back_and_writes_nothing(as_user, liaison_a, alert_a):
    response = as_user(liaison_a).post(
        reverse("screening_alert_decide", args=[alert_a.pk]), {"decision": "true_match"}
    )
    assert response.status_code == 400
    assert "reason" in response.context["decision_form"].errors
    alert_a.refresh_from_db()
    assert alert_a.status == AlertStatus.OPEN
    assert not AlertDecision.objects.exists()


def test_escalating_on_the_page(as_user, analyst_a, alert_a):
    client = as_user(analyst_a)
    assert client.get(detail_url(alert_a)).context["can_escalate"] is True
    response = client.post(
        reverse("screening_alert_escalate", args=[alert_a.pk]),
        {"reason": "Front company", "classification": ""},
    )
    assert response.status_code == 302
    report = IntelReport.objects.get()
    alert_a.refresh_from_db()
    assert alert_a.report == report
    body = client.get(detail_url(alert_a)).content.decode()
    assert report.reference in body
    assert reverse("intel_report_detail", args=[report.pk]) in body
    page = client.get(reverse("intel_report_detail", args=[report.pk]))
    assert page.status_code == 200
    assert alert_a.party.name in page.content.decode()  # the draft, read in intel


@pytest.mark.parametrize("who", ["liaison_b", "outsider", "partner"])
def test_an_outsider_gets_404_and_his_writes_change_nothing(request, as_user, alert_a, who):
    client = as_user(request.getfixturevalue(who))
    assert client.get(detail_url(alert_a)).status_code == 404
    for name, data in (
        ("screening_alert_decide", {"decision": "false_positive", "reason": "No"}),
        ("screening_alert_escalate", {"reason": "No"}),
    ):
        assert client.post(reverse(name, args=[alert_a.pk]), data).status_code == 404
    alert_a.refresh_from_db()
    assert alert_a.status == AlertStatus.OPEN
    assert alert_a.report is None
    assert not AlertDecision.objects.exists()
    assert alert_a.pk not in [a.pk for a in queue(client).context["page"].object_list]


@pytest.mark.parametrize("who", ["coordinator", "auditor"])
def test_a_coordinator_reads_the_alert_but_cannot_decide_it(request, as_user, alert_a, who):
    client = as_user(request.getfixturevalue(who))
    response = client.get(detail_url(alert_a))
    assert response.status_code == 200
    assert response.context["can_decide"] is False
    assert reverse("screening_alert_decide", args=[alert_a.pk]) not in response.content.decode()
    response = client.post(
        reverse("screening_alert_decide", args=[alert_a.pk]),
        {"decision": "false_positive", "reason": "No"},
    )
    assert response.status_code == 403
    for name, data in (
        ("screening_alert_decide", {"decision": "nope"}),
        ("screening_alert_escalate", {"reason": "No", "classification": "x"}),
        ("screening_alert_escalate", {"reason": "No"}),
    ):
        assert client.post(reverse(name, args=[alert_a.pk]), data).status_code == 403
    alert_a.refresh_from_db()
    assert alert_a.status == AlertStatus.OPEN
    assert alert_a.report is None
    assert not AlertDecision.objects.exists()
    assert not Suppression.objects.exists()


def test_the_cleared_parties_in_force_and_lapsed(as_user, liaison_a, agency_a):
    kept, lapsed = AlertForReviewFactory.create_batch(2, batch__agency=agency_a)
    for alert in (kept, lapsed):
        decide_alert(alert=alert, decision="false_positive", reason="Not him", actor=liaison_a)
    lapsed.entry.version = "f" * 16
    lapsed.entry.save(update_fields=["version"])
    client = as_user(liaison_a)
    url = reverse("screening_cleared_list")

    def shown(**params):
        page = client.get(url, params).context["page"]
        return {row.party_name: row.in_force for row in page.object_list}

    assert shown() == {kept.party.name: True, lapsed.party.name: False}
    assert shown(state="in_force") == {kept.party.name: True}
    assert shown(state="lapsed") == {lapsed.party.name: False}
    assert shown(q=kept.party.name.lower()) == {kept.party.name: True}


def test_the_cleared_list_costs_the_same_queries_for_one_row_or_three(
    as_user, liaison_a, agency_a, count_queries
):
    client = as_user(liaison_a)
    url = reverse("screening_cleared_list")
    first = AlertForReviewFactory(batch__agency=agency_a)
    decide_alert(alert=first, decision="false_positive", reason="Not him", actor=liaison_a)
    client.get(url)
    one, _ = count_queries(lambda: client.get(url))
    for alert in AlertForReviewFactory.create_batch(2, batch__agency=agency_a):
        decide_alert(alert=alert, decision="false_positive", reason="Not him", actor=liaison_a)
    three, response = count_queries(lambda: client.get(url))
    assert len(response.context["page"].object_list) == 3
    assert one == three


def test_lifting_on_the_page(as_user, liaison_a, alert_a):
    decide_alert(alert=alert_a, decision="false_positive", reason="Not him", actor=liaison_a)
    suppression = Suppression.objects.get()
    client = as_user(liaison_a)
    url = reverse("screening_cleared_lift", args=[suppression.pk])
    assert client.get(url).status_code == 200
    assert client.post(url, {"reason": ""}).status_code == 400
    assert Suppression.objects.exists()
    assert client.post(url, {"reason": "Clearance by mistake"}).status_code == 302
    assert not Suppression.objects.exists()
    alert_a.refresh_from_db()
    assert alert_a.status == AlertStatus.OPEN


@pytest.mark.parametrize(("who", "status"), [("liaison_b", 404), ("coordinator", 403)])
def test_others_cannot_lift(request, as_user, liaison_a, alert_a, who, status):
    decide_alert(alert=alert_a, decision="false_positive", reason="Not him", actor=liaison_a)
    suppression = Suppression.objects.get()
    client = as_user(request.getfixturevalue(who))
    url = reverse("screening_cleared_lift", args=[suppression.pk])
    assert client.get(url).status_code == status
    assert client.post(url, {"reason": "No"}).status_code == status
    assert Suppression.objects.filter(pk=suppression.pk).exists()
    alert_a.refresh_from_db()
    assert alert_a.status == AlertStatus.FALSE_POSITIVE


def test_the_alert_page_costs_the_same_queries_whatever_its_trail(
    as_user, liaison_a, analyst_a, alert_a, count_queries
):
    client = as_user(liaison_a)
    decide_alert(alert=alert_a, decision="true_match", reason="Him", actor=liaison_a)
    client.get(detail_url(alert_a))
    one, _ = count_queries(lambda: client.get(detail_url(alert_a)))
    decide_alert(alert=alert_a, decision="false_positive", reason="Not him", actor=analyst_a)
    decide_alert(alert=alert_a, decision="true_match", reason="Him after all", actor=liaison_a)
    three, response = count_queries(lambda: client.get(detail_url(alert_a)))
    assert len(response.context["decisions"]) == 3
    assert one == three
