"""Recording visits (with their coordination meeting), changing them, and their follow-ups as
coordination action items: who may, what is written, what is refused."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from nonprolif.core.models import AuditEntry
from nonprolif.events.coordination.domain.action_items import change_action_item_status
from nonprolif.events.coordination.domain.reminders import remind_overdue_action_items
from nonprolif.events.models import ActionItem, ActionItemChange, Meeting
from nonprolif.outreach.models import Visit
from nonprolif.outreach.visits.domain import add_follow_up, record_visit, update_visit
from tests.factories import MeetingFactory
from tests.outreach.factories import MaterialFactory
from tests.outreach.stakeholders.conftest import denied

pytestmark = pytest.mark.django_db

VISIT = {
    "date": datetime.date(2010, 3, 10),
    "attendees": "Ing. Laura Méndez (empresa)\nLic. Pedro Ruiz (AAA)",
    "topics_es": "Indicadores de pedidos sospechosos",
    "topics_en": "Indicators of suspicious orders",
}


def test_a_visit_writes_its_meeting(liaison_a, stakeholder_a, agency_a, program):
    booklet = MaterialFactory(agency=agency_a)
    visit = record_visit(actor=liaison_a, stakeholder=stakeholder_a, materials=[booklet], **VISIT)
    meeting = visit.meeting
    assert (meeting.program, meeting.date, meeting.place) == (program, VISIT["date"], "Monterrey")
    assert meeting.title_es == "Visita de difusión: Química Peñoles del Golfo"
    assert meeting.title_en == "Outreach visit: Química Peñoles del Golfo"
    assert list(meeting.agencies.all()) == [agency_a]
    assert visit.agency == agency_a
    assert list(visit.materials.all()) == [booklet]
    assert AuditEntry.objects.filter(action="outreach.visit.create", object_id=visit.pk).exists()
    assert AuditEntry.objects.filter(action="meeting.create", object_id=meeting.pk).exists()


def test_the_place_falls_back_to_the_state(coordinator, stakeholder_a):
    stakeholder_a.city = ""
    stakeholder_a.save()
    visit = record_visit(actor=coordinator, stakeholder=stakeholder_a, **VISIT)
    assert visit.meeting.place == "Nuevo León"
    assert visit.agency == stakeholder_a.responsible_agency


def test_a_material_the_actor_does_not_read_is_refused(liaison_a, stakeholder_a):
    with pytest.raises(ValidationError) as error:
        record_visit(actor=liaison_a, stakeholder=stakeholder_a, materials=[999_999], **VISIT)
    assert set(error.value.message_dict) == {"materials"}
    assert not Visit.objects.exists()
    assert not Meeting.objects.exists()


def test_bad_input_names_each_field(liaison_a, stakeholder_a):
    with pytest.raises(ValidationError) as error:
        record_visit(
            actor=liaison_a, stakeholder=stakeholder_a, **{**VISIT, "topics_es": "", "date": None}
        )
    assert {"topics_es", "date"} <= set(error.value.message_dict)
    assert not Meeting.objects.exists()


def test_a_liaison_visits_for_his_own_agency_only(liaison_a, stakeholder_a, agency_b):
    with pytest.raises(PermissionDenied):
        record_visit(actor=liaison_a, stakeholder=stakeholder_a, agency=agency_b, **VISIT)
    assert not Visit.objects.exists()
    assert denied("outreach.visit.create") == 1


@pytest.mark.parametrize("who", ["liaison_b", "analyst_a", "auditor", "partner"])
def test_others_record_no_visit(request, who, stakeholder_a):
    with pytest.raises(PermissionDenied):
        record_visit(actor=request.getfixturevalue(who), stakeholder=stakeholder_a, **VISIT)
    assert not Visit.objects.exists()
    assert not Meeting.objects.exists()
    assert denied("outreach.visit.create") == 1


def test_a_new_date_moves_the_meeting(liaison_a, visit_a):
    update_visit(actor=liaison_a, visit=visit_a, date=datetime.date(2010, 4, 2), topics_en="New")
    visit_a.refresh_from_db()
    visit_a.meeting.refresh_from_db()
    assert visit_a.meeting.date == datetime.date(2010, 4, 2)
    entry = AuditEntry.objects.get(action="outreach.visit.update")
    assert set(entry.changes) == {"date", "topics_en"}


@pytest.mark.parametrize("who", ["liaison_b", "analyst_a", "auditor"])
def test_a_refused_change_leaves_the_visit_unchanged(request, who, visit_a):
    with pytest.raises(PermissionDenied):
        update_visit(actor=request.getfixturevalue(who), visit=visit_a, topics_es="Otro")
    visit_a.refresh_from_db()
    assert visit_a.topics_es == "Indicadores de pedidos sospechosos"
    assert denied("outreach.visit.update") == 1


def test_a_follow_up_is_an_action_item_of_the_visit_meeting(liaison_a, visit_a, agency_a):
    item = add_follow_up(
        actor=liaison_a,
        visit=visit_a,
        title_es="Enviar el folleto de indicadores",
        title_en="Send the indicator booklet",
        due_date=datetime.date(2010, 3, 31),
    )
    assert item.meeting == visit_a.meeting
    assert item.owner_agency == agency_a
    assert ActionItemChange.objects.filter(action_item=item).count() == 1
    assert AuditEntry.objects.filter(action="action_item.create", object_id=item.pk).exists()
    entry = AuditEntry.objects.get(action="outreach.visit.follow_up")
    assert entry.changes == {"action_item": item.pk}
    # the visiting agency reads it in coordination, and its liaison moves its status
    assert ActionItem.objects.visible_to(liaison_a).filter(pk=item.pk).exists()
    change_action_item_status(actor=liaison_a, item=item, status="in_progress")
    item.refresh_from_db()
    assert item.status == "in_progress"


def test_an_overdue_follow_up_is_reminded(liaison_a, visit_a, mailoutbox):
    item = add_follow_up(
        actor=liaison_a,
        visit=visit_a,
        title_es="Enviar el folleto",
        title_en="Send the booklet",
        due_date=datetime.date(2010, 3, 31),
    )
    later = datetime.datetime(2010, 4, 20, 18, 0, tzinfo=datetime.UTC)
    sent = remind_overdue_action_items(now=later)
    assert [(r.action_item_id, r.email) for r in sent] == [(item.pk, liaison_a.email)]
    assert [m.to for m in mailoutbox] == [[liaison_a.email]]
    item.refresh_from_db()
    assert item.last_reminded_at == later


def test_a_follow_up_belongs_to_the_visiting_agency(coordinator, visit_a, agency_b):
    with pytest.raises(ValidationError) as error:
        add_follow_up(
            actor=coordinator,
            visit=visit_a,
            title_es="Algo",
            title_en="Something",
            due_date=datetime.date(2010, 3, 31),
            owner_agency=agency_b,
        )
    assert set(error.value.message_dict) == {"owner_agency"}
    assert not ActionItem.objects.exists()


def test_a_follow_up_without_a_title_names_the_field(liaison_a, visit_a):
    with pytest.raises(ValidationError) as error:
        add_follow_up(actor=liaison_a, visit=visit_a, title_es="", title_en="x", due_date=None)
    assert {"title_es", "due_date"} <= set(error.value.message_dict)
    assert not ActionItem.objects.exists()


@pytest.mark.parametrize("who", ["liaison_b", "analyst_a", "auditor"])
def test_others_add_no_follow_up(request, who, visit_a):
    with pytest.raises(PermissionDenied):
        add_follow_up(
            actor=request.getfixturevalue(who),
            visit=visit_a,
            title_es="Algo",
            title_en="Something",
            due_date=datetime.date(2010, 3, 31),
        )
    assert not ActionItem.objects.exists()
    assert denied("outreach.visit.follow_up") == 1


def test_a_liaison_adds_action_items_to_his_visits_meetings_only(
    liaison_a, liaison_b, visit_a, program, agency_a
):
    other = MeetingFactory(program=program)
    other.agencies.set([agency_a])
    assert liaison_a.has_perm("events.add_actionitem", visit_a.meeting)
    assert not liaison_a.has_perm("events.add_actionitem", other)
    assert not liaison_b.has_perm("events.add_actionitem", visit_a.meeting)
