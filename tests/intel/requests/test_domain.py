"""The services of requests for information: asking, answering with a draft report,
closing; refusals audited as denied and leaving nothing written."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from nonprolif.core import clock
from nonprolif.core.models import AuditEntry
from nonprolif.core.models.audit import Outcome
from nonprolif.core.roles import Role
from nonprolif.intel.models import (
    InfoRequest,
    IntelReport,
    ReportStatus,
    ReportType,
    ReportVersion,
    RequestStatus,
)
from nonprolif.intel.requests import domain
from nonprolif.intel.requests.domain import answer_request, close_request, create_request
from tests.intel.conftest import analyst, level

pytestmark = pytest.mark.django_db


def _ask(actor, recipients, **overrides):
    fields = {
        "title_es": "¿Quién compró el precursor?",
        "title_en": "",
        "classification": level("C"),
        "due_date": clock.today() + datetime.timedelta(days=7),
        "recipients": recipients,
    }
    fields.update(overrides)
    return create_request(actor=actor, **fields)


def _answer(actor, info_request, **overrides):
    fields = {
        "title_es": "Respuesta",
        "body_es": "La empresa X.",
        "report_type": ReportType.ASSESSMENT,
        "classification": level("C"),
    }
    fields.update(overrides)
    return answer_request(actor=actor, info_request=info_request, **fields)


def test_an_analyst_asks_other_agencies(analyst_a, agency_b, partner_agency):
    created = _ask(analyst_a, [agency_b, partner_agency])
    created.refresh_from_db()
    assert created.requester_id == analyst_a.agency_id
    assert created.author == analyst_a
    assert created.status == RequestStatus.OPEN
    assert set(created.recipients.values_list("code", flat=True)) == {"BBB", "PTR"}
    entry = AuditEntry.objects.get(action="intel.request.create")
    assert entry.object_repr == f"RFI-{created.pk}"
    assert "precursor" not in str(entry.changes)
    assert entry.changes["recipients"] == [None, ["BBB", "PTR"]]


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"title_es": "", "title_en": ""}, "title_es"),
        ({"recipients": []}, "recipients"),
        ({"due_date": datetime.date(2000, 1, 1)}, "due_date"),
        ({"due_date": None}, "due_date"),
        ({"classification": None}, "classification"),
    ],
)
def test_bad_input_names_the_field_and_writes_nothing(analyst_a, agency_b, overrides, field):
    overrides = dict(overrides)
    recipients = overrides.pop("recipients", [agency_b])
    with pytest.raises(ValidationError) as raised:
        _ask(analyst_a, recipients, **overrides)
    assert field in raised.value.message_dict
    assert not InfoRequest.objects.exists()
    assert not AuditEntry.objects.filter(action="intel.request.create").exists()


def test_own_agency_cannot_be_asked(analyst_a, agency_a):
    with pytest.raises(ValidationError) as raised:
        _ask(analyst_a, [agency_a])
    assert "recipients" in raised.value.message_dict


def test_a_request_above_the_askers_clearance_is_refused(agency_a, agency_b):
    low = analyst("analyst_a_low", agency_a, "SBU")
    with pytest.raises(ValidationError) as raised:
        _ask(low, [agency_b], classification=level("C"))
    assert "classification" in raised.value.message_dict
    assert not InfoRequest.objects.exists()


def test_non_analysts_cannot_ask_and_the_attempt_is_audited(liaison_a, agency_b):
    with pytest.raises(PermissionDenied):
        _ask(liaison_a, [agency_b])
    assert not InfoRequest.objects.exists()
    entry = AuditEntry.objects.get(action="intel.request.create")
    assert entry.outcome == Outcome.DENIED


def test_an_analyst_without_clearance_cannot_ask(agency_a, agency_b):
    uncleared = analyst("analyst_uncleared", agency_a, None)
    with pytest.raises(PermissionDenied):
        _ask(uncleared, [agency_b])
    assert not InfoRequest.objects.exists()


def test_an_agency_asked_answers_with_a_draft_report(info_request, analyst_b, agency_b):
    report = _answer(analyst_b, info_request)
    report.refresh_from_db()
    assert report.request == info_request
    assert report.status == ReportStatus.DRAFT
    assert report.originator == agency_b
    assert report.author == analyst_b
    assert report.reference == f"BBB-{clock.today().year}-0001"
    version = ReportVersion.objects.get(report=report)
    assert version.number == 1
    assert version.data["classification"] == "C"
    assert version.data["title_es"] == "Respuesta"
    assert _answer(analyst_b, info_request).reference == f"BBB-{clock.today().year}-0002"
    actions = set(AuditEntry.objects.values_list("action", flat=True))
    assert {"intel.report.create", "intel.request.answer"} <= actions


def test_the_answer_is_classified_at_most_at_the_answerers_clearance(info_request, agency_b):
    medium = analyst("analyst_b_c", agency_b, "C")
    with pytest.raises(ValidationError) as raised:
        _answer(medium, info_request, classification=level("S"))
    assert "classification" in raised.value.message_dict
    assert not IntelReport.objects.exists()


def test_answer_needs_a_title(info_request, analyst_b):
    with pytest.raises(ValidationError) as raised:
        _answer(analyst_b, info_request, title_es="", title_en="")
    assert "title_es" in raised.value.message_dict


def test_a_bad_report_type_names_the_field(info_request, analyst_b):
    with pytest.raises(ValidationError) as raised:
        _answer(analyst_b, info_request, report_type="nonsense")
    assert "report_type" in raised.value.message_dict
    assert not IntelReport.objects.exists()


@pytest.mark.parametrize("who", ["analyst_a", "analyst_c", "analyst_b_low", "liaison_b"])
def test_only_cleared_analysts_of_an_agency_asked_answer(request, info_request, who, agency_c):
    if who == "analyst_c":
        actor = analyst("analyst_c", agency_c, "S")
    elif who == "liaison_b":
        actor = analyst("liaison_b2", info_request.recipients.get(), "S", roles=[Role.LIAISON])
    else:
        actor = request.getfixturevalue(who)
    with pytest.raises(PermissionDenied):
        _answer(actor, info_request)
    assert not IntelReport.objects.exists()
    entry = AuditEntry.objects.get(action="intel.request.answer")
    assert entry.outcome == Outcome.DENIED
    assert entry.object_repr == f"RFI-{info_request.pk}"


def test_a_closed_request_is_not_answered(info_request, analyst_a, analyst_b):
    close_request(actor=analyst_a, info_request=info_request)
    info_request.refresh_from_db()
    assert info_request.status == RequestStatus.CLOSED
    with pytest.raises(PermissionDenied):
        _answer(analyst_b, info_request)
    with pytest.raises(PermissionDenied):
        close_request(actor=analyst_a, info_request=info_request)


def test_only_the_asking_agency_closes(info_request, analyst_b):
    with pytest.raises(PermissionDenied):
        close_request(actor=analyst_b, info_request=info_request)
    info_request.refresh_from_db()
    assert info_request.status == RequestStatus.OPEN
    denied = AuditEntry.objects.get(action="intel.request.close")
    assert denied.outcome == Outcome.DENIED


@pytest.mark.django_db(transaction=True)
def test_a_failing_answer_leaves_nothing(info_request, analyst_b, monkeypatch):
    def fail(**kwargs):
        raise RuntimeError("the audit trail is down")

    original = domain.record

    def record(**kwargs):
        if kwargs.get("action") == "intel.request.answer":
            fail()
        return original(**kwargs)

    monkeypatch.setattr(domain, "record", record)
    with pytest.raises(RuntimeError):
        _answer(analyst_b, info_request)
    assert not IntelReport.objects.exists()
    assert not ReportVersion.objects.exists()
    assert not AuditEntry.objects.filter(action="intel.report.create").exists()


@pytest.mark.django_db(transaction=True)
def test_a_failing_request_leaves_no_recipients(analyst_a, agency_b, monkeypatch):
    def record(**kwargs):
        raise RuntimeError("the audit trail is down")

    monkeypatch.setattr(domain, "record", record)
    with pytest.raises(RuntimeError):
        _ask(analyst_a, [agency_b])
    assert not InfoRequest.objects.exists()
    assert not InfoRequest.recipients.through.objects.exists()
