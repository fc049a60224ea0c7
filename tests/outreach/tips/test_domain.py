"""Taking tips (references, validation, who may), their acknowledgement and the selectors."""

import datetime

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError

from nonprolif.core.models import AuditEntry, Outcome
from nonprolif.outreach.models import Tip
from nonprolif.outreach.tips.domain import record_tip, resend_acknowledgement
from nonprolif.outreach.tips.queries import get_tip_for, tips_awaiting_report_count, tips_for
from tests.outreach.factories import StakeholderFactory
from tests.outreach.tips.conftest import TIP_DATA

pytestmark = pytest.mark.django_db


def test_references_are_numbered_per_agency_and_year(
    take_tip, liaison_a, liaison_b, stakeholder_a, stakeholder_b
):
    first = take_tip(liaison_a, stakeholder_a)
    second = take_tip(liaison_a, stakeholder_a)
    other = take_tip(liaison_b, stakeholder_b)
    assert [first.reference, second.reference] == ["TIP-AAA-2010-0001", "TIP-AAA-2010-0002"]
    assert other.reference == "TIP-BBB-2010-0001"
    stored = Tip.objects.get(pk=first.pk)
    assert stored.received_by == liaison_a
    assert stored.what == TIP_DATA["what"]
    entry = AuditEntry.objects.filter(action="outreach.tip.create", object_id=str(first.pk)).get()
    assert entry.outcome == Outcome.ALLOWED
    assert TIP_DATA["what"] not in str(entry.changes)


def test_the_acknowledgement_goes_in_spanish_with_the_reference_and_no_details(
    take_tip, liaison_a, stakeholder_a
):
    tip = take_tip(liaison_a, stakeholder_a)
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [TIP_DATA["contact_email"]]
    assert tip.reference in message.subject
    assert tip.reference in message.body
    assert "15 de abril de 2010" in message.body  # the date received, in Spanish
    html = message.alternatives[0][0]
    assert 'lang="es-MX"' in html
    assert tip.reference in html
    for detail in ("tiodiglicol", "Comercializadora", "Reynosa", "200 kg", "833"):
        assert detail not in message.body
        assert detail not in html
    assert Tip.objects.get(pk=tip.pk).acknowledged_at is not None
    assert AuditEntry.objects.filter(action="outreach.tip.acknowledge").count() == 1


def test_the_acknowledgement_goes_in_english_to_an_english_stakeholder(
    take_tip, liaison_b, stakeholder_b
):
    tip = take_tip(liaison_b, stakeholder_b, contact_email="jane@isotopes.example")
    message = mail.outbox[0]
    assert message.subject == f"We received your report {tip.reference}"
    assert "April 15, 2010" in message.body
    assert "Thank you for reporting it" in message.body
    assert "may contact you" in message.body
    assert "tiodiglicol" not in message.body


def test_without_a_contact_email_the_stakeholders_contacts_are_acknowledged(
    take_tip, liaison_a, stakeholder_a
):
    take_tip(liaison_a, stakeholder_a, contact_email="")
    assert mail.outbox[0].to == ["laura@golfo.example"]


def test_without_any_address_no_acknowledgement_is_sent(take_tip, liaison_b, stakeholder_b):
    tip = take_tip(liaison_b, stakeholder_b, contact_email="")
    assert mail.outbox == []
    assert Tip.objects.get(pk=tip.pk).acknowledged_at is None
    with pytest.raises(ValidationError) as raised:
        resend_acknowledgement(actor=liaison_b, tip=tip)
    assert "contact_email" in raised.value.message_dict


def test_a_refused_mail_server_leaves_the_tip_recorded_and_unacknowledged(
    take_tip, liaison_a, stakeholder_a, monkeypatch
):
    def refuse(self, fail_silently=False):
        raise OSError("connection refused")

    monkeypatch.setattr("django.core.mail.EmailMessage.send", refuse)
    tip = take_tip(liaison_a, stakeholder_a)
    assert Tip.objects.get(pk=tip.pk).acknowledged_at is None
    monkeypatch.undo()


def test_the_acknowledgement_is_sent_again(
    take_tip, liaison_a, stakeholder_a, django_capture_on_commit_callbacks
):
    tip = take_tip(liaison_a, stakeholder_a)
    with django_capture_on_commit_callbacks(execute=True):
        resend_acknowledgement(actor=liaison_a, tip=tip)
    assert len(mail.outbox) == 2
    assert AuditEntry.objects.filter(action="outreach.tip.acknowledge").count() == 2


