"""What derives from reports takes their access: the audit trail names requests and entities
by number, a count of requests awaiting an answer counts only the answers the reader may see,
an agency's own entity stays its own whoever names it since, and the release rows' who and
why stay with the originating agency."""

import datetime

import pytest
from django.urls import reverse

from nonprolif.core import clock
from nonprolif.core.models import AuditEntry
from nonprolif.intel.models import InfoRequest, ReleaseState, ReportRelease, ReportStatus
from nonprolif.intel.requests.queries import recipient_states, requests_awaiting_count

from .conftest import EntityFactory, ReportFactory, analyst, level, link

pytestmark = pytest.mark.django_db
API = "/api/v1/intel"
SECRET_WORD = "ZZQX"


def ask(requester, author, recipients, classification="C"):
    request = InfoRequest.objects.create(
        title_es=f"Pregunta {SECRET_WORD}",
        title_en=f"Question {SECRET_WORD}",
        classification=level(classification),
        requester=requester,
        author=author,
        due_date=clock.today() + datetime.timedelta(days=10),
    )
    request.recipients.set(recipients)
    return request


def audit_texts(obj_pk, object_type):
    entries = AuditEntry.objects.filter(object_id=str(obj_pk), object_type=object_type)
    return [entry.object_repr for entry in entries]


def test_reading_a_request_through_the_api_names_it_by_number_in_the_audit(
    as_user, analyst_a, agency_a, agency_b
):
    request = ask(agency_a, analyst_a, [agency_b], classification="S")
    assert as_user(analyst_a).get(f"{API}/requests/{request.pk}").status_code == 200
    texts = audit_texts(request.pk, "intel.inforequest")
    assert texts
    assert all(SECRET_WORD not in text for text in texts)


def test_reading_an_entity_through_the_api_names_it_by_number_in_the_audit(
    as_user, analyst_b, agency_a, agency_b
):
    report = ReportFactory(originator=agency_a, classification=level("S"), released_to=[agency_b])
    entity = EntityFactory(name=f"Química {SECRET_WORD}", owner=agency_a)
    link(report, entity)
    assert as_user(analyst_b).get(f"{API}/entities/{entity.pk}").status_code == 200
    texts = audit_texts(entity.pk, "intel.entity")
    assert texts == [f"entity {entity.pk}"] * len(texts)
    assert texts


def test_an_answer_above_the_clearance_leaves_the_request_awaiting(agency_a, agency_b, analyst_a):
    low = analyst("low_b", agency_b, "C")
    high = analyst("high_b", agency_b, "S")
    request = ask(agency_a, analyst_a, [agency_b])
    assert requests_awaiting_count(low) == 1
    ReportFactory(
        originator=agency_b,
        author=high,
        classification=level("S"),
        status=ReportStatus.DRAFT,
        request=request,
    )
    assert recipient_states(low, request) == [(agency_b, False)]
    assert requests_awaiting_count(low) == 1
    assert requests_awaiting_count(high) == 0


def test_an_agencys_entity_stays_its_own_when_a_hidden_report_names_it(as_user, agency_a, agency_b):
    own = analyst("a1", agency_a, "S")
    entity = EntityFactory(name="Empresa Propia", owner=agency_a)
    client = as_user(own)
    url = reverse("intel_entity_detail", args=[entity.pk])
    before = client.get(url).content.decode()
    hidden = ReportFactory(originator=agency_b, classification=level("C"), reference="HID-1")
    link(hidden, entity)
    after = client.get(url)
    assert after.status_code == 200
    assert "HID-1" not in after.content.decode()
    assert before.count("<tr") == after.content.decode().count("<tr")


def test_the_release_rows_tell_who_and_why_only_to_the_originator(
    as_user, agency_a, partner_agency, analyst_a, analyst_a2, partner_analyst
):
    report = ReportFactory(originator=agency_a, classification=level("C"))
    ReportRelease.objects.create(
        report=report,
        agency=partner_agency,
        state=ReleaseState.EFFECTIVE,
        requested_by=analyst_a,
        decided_by=analyst_a2,
        reason=f"Interno: la fuente {SECRET_WORD} lo permite",
    )
    url = f"{API}/reports/{report.pk}/releases"
    [partner_row] = as_user(partner_analyst).get(url).json()["items"]
    assert partner_row["agency"] == "PTR"
    assert (partner_row["reason"], partner_row["requested_by"], partner_row["decided_by"]) == (
        "",
        None,
        None,
    )
    [own_row] = as_user(analyst_a).get(url).json()["items"]
    assert own_row["requested_by"] == analyst_a.username
    assert SECRET_WORD in own_row["reason"]
