"""The timetable rule and the conference services: every kind of conflict is refused with a
message naming it, and nothing is saved."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from nonprolif.core.models import AuditEntry
from nonprolif.events.conference.domain.conferences import create_conference, update_conference
from nonprolif.events.conference.domain.releases import publish_schedule
from nonprolif.events.conference.domain.rooms import create_room, delete_room, update_room
from nonprolif.events.conference.domain.talks import create_talk, update_talk
from nonprolif.events.conference.domain.timetable import place_talk, unplace_talk
from nonprolif.events.models import ScheduleRelease, SpeakerStatus, Talk

from .conftest import TalkFactory, at


def refused(run) -> dict:
    with pytest.raises(ValidationError) as caught:
        run()
    return caught.value.message_dict


def unchanged(talk, room, starts_at, ends_at):
    talk.refresh_from_db()
    assert (talk.room, talk.starts_at, talk.ends_at) == (room, starts_at, ends_at)


@pytest.fixture
def talk(conference, other_speaker):
    return TalkFactory(
        conference=conference,
        title_es="Inteligencia",
        title_en="Intelligence",
        speakers=[other_speaker],
    )


def test_placing_a_talk_saves_its_room_and_slot_and_audits_it(coordinator, talk, hall):
    place_talk(actor=coordinator, talk=talk, room=hall, starts_at=at(0, 10), ends_at=at(0, 11))
    talk.refresh_from_db()
    assert (talk.room, talk.starts_at, talk.ends_at) == (hall, at(0, 10), at(0, 11))
    entry = AuditEntry.objects.get(action="talk.place", object_id=str(talk.pk))
    assert entry.changes["room"] == [None, "Salón Caribe"]


def test_naive_times_are_read_in_the_conference_time_zone(coordinator, talk, hall):
    place_talk(
        actor=coordinator,
        talk=talk,
        room=hall,
        starts_at=datetime.datetime(2009, 11, 18, 10, 0),
        ends_at=datetime.datetime(2009, 11, 18, 11, 0),
    )
    talk.refresh_from_db()
    assert talk.starts_at == at(0, 10)
    assert talk.starts_at.astimezone(datetime.UTC).hour == 16  # Cancún was UTC-6 in 2009


def test_a_speaker_in_two_places_at_once_is_refused_naming_the_speaker_and_talk(
    coordinator, conference, speaker, small_room, opening
):
    talk = TalkFactory(conference=conference, speakers=[speaker], expected_attendance=10)
    errors = refused(
        lambda: place_talk(
            actor=coordinator,
            talk=talk,
            room=small_room,
            starts_at=at(0, 9, 30),
            ends_at=at(0, 10, 15),
        )
    )
    assert errors["speakers"] == [
        "Dana Whitfield would be in two places at once: already in “Opening” "
        "(Salón Caribe, 09:00 to 10:00)."
    ]
    unchanged(talk, None, None, None)


def test_a_double_booked_room_is_refused_naming_the_other_talk(coordinator, talk, hall, opening):
    errors = refused(
        lambda: place_talk(
            actor=coordinator, talk=talk, room=hall, starts_at=at(0, 9, 45), ends_at=at(0, 10, 30)
        )
    )
    assert errors["room"] == [
        "“Salón Caribe” is double-booked: “Opening” is already there from 09:00 to 10:00."
    ]
    unchanged(talk, None, None, None)


def test_back_to_back_talks_in_one_room_do_not_conflict(coordinator, talk, hall, opening):
    place_talk(actor=coordinator, talk=talk, room=hall, starts_at=at(0, 10), ends_at=at(0, 11))
    talk.refresh_from_db()
    assert talk.starts_at == at(0, 10)


def test_a_talk_outside_the_conference_days_is_refused(coordinator, talk, hall):
    errors = refused(
        lambda: place_talk(
            actor=coordinator,
            talk=talk,
            room=hall,
            starts_at=at(3, 10),
            ends_at=at(3, 11),
        )
    )
    assert errors["starts_at"] == [
        "“Intelligence” would fall outside the conference days "
        "(Nov. 18, 2009 to Nov. 20, 2009): it is placed on Nov. 21, 2009."
    ]
    unchanged(talk, None, None, None)


def test_a_talk_before_the_day_starts_or_after_it_ends_is_refused(coordinator, talk, hall):
    early = refused(
        lambda: place_talk(
            actor=coordinator, talk=talk, room=hall, starts_at=at(1, 8), ends_at=at(1, 9)
        )
    )
    assert early["starts_at"] == [
        "“Intelligence” would start at 08:00, before the day starts (09:00)."
    ]
    late = refused(
        lambda: place_talk(
            actor=coordinator, talk=talk, room=hall, starts_at=at(1, 17, 30), ends_at=at(1, 18, 30)
        )
    )
    assert late["ends_at"] == ["“Intelligence” would end at 18:30, after the day ends (18:00)."]
    unchanged(talk, None, None, None)


def test_a_talk_longer_than_its_slot_is_refused(coordinator, talk, hall):
    errors = refused(
        lambda: place_talk(
            actor=coordinator, talk=talk, room=hall, starts_at=at(0, 11), ends_at=at(0, 11, 30)
        )
    )
    assert errors["ends_at"] == ["“Intelligence” lasts 45 minutes, longer than its 30-minute slot."]
    unchanged(talk, None, None, None)


def test_a_room_over_capacity_is_refused(coordinator, talk, small_room):
    talk.expected_attendance = 120
    talk.save()
    errors = refused(
        lambda: place_talk(
            actor=coordinator, talk=talk, room=small_room, starts_at=at(0, 11), ends_at=at(0, 12)
        )
    )
    assert errors["room"] == [
        "“Sala Cozumel” is over capacity: it seats 40 and “Intelligence” expects 120 attendees."
    ]
    unchanged(talk, None, None, None)


def test_a_refused_move_leaves_the_talk_where_it_was(coordinator, talk, hall, small_room, opening):
    place_talk(actor=coordinator, talk=talk, room=small_room, starts_at=at(0, 9), ends_at=at(0, 10))
    refused(
        lambda: place_talk(
            actor=coordinator, talk=talk, room=hall, starts_at=at(0, 9), ends_at=at(0, 10)
        )
    )
    unchanged(talk, small_room, at(0, 9), at(0, 10))
    assert AuditEntry.objects.filter(action="talk.place").count() == 1


def test_every_conflict_is_named_at_once(coordinator, conference, speaker, small_room, opening):
    talk = TalkFactory(conference=conference, speakers=[speaker], expected_attendance=80)
    errors = refused(
        lambda: place_talk(
            actor=coordinator, talk=talk, room=small_room, starts_at=at(0, 9), ends_at=at(0, 9, 30)
        )
    )
    assert set(errors) == {"speakers", "ends_at", "room"}


def test_a_room_of_another_conference_is_refused(coordinator, talk, other_program_conference):
    from .conftest import RoomFactory

    elsewhere = RoomFactory(conference=other_program_conference, name="Lejos")
    errors = refused(
        lambda: place_talk(
            actor=coordinator, talk=talk, room=elsewhere, starts_at=at(0, 10), ends_at=at(0, 11)
        )
    )
    assert errors["room"] == ["“Lejos” is not a room of this conference."]


@pytest.mark.parametrize("who", ["liaison_a", "partner", "auditor", "outsider"])
def test_only_coordinators_place_talks(request, who, talk, hall):
    with pytest.raises(PermissionDenied):
        place_talk(
            actor=request.getfixturevalue(who),
            talk=talk,
            room=hall,
            starts_at=at(0, 10),
            ends_at=at(0, 11),
        )
    unchanged(talk, None, None, None)


def test_lengthening_a_placed_talk_beyond_its_slot_is_refused(coordinator, opening):
    errors = refused(lambda: update_talk(actor=coordinator, talk=opening, duration_minutes=90))
    assert errors["ends_at"] == ["“Opening” lasts 90 minutes, longer than its 60-minute slot."]
    opening.refresh_from_db()
    assert opening.duration_minutes == 60


def test_adding_a_busy_speaker_to_a_placed_talk_is_refused(
    coordinator, conference, speaker, small_room, place, opening
):
    talk = place(TalkFactory(conference=conference), small_room, at(0, 9), at(0, 10))
    errors = refused(lambda: update_talk(actor=coordinator, talk=talk, speakers=[speaker]))
    assert "Dana Whitfield would be in two places at once" in errors["speakers"][0]
    assert list(talk.speakers.all()) == []


def test_a_declined_speaker_cannot_be_given_a_talk(coordinator, conference, speaker):
    speaker.status = SpeakerStatus.DECLINED
    speaker.save()
    errors = refused(
        lambda: create_talk(
            actor=coordinator,
            conference=conference,
            speakers=[speaker],
            title_es="X",
            title_en="X",
            duration_minutes=30,
        )
    )
    assert errors["speakers"] == ["Dana Whitfield was declined or declined the invitation."]
    assert not Talk.objects.filter(title_es="X").exists()


def test_shrinking_a_room_below_a_placed_talk_is_refused(coordinator, hall, opening):
    errors = refused(lambda: update_room(actor=coordinator, room=hall, capacity=100))
    assert errors["capacity"] == [
        "“Salón Caribe” would be over capacity: it would seat 100 and “Opening” expects "
        "150 attendees."
    ]
    hall.refresh_from_db()
    assert hall.capacity == 200


def test_a_room_holding_talks_cannot_be_deleted(coordinator, hall, opening):
    errors = refused(lambda: delete_room(actor=coordinator, room=hall))
    assert "“Opening”" in errors["room"][0]
    hall.refresh_from_db()


def test_room_names_are_unique_within_a_conference(coordinator, conference, hall):
    errors = refused(
        lambda: create_room(actor=coordinator, conference=conference, name=hall.name, capacity=5)
    )
    assert "__all__" in errors
    assert conference.rooms.count() == 1


def test_moving_the_conference_days_away_from_placed_talks_is_refused(
    coordinator, conference, opening
):
    errors = refused(
        lambda: update_conference(
            actor=coordinator, conference=conference, start_date=datetime.date(2009, 11, 19)
        )
    )
    assert errors["start_date"][0] == "Placed talks would no longer fit; move them first."
    assert "“Opening”" in errors["start_date"][1]
    conference.refresh_from_db()
    assert conference.start_date == datetime.date(2009, 11, 18)


def test_a_new_conference_takes_the_program_time_zone_and_needs_a_program_host(
    coordinator, program, agency_a
):
    from tests.factories import AgencyFactory

    fields = {
        "acronym": "new-conf",
        "title_es": "Conferencia",
        "title_en": "Conference",
        "city": "Cancún",
        "start_date": datetime.date(2009, 11, 18),
        "end_date": datetime.date(2009, 11, 20),
    }
    errors = refused(
        lambda: create_conference(
            actor=coordinator, program=program, host_agency=AgencyFactory(), **fields
        )
    )
    assert errors["host_agency"] == ["The host must be an agency of the program."]
    conference = create_conference(
        actor=coordinator, program=program, host_agency=agency_a, **fields
    )
    assert conference.time_zone == program.time_zone


def test_the_last_day_cannot_precede_the_first(coordinator, program, agency_a):
    errors = refused(
        lambda: create_conference(
            actor=coordinator,
            program=program,
            host_agency=agency_a,
            acronym="bad",
            title_es="C",
            title_en="C",
            city="Cancún",
            start_date=datetime.date(2009, 11, 20),
            end_date=datetime.date(2009, 11, 18),
        )
    )
    assert errors["__all__"] == ["The last day cannot be before the first day."]


# --- publishing ---------------------------------------------------------------------------


def test_publishing_creates_v1_listing_every_talk_as_added(coordinator, conference, opening):
    release = publish_schedule(actor=coordinator, conference=conference, note="First")
    assert release.version == 1
    assert [c["change"] for c in release.changes] == ["added"]
    assert release.changes[0]["title_es"] == "Apertura"
    assert release.snapshot["talks"][0]["start"] == "2009-11-18T09:00:00-06:00"
    assert release.snapshot["speakers"][0]["name"] == "Dana Whitfield"


def test_v2_lists_what_was_added_removed_moved_and_changed(
    coordinator, conference, hall, small_room, speaker, other_speaker, opening, place
):
    gone = place(
        TalkFactory(conference=conference, title_es="Se va"), small_room, at(0, 9), at(0, 10)
    )
    stays = place(
        TalkFactory(conference=conference, title_es="Se queda", speakers=[other_speaker]),
        small_room,
        at(0, 11),
        at(0, 12),
    )
    publish_schedule(actor=coordinator, conference=conference)

    unplace_talk(actor=coordinator, talk=gone)
    place_talk(actor=coordinator, talk=opening, room=hall, starts_at=at(1, 9), ends_at=at(1, 10))
    update_talk(
        actor=coordinator, talk=stays, title_en="Stays, renamed", speakers=[speaker, other_speaker]
    )
    new = TalkFactory(conference=conference, title_es="Nueva")
    place_talk(actor=coordinator, talk=new, room=small_room, starts_at=at(2, 9), ends_at=at(2, 10))

    release = publish_schedule(actor=coordinator, conference=conference)
    assert release.version == 2
    summary = [(c["change"], c["title_es"]) for c in release.changes]
    assert summary == [
        ("removed", "Se va"),
        ("changed", "Se queda"),
        ("moved", "Apertura"),
        ("added", "Nueva"),
    ]
    moved = release.changes[2]
    assert moved["from"] == {
        "room": "Salón Caribe",
        "start": "2009-11-18T09:00:00-06:00",
        "end": "2009-11-18T10:00:00-06:00",
    }
    assert moved["to"]["start"] == "2009-11-19T09:00:00-06:00"
    changed = release.changes[1]
    assert changed["fields"] == ["title_en", "speakers"]
    assert changed["speakers_after"] == ["Dana Whitfield", "Rafael Ortiz"]
    first = ScheduleRelease.objects.get(conference=conference, version=1)
    assert [t["title_es"] for t in first.snapshot["talks"]] == ["Se va", "Apertura", "Se queda"]


def test_publishing_nothing_new_is_refused(coordinator, conference, opening):
    publish_schedule(actor=coordinator, conference=conference)
    errors = refused(lambda: publish_schedule(actor=coordinator, conference=conference))
    assert errors["__all__"] == ["Nothing changed since v1: nothing to publish."]
    assert ScheduleRelease.objects.filter(conference=conference).count() == 1


def test_publishing_an_empty_timetable_is_refused(coordinator, conference):
    errors = refused(lambda: publish_schedule(actor=coordinator, conference=conference))
    assert errors["__all__"] == ["No talk is placed yet: nothing to publish."]
    assert not ScheduleRelease.objects.exists()


def test_unconfirmed_speakers_are_left_out_of_a_release(coordinator, conference, speaker, opening):
    speaker.response = "pending"
    speaker.save()
    release = publish_schedule(actor=coordinator, conference=conference)
    assert release.snapshot["speakers"] == []
    assert release.snapshot["talks"][0]["speakers"] == []


@pytest.mark.parametrize("who", ["liaison_a", "partner", "auditor"])
def test_only_coordinators_publish(request, who, conference, opening):
    with pytest.raises(PermissionDenied):
        publish_schedule(actor=request.getfixturevalue(who), conference=conference)
    assert not ScheduleRelease.objects.exists()