def test_an_analyst_cannot_take_a_tip_and_the_refusal_is_audited(analyst_a, stakeholder_a):
    with pytest.raises(PermissionDenied):
        record_tip(actor=analyst_a, stakeholder=stakeholder_a, **TIP_DATA)
    assert not Tip.objects.exists()
    assert mail.outbox == []
    denied = AuditEntry.objects.get(action="outreach.tip.create")
    assert denied.outcome == Outcome.DENIED
    assert denied.actor == analyst_a


def test_a_liaison_of_another_agency_cannot_take_a_tip(liaison_b, stakeholder_a):
    with pytest.raises(PermissionDenied):
        record_tip(actor=liaison_b, stakeholder=stakeholder_a, **TIP_DATA)
    assert not Tip.objects.exists()
    assert AuditEntry.objects.get(action="outreach.tip.create").outcome == Outcome.DENIED


@pytest.mark.parametrize("user", ["coordinator", "auditor", "partner"])
def test_nobody_else_takes_a_tip(request, user, stakeholder_a):
    with pytest.raises(PermissionDenied):
        record_tip(actor=request.getfixturevalue(user), stakeholder=stakeholder_a, **TIP_DATA)
    assert not Tip.objects.exists()


def test_bad_input_names_each_field_and_writes_nothing(liaison_a, stakeholder_a):
    with pytest.raises(ValidationError) as raised:
        record_tip(
            actor=liaison_a,
            stakeholder=stakeholder_a,
            what="",
            who="  ",
            when=datetime.date(2010, 4, 16),
            contact_name="",
            contact_email="not an address",
            channel="pigeon",
        )
    errors = raised.value.message_dict
    assert {"what", "who", "when", "contact_name", "contact_email", "channel"} <= set(errors)
    assert not Tip.objects.exists()
    with pytest.raises(ValidationError) as raised:
        record_tip(actor=liaison_a, stakeholder=stakeholder_a, **{**TIP_DATA, "when": None})
    assert "when" in raised.value.message_dict


def test_tips_are_scoped_by_the_responsible_agency(
    take_tip,
    liaison_a,
    liaison_b,
    analyst_a,
    coordinator,
    auditor,
    partner,
    outsider,
    stakeholder_a,
    stakeholder_b,
):
    tip_a = take_tip(liaison_a, stakeholder_a)
    tip_b = take_tip(liaison_b, stakeholder_b)
    assert list(tips_for(liaison_a)) == [tip_a]
    assert list(tips_for(analyst_a)) == [tip_a]
    assert set(tips_for(coordinator)) == set(tips_for(auditor)) == {tip_a, tip_b}
    assert not tips_for(partner).exists()
    assert not tips_for(outsider).exists()
    from django.http import Http404

    with pytest.raises(Http404):
        get_tip_for(liaison_a, tip_b.pk)
    with pytest.raises(Http404):
        get_tip_for(partner, tip_a.pk)
    with pytest.raises(Http404):
        get_tip_for(liaison_a, 10**20)


def test_tips_are_narrowed_by_stakeholder_and_status(
    take_tip, liaison_a, stakeholder_a, program, agency_a
):
    other = StakeholderFactory(program=program, responsible_agency=agency_a)
    first = take_tip(liaison_a, stakeholder_a)
    second = take_tip(liaison_a, other)
    assert list(tips_for(liaison_a, stakeholder=stakeholder_a)) == [first]
    assert list(tips_for(liaison_a, stakeholder=str(other.pk))) == [second]
    assert not tips_for(liaison_a, stakeholder="nonsense").exists()
    assert set(tips_for(liaison_a, status="awaiting")) == {first, second}
    assert not tips_for(liaison_a, status="reported").exists()
    assert not tips_for(liaison_a, status="other").exists()


def test_tips_awaiting_a_report_are_counted_for_analysts_only(
    take_tip,
    liaison_a,
    liaison_b,
    analyst_a,
    analyst_b,
    coordinator,
    stakeholder_a,
    stakeholder_b,
):
    take_tip(liaison_a, stakeholder_a)
    take_tip(liaison_a, stakeholder_a)
    take_tip(liaison_b, stakeholder_b)
    assert tips_awaiting_report_count(analyst_a) == 2
    assert tips_awaiting_report_count(analyst_b) == 1
    assert tips_awaiting_report_count(liaison_a) is None
    assert tips_awaiting_report_count(coordinator) is None
