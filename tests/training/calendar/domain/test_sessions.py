"""Editing a session and its participants."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from nonprolif.core.models import AuditEntry
from nonprolif.training.calendar.domain import add_participant, remove_participant, update_session
from nonprolif.training.models import BlackoutDate, SessionParticipant, Venue
from tests.factories import AgencyFactory, OfficialFactory, ProgramFactory


@pytest.fixture
def venue(program):
    return Venue.objects.create(program=program, name="Sede CISEN", city="Ciudad de México")


def test_the_coordinator_sets_venue_and_capacity_and_the_sequence_goes_up(
    cohort, coordinator, venue
):
    sequence = cohort.sequence

    update_session(actor=coordinator, session=cohort, venue=venue, capacity=45)

    cohort.refresh_from_db()
    assert (cohort.venue, cohort.capacity, cohort.sequence) == (venue, 45, sequence + 1)
    entry = AuditEntry.objects.filter(action="session.update").get()
    assert entry.changes["capacity"] == [50, 45]


def test_changing_only_the_language_keeps_the_sequence(cohort, coordinator):
    sequence = cohort.sequence

    update_session(actor=coordinator, session=cohort, language="en")

    cohort.refresh_from_db()
    assert (cohort.language, cohort.sequence) == ("en", sequence)


@pytest.mark.parametrize("capacity", [0, -3])
def test_a_capacity_below_one_is_refused_and_nothing_changes(cohort, coordinator, capacity):
    with pytest.raises(ValidationError) as error:
        update_session(actor=coordinator, session=cohort, capacity=capacity)

    assert "capacity" in error.value.message_dict
    cohort.refresh_from_db()
    assert cohort.capacity == 50
    assert not AuditEntry.objects.filter(action="session.update").exists()


def test_the_capacity_cannot_fall_below_the_participants(cohort, coordinator, official_a, agency_a):
    other = OfficialFactory(agency=agency_a)
    SessionParticipant.objects.create(session=cohort, official=official_a)
    SessionParticipant.objects.create(session=cohort, official=other)

    with pytest.raises(ValidationError) as error:
        update_session(actor=coordinator, session=cohort, capacity=1)

    assert "2" in error.value.message_dict["capacity"][0]
    cohort.refresh_from_db()
    assert cohort.capacity == 50


def test_a_venue_closed_on_a_session_day_is_refused(cohort, coordinator, venue, program):
    BlackoutDate.objects.create(program=program, venue=venue, date=cohort.end, reason_en="Works")

    with pytest.raises(ValidationError) as error:
        update_session(actor=coordinator, session=cohort, venue=venue)

    assert "venue" in error.value.message_dict
    cohort.refresh_from_db()
    assert cohort.venue is None


def test_a_venue_of_another_program_is_refused(cohort, coordinator):
    elsewhere = Venue.objects.create(
        program=ProgramFactory(code="prog-x", lead_agency=AgencyFactory(code="XXX")),
        name="Otra sede",
        city="Cancún",
    )

    with pytest.raises(ValidationError) as error:
        update_session(actor=coordinator, session=cohort, venue=elsewhere)

    assert "venue" in error.value.message_dict


@pytest.mark.parametrize("user", ["liaison_a", "partner", "auditor"])
def test_only_coordinators_edit_sessions(user, request, cohort):
    with pytest.raises(PermissionDenied):
        update_session(actor=request.getfixturevalue(user), session=cohort, capacity=10)

    cohort.refresh_from_db()
    assert cohort.capacity == 50


def test_the_coordinator_adds_and_removes_a_participant(cohort, coordinator, official_a):
    participant = add_participant(actor=coordinator, session=cohort, official=official_a)

    assert participant.added_by == coordinator
    assert list(cohort.participants.values_list("official", flat=True)) == [official_a.pk]

    remove_participant(actor=coordinator, session=cohort, official=official_a)

    assert not cohort.participants.exists()
    assert AuditEntry.objects.filter(action__startswith="session.").count() == 2


def test_senior_sessions_take_only_senior_officials_of_their_agency(
    senior_a, coordinator, official_a, senior_official_a, agency_b
):
    senior_b_official = OfficialFactory(agency=agency_b, seniority="senior")
    for official in (official_a, senior_b_official):
        with pytest.raises(ValidationError):
            add_participant(actor=coordinator, session=senior_a, official=official)

    add_participant(actor=coordinator, session=senior_a, official=senior_official_a)

    assert list(senior_a.participants.values_list("official", flat=True)) == [senior_official_a.pk]


def test_a_cohort_of_an_item_targeting_one_agency_refuses_the_others(
    proposal, accept, coordinator, agency_a, official_a, official_b
):
    from nonprolif.training.models import Session
    from tests.factories import ProposalItemFactory

    item = ProposalItemFactory(proposal=proposal, number=7, cohort_count=1, cadence_months=None)
    item.target_agencies.set([agency_a])
    accept(item)
    session = Session.objects.get(item_key=item.key)

    with pytest.raises(ValidationError):
        add_participant(actor=coordinator, session=session, official=official_b)
    add_participant(actor=coordinator, session=session, official=official_a)


def test_a_full_session_or_a_second_seat_is_refused(cohort, coordinator, official_a, agency_a):
    cohort.capacity = 1
    cohort.save()
    add_participant(actor=coordinator, session=cohort, official=official_a)

    for official in (official_a, OfficialFactory(agency=agency_a)):
        with pytest.raises(ValidationError) as error:
            add_participant(actor=coordinator, session=cohort, official=official)
        assert "official" in error.value.message_dict

    assert cohort.participants.count() == 1


def test_an_official_of_an_agency_outside_the_program_is_refused(cohort, coordinator):
    stranger = OfficialFactory(agency=AgencyFactory(code="QQQ"))

    with pytest.raises(ValidationError):
        add_participant(actor=coordinator, session=cohort, official=stranger)


def test_only_coordinators_manage_participants(cohort, liaison_a, official_a):
    with pytest.raises(PermissionDenied):
        add_participant(actor=liaison_a, session=cohort, official=official_a)

    assert not cohort.participants.exists()


def test_inactive_officials_cannot_join(cohort, coordinator, official_a):
    official_a.active = False
    official_a.save()

    with pytest.raises(ValidationError):
        add_participant(actor=coordinator, session=cohort, official=official_a)


def test_dates_of_a_session_list_its_skipped_days(senior_item, accept, agency_a):
    from nonprolif.training.models import Session

    senior_item.start_date = datetime.date(2009, 11, 13)  # Friday; Monday 16 is a holiday
    senior_item.save()
    accept(senior_item)

    session = Session.objects.get(audience_agency=agency_a)
    assert session.day_list == [datetime.date(2009, 11, 13), datetime.date(2009, 11, 17)]
    assert session.skipped_days == [
        datetime.date(2009, 11, 14),
        datetime.date(2009, 11, 15),
        datetime.date(2009, 11, 16),
    ]
