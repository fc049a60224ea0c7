"""All or nothing: a failure part-way through recording a visit or adding a follow-up leaves
no meeting, visit, action item or audit entry behind."""

import datetime

import pytest

from nonprolif.core.models import AuditEntry
from nonprolif.events.models import ActionItem, ActionItemChange, Meeting
from nonprolif.outreach.models import Visit
from nonprolif.outreach.visits import domain
from nonprolif.outreach.visits.domain import add_follow_up, record_visit
from tests.outreach.factories import MaterialFactory

pytestmark = pytest.mark.django_db(transaction=True)


class StepFailedError(RuntimeError):
    pass


def failing_at(action: str):
    real = domain.record

    def record(**kwargs):
        if kwargs["action"] == action:
            raise StepFailedError
        return real(**kwargs)

    return record


def test_a_failing_visit_leaves_no_meeting(monkeypatch, liaison_a, stakeholder_a, agency_a):
    booklet = MaterialFactory(agency=agency_a)
    monkeypatch.setattr(domain, "record", failing_at("outreach.visit.create"))
    with pytest.raises(StepFailedError):
        record_visit(
            actor=liaison_a,
            stakeholder=stakeholder_a,
            date=datetime.date(2010, 3, 10),
            attendees="Ing. Laura Méndez",
            topics_es="Indicadores",
            topics_en="Indicators",
            materials=[booklet],
        )
    assert not Meeting.objects.exists()
    assert not Visit.objects.exists()
    assert not AuditEntry.objects.filter(
        action__in=["meeting.create", "outreach.visit.create"]
    ).exists()


def test_a_failing_follow_up_leaves_no_action_item(monkeypatch, liaison_a, visit_a):
    monkeypatch.setattr(domain, "record", failing_at("outreach.visit.follow_up"))
    with pytest.raises(StepFailedError):
        add_follow_up(
            actor=liaison_a,
            visit=visit_a,
            title_es="Enviar el folleto",
            title_en="Send the booklet",
            due_date=datetime.date(2010, 3, 31),
        )
    assert not ActionItem.objects.exists()
    assert not ActionItemChange.objects.exists()
    assert not AuditEntry.objects.filter(action="action_item.create").exists()
