"""The tips endpoints: scoping, taking a tip, the report draft, the acknowledgement."""

import pytest
from django.core import mail
from django.test import Client

from nonprolif.core.domain.tokens import issue_token
from nonprolif.core.models import AuditEntry, Outcome
from nonprolif.intel.models import IntelReport
from nonprolif.outreach.models import Tip
from tests.outreach.tips.conftest import TIP_DATA

pytestmark = pytest.mark.django_db
API = "/api/v1/outreach"


def bearer(user) -> Client:
    _token, raw = issue_token(user=user, name="tests")
    return Client(headers={"Authorization": f"Bearer {raw}"})


def payload(**changes):
    data = {**TIP_DATA, **changes}
    data["when"] = data["when"].isoformat() if data["when"] else None
    return data


def test_the_list_is_scoped(
    take_tip, liaison_a, liaison_b, coordinator, partner, stakeholder_a, stakeholder_b
):
    tip_a = take_tip(liaison_a, stakeholder_a)
    tip_b = take_tip(liaison_b, stakeholder_b)
    assert [t["reference"] for t in bearer(liaison_a).get(f"{API}/tips").json()["items"]] == [
        tip_a.reference
    ]
    assert bearer(coordinator).get(f"{API}/tips").json()["count"] == 2
    assert bearer(partner).get(f"{API}/tips").json()["count"] == 0
    assert bearer(liaison_a).get(f"{API}/tips/{tip_b.pk}").status_code == 404
    body = bearer(liaison_a).get(f"{API}/tips/{tip_a.pk}").json()
    assert body["stakeholder"] == stakeholder_a.pk
    assert body["agency"] == "AAA"
    assert body["reported"] is False
    assert body["report"] is None


def test_a_liaison_takes_a_tip(liaison_a, stakeholder_a, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = bearer(liaison_a).post(
            f"{API}/stakeholders/{stakeholder_a.pk}/tips",
            payload(),
            content_type="application/json",
        )
    assert response.status_code == 201, response.content
    assert response.json()["reference"] == "TIP-AAA-2010-0001"
    assert len(mail.outbox) == 1


def test_another_agency_gets_404_and_an_analyst_403(liaison_b, analyst_a, stakeholder_a):
    url = f"{API}/stakeholders/{stakeholder_a.pk}/tips"
    assert (
        bearer(liaison_b).post(url, payload(), content_type="application/json").status_code == 404
    )
    refused = bearer(analyst_a).post(url, payload(), content_type="application/json")
    assert refused.status_code == 403
    assert not Tip.objects.exists()
    assert AuditEntry.objects.filter(action="outreach.tip.create", outcome=Outcome.DENIED).exists()


def test_bad_input_is_422_naming_each_field(liaison_a, stakeholder_a):
    response = bearer(liaison_a).post(
        f"{API}/stakeholders/{stakeholder_a.pk}/tips",
        payload(what="", when=None, channel="pigeon"),
        content_type="application/json",
    )
    assert response.status_code == 422
    fields = {error["field"] for error in response.json()["detail"]}
    assert {"what", "when", "channel"} <= fields
    assert not Tip.objects.exists()


def test_an_analyst_writes_the_report_once(take_tip, liaison_a, analyst_a, stakeholder_a):
    tip = take_tip(liaison_a, stakeholder_a)
    client = bearer(analyst_a)
    response = client.post(f"{API}/tips/{tip.pk}/report", {}, content_type="application/json")
    assert response.status_code == 201, response.content
    report = IntelReport.objects.get()
    assert response.json() == {"id": report.pk, "reference": report.reference, "tip": tip.reference}
    body = client.get(f"{API}/tips/{tip.pk}").json()
    assert body["report"] == report.pk
    assert body["report_reference"] == report.reference
    again = client.post(f"{API}/tips/{tip.pk}/report", {}, content_type="application/json")
    assert again.status_code == 422
    assert again.json()["detail"][0]["field"] == "report"


def test_a_liaison_cannot_write_the_report(take_tip, liaison_a, stakeholder_a):
    tip = take_tip(liaison_a, stakeholder_a)
    response = bearer(liaison_a).post(
        f"{API}/tips/{tip.pk}/report", {}, content_type="application/json"
    )
    assert response.status_code == 403
    assert not IntelReport.objects.exists()


def test_the_acknowledgement_is_sent_again(
    take_tip, liaison_a, analyst_a, stakeholder_a, django_capture_on_commit_callbacks
):
    tip = take_tip(liaison_a, stakeholder_a)
    with django_capture_on_commit_callbacks(execute=True):
        response = bearer(liaison_a).post(f"{API}/tips/{tip.pk}/acknowledge")
    assert response.status_code == 200
    assert response.json()["acknowledged_at"] is not None
    assert len(mail.outbox) == 2
    assert bearer(analyst_a).post(f"{API}/tips/{tip.pk}/acknowledge").status_code == 403
