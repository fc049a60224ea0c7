"""Reminders of requests for information: the agencies asked that have not answered get an
e-mail carrying only a link, once a day at most; counts of what awaits an agency."""

import datetime

import pytest
from django.core import mail
from django.core.management import call_command

from nonprolif.core import clock
from nonprolif.core.models import AuditEntry
from nonprolif.intel.models import RequestStatus
from nonprolif.intel.requests.domain import remind_due_requests
from nonprolif.intel.requests.queries import requests_awaiting_count
from nonprolif.intel.requests.tasks import remind_requests
from tests.intel.conftest import ReportFactory, analyst
from tests.intel.requests.conftest import make_request

pytestmark = pytest.mark.django_db


@pytest.fixture
def due_soon(agency_a, agency_b, agency_c, analyst_a):
    return make_request(
        agency_a, analyst_a, [agency_b, agency_c], days=1, title_es="Pregunta secreta sobre Cesio"
    )


def test_the_agencies_that_have_not_answered_get_a_link_only(
    due_soon, agency_b, agency_c, analyst_b, analyst_b_low, analyst_c
):
    ReportFactory(originator=agency_c, request=due_soon, status="draft")
    english = analyst("analyst_b_en", agency_b, "C")
    english.language = "en"
    english.save()
    sent = remind_requests.call()
    # B has not answered: its analysts cleared for C (not the SBU one); C has a draft answer.
    assert sent == 2
    by_address = {message.to[0]: message for message in mail.outbox}
    assert set(by_address) == {analyst_b.email, english.email}
    message = by_address[english.email]
    assert message.subject == "A request for information awaits your agency's answer"
    assert f"/intel/requests/{due_soon.pk}/" in message.body
    for body in (m.body + m.subject for m in mail.outbox):
        assert "Cesio" not in body
        assert "Confidential" not in body
        assert "AAA" not in body
    due_soon.refresh_from_db()
    assert due_soon.reminded_at is not None
    entry = AuditEntry.objects.get(action="intel.request.remind")
    assert entry.object_repr == f"RFI-{due_soon.pk}"


def test_at_most_once_a_day(due_soon, analyst_b):
    now = clock.now()
    assert remind_due_requests(now=now)
    assert remind_due_requests(now=now + datetime.timedelta(hours=23)) == []
    assert remind_due_requests(now=now + datetime.timedelta(hours=25))
    assert len(mail.outbox) == 2


def test_not_due_yet_closed_or_all_answered_is_not_reminded(
    agency_a, agency_b, analyst_a, analyst_b
):
    make_request(agency_a, analyst_a, [agency_b], days=30)
    closed = make_request(agency_a, analyst_a, [agency_b], days=0)
    closed.status = RequestStatus.CLOSED
    closed.save()
    answered = make_request(agency_a, analyst_a, [agency_b], days=-2)
    ReportFactory(originator=agency_b, request=answered)
    assert remind_due_requests() == []
    assert mail.outbox == []
    assert remind_due_requests(lead_days=30)


def test_overdue_requests_are_reminded(agency_a, agency_b, analyst_a, analyst_b):
    make_request(agency_a, analyst_a, [agency_b], days=-5)
    assert [r.email for r in remind_due_requests()] == [analyst_b.email]


def test_a_withdrawn_answer_does_not_count(agency_a, agency_b, analyst_a, analyst_b):
    overdue = make_request(agency_a, analyst_a, [agency_b], days=-1)
    ReportFactory(originator=agency_b, request=overdue, status="withdrawn")
    assert [r.email for r in remind_due_requests()] == [analyst_b.email]


def test_the_command_runs_and_enqueues(due_soon, analyst_b, capsys):
    call_command("remind_requests")
    assert "1 reminders sent for 1 requests" in capsys.readouterr().out
    call_command("remind_requests", "--enqueue", "--lead", "5")
    assert "Queued" in capsys.readouterr().out


def test_awaiting_count(
    due_soon,
    agency_a,
    agency_b,
    agency_c,
    analyst_a,
    analyst_b,
    analyst_c,
    analyst_b_low,
    count_queries,
):
    assert requests_awaiting_count(analyst_b) == 1
    assert requests_awaiting_count(analyst_a) == 0  # asked by A, not of A
    assert requests_awaiting_count(analyst_b_low) == 0  # not cleared for it
    ReportFactory(originator=agency_c, request=due_soon, status="draft")
    assert requests_awaiting_count(analyst_c) == 0
    queries, _ = count_queries(lambda: requests_awaiting_count(analyst_b))
    assert queries == 1
