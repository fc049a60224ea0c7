import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from nonprolif.core.models import AuditEntry
from nonprolif.events.meetings.domain import create_meeting, update_meeting
from nonprolif.events.models import DatePrecision, Meeting
from tests.factories import AgencyFactory

FIELDS = {
    "title_es": "Reunión en Washington",
    "title_en": "Washington meeting",
    "date": datetime.date(2009, 5, 14),
    "place": "Washington, D.C.",
}


def test_coordinator_records_a_meeting_with_participants(
    coordinator, program, agency_a, partner_agency, official_a
):
    meeting = create_meeting(
        actor=coordinator,
        program=program,
        agencies=[agency_a, partner_agency],
        officials=[official_a],
        **FIELDS,
    )
    assert set(meeting.agencies.all()) == {agency_a, partner_agency}
    assert list(meeting.officials.all()) == [official_a]
    entry = AuditEntry.objects.get(action="meeting.create")
    assert entry.changes["agencies"] == [None, ["AAA", "PTR"]]


def test_month_precision_keeps_the_first_of_the_month(coordinator, program, agency_a):
    meeting = create_meeting(
        actor=coordinator,
        program=program,
        agencies=[agency_a],
        **{**FIELDS, "date_precision": DatePrecision.MONTH},
    )
    assert meeting.date == datetime.date(2009, 5, 1)


def test_official_of_a_non_participating_agency_is_an_error_on_officials(
    coordinator, program, agency_a, official_b
):
    with pytest.raises(ValidationError) as error:
        create_meeting(
            actor=coordinator,
            program=program,
            agencies=[agency_a],
            officials=[official_b],
            **FIELDS,
        )
    assert "Beto Barrera" in error.value.message_dict["officials"][0]
    assert not Meeting.objects.exists()


def test_meeting_needs_agencies_of_the_program(coordinator, program):
    with pytest.raises(ValidationError) as error:
        create_meeting(actor=coordinator, program=program, agencies=[], **FIELDS)
    assert "agencies" in error.value.message_dict
    stranger = AgencyFactory(code="ZZZ")
    with pytest.raises(ValidationError) as error:
        create_meeting(actor=coordinator, program=program, agencies=[stranger], **FIELDS)
    assert "ZZZ" in error.value.message_dict["agencies"][0]
    assert not Meeting.objects.exists()


def test_meeting_without_place_is_an_error_on_place(coordinator, program, agency_a):
    with pytest.raises(ValidationError) as error:
        create_meeting(
            actor=coordinator, program=program, agencies=[agency_a], **{**FIELDS, "place": ""}
        )
    assert "place" in error.value.message_dict


@pytest.mark.parametrize("user", ["liaison_a", "partner", "auditor", "outsider"])
def test_only_coordinators_record_meetings(request, user, program, agency_a):
    with pytest.raises(PermissionDenied):
        create_meeting(
            actor=request.getfixturevalue(user), program=program, agencies=[agency_a], **FIELDS
        )
    assert not Meeting.objects.exists()


def test_update_meeting_replaces_participants(coordinator, meeting, agency_b, official_b):
    update_meeting(
        actor=coordinator,
        meeting=meeting,
        agencies=[agency_b],
        officials=[official_b],
        place="Cancún",
    )
    meeting.refresh_from_db()
    assert (meeting.place, list(meeting.officials.all())) == ("Cancún", [official_b])
    assert AuditEntry.objects.get(action="meeting.update").changes["agencies"] == [
        ["AAA", "PTR"],
        ["BBB"],
    ]


def test_refused_meeting_update_leaves_it_unchanged(coordinator, partner, meeting, agency_b):
    with pytest.raises(ValidationError) as error:
        update_meeting(actor=coordinator, meeting=meeting, agencies=[agency_b], place="Cancún")
    assert "officials" in error.value.message_dict
    with pytest.raises(PermissionDenied):
        update_meeting(actor=partner, meeting=meeting, place="Cancún")
    meeting.refresh_from_db()
    assert meeting.place == "Ciudad de México"
    assert meeting.agencies.count() == 2
