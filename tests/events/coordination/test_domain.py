import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from nonprolif.core.models import AuditEntry
from nonprolif.events.coordination.domain.action_items import (
    change_action_item_status,
    update_action_item,
)
from nonprolif.events.coordination.domain.decisions import (
    create_decision,
    delete_decision,
    update_decision,
)
from nonprolif.events.models import ActionItem, ActionItemChange, ActionStatus


def test_owner_official_must_belong_to_the_owner_agency(make_item, official_ptr):
    with pytest.raises(ValidationError) as error:
        make_item(owner_official=official_ptr)
    assert "owner_official" in error.value.message_dict
    assert not ActionItem.objects.exists()


def test_owner_agency_must_have_taken_part_in_the_meeting(make_item, agency_b):
    with pytest.raises(ValidationError) as error:
        make_item(owner_agency=agency_b)
    assert "owner_agency" in error.value.message_dict
    assert not ActionItem.objects.exists()


def test_decision_of_another_meeting_is_refused(coordinator, make_item, program, agency_a):
    from tests.factories import MeetingFactory

    other = MeetingFactory(program=program)
    other.agencies.set([agency_a])
    foreign = create_decision(actor=coordinator, meeting=other, text_es="x", text_en="x")
    with pytest.raises(ValidationError) as error:
        make_item(decision=foreign)
    assert "decision" in error.value.message_dict


def test_decisions_are_numbered_in_order_and_a_taken_number_is_refused(coordinator, meeting):
    first = create_decision(actor=coordinator, meeting=meeting, text_es="a", text_en="a")
    second = create_decision(actor=coordinator, meeting=meeting, text_es="b", text_en="b")
    assert (first.number, second.number) == (1, 2)
    with pytest.raises(ValidationError) as error:
        update_decision(actor=coordinator, decision=second, number=1)
    assert "number" in error.value.message_dict
    second.refresh_from_db()
    assert second.number == 2


def test_only_the_coordinator_records_decisions(liaison_a, meeting):
    with pytest.raises(PermissionDenied):
        create_decision(actor=liaison_a, meeting=meeting, text_es="a", text_en="a")


def test_creation_is_recorded_in_the_history_and_the_audit(item, coordinator):
    change = item.changes.get()
    assert change.actor == coordinator
    assert change.changes["status"] == [None, "open"]
    assert change.changes["owner_agency"] == [None, "AAA"]
    assert AuditEntry.objects.filter(action="action_item.create", object_id=str(item.pk)).exists()


def test_every_change_is_recorded_with_who_and_what(item, coordinator, liaison_a):
    update_action_item(actor=coordinator, item=item, due_date=datetime.date(2009, 10, 1))
    change_action_item_status(
        actor=liaison_a, item=item, status=ActionStatus.IN_PROGRESS, note="Working on it"
    )
    latest, previous, _created = item.changes.order_by("-at", "-pk")
    assert previous.changes == {"due_date": ["2009-09-15", "2009-10-01"]}
    assert (latest.actor, latest.changes, latest.note) == (
        liaison_a,
        {"status": ["open", "in_progress"]},
        "Working on it",
    )


def test_closing_sets_closed_at_and_reopening_clears_it(item, liaison_a):
    change_action_item_status(actor=liaison_a, item=item, status=ActionStatus.DONE)
    item.refresh_from_db()
    assert item.closed_at is not None
    change_action_item_status(actor=liaison_a, item=item, status=ActionStatus.OPEN)
    item.refresh_from_db()
    assert item.closed_at is None


def test_other_agency_liaison_cannot_change_the_status(item, liaison_b, partner):
    for user in (liaison_b, partner):
        with pytest.raises(PermissionDenied):
            change_action_item_status(actor=user, item=item, status=ActionStatus.DONE)
    item.refresh_from_db()
    assert item.status == ActionStatus.OPEN
    assert item.changes.count() == 1


def test_owner_liaison_cannot_edit_other_fields(item, liaison_a):
    with pytest.raises(PermissionDenied):
        update_action_item(actor=liaison_a, item=item, title_en="Changed")
    item.refresh_from_db()
    assert item.title_en == "Send the list"


def test_a_bad_update_writes_nothing(item, coordinator, official_ptr):
    with pytest.raises(ValidationError) as error:
        update_action_item(actor=coordinator, item=item, owner_official=official_ptr)
    assert "owner_official" in error.value.message_dict
    item.refresh_from_db()
    assert item.owner_official.agency.code == "AAA"
    assert item.changes.count() == 1


def test_removing_a_decision_keeps_its_items_and_records_it(item, decision, coordinator):
    delete_decision(actor=coordinator, decision=decision)
    item.refresh_from_db()
    assert item.decision is None
    assert ActionItemChange.objects.filter(
        action_item=item, changes={"decision": [1, None]}
    ).exists()
