"""Regenerating sessions from the accepted items: in place, never duplicated, and never
moving or dropping a session that has participants without the coordinator's confirmation."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import translation

from nonprolif.core.models import AuditEntry
from nonprolif.program.models import ItemKind
from nonprolif.training.calendar.domain import regenerate_sessions
from nonprolif.training.calendar.domain.placement import DEFAULT_CAPACITY
from nonprolif.training.models import Audience, BlackoutDate, Session, SessionParticipant, Venue
from tests.factories import ProposalItemFactory

D = datetime.date


def training_sessions(item):
    return list(Session.objects.filter(item_key=item.key).order_by("cohort"))


def test_accepting_the_training_item_creates_four_cohorts_every_three_months(training_item, accept):
    accept(training_item)

    sessions = training_sessions(training_item)
    assert [s.cohort for s in sessions] == [1, 2, 3, 4]
    assert [s.planned for s in sessions] == [
        D(2009, 10, 23),
        D(2010, 1, 23),
        D(2010, 4, 23),
        D(2010, 7, 23),
    ]
    assert [s.start for s in sessions] == [
        D(2009, 10, 23),
        D(2010, 1, 25),
        D(2010, 4, 23),
        D(2010, 7, 23),
    ]
    assert sessions[-1].end == D(2010, 7, 29)
    assert {s.capacity for s in sessions} == {50}
    assert {s.audience for s in sessions} == {Audience.EVERYONE}
    assert [s.moved for s in sessions] == [False, True, False, False]


def test_the_moved_cohort_keeps_the_engine_reason_and_a_localized_one(training_item, accept):
    accept(training_item)
    moved = Session.objects.get(item_key=training_item.key, cohort=2)

    assert moved.reason_en == "2010-01-23 is a Saturday, moved to Monday 2010-01-25"
    assert moved.move["skipped"][0]["causes"] == ["weekend"]
    with translation.override("en"):
        assert moved.reason == "Jan. 23, 2010 is a Saturday, moved to Monday Jan. 25, 2010"
    with translation.override("es-mx"):
        assert "sábado" in moved.reason.lower()


def test_a_move_over_a_holiday_names_it_in_both_languages(proposal, accept):
    item = ProposalItemFactory(
        proposal=proposal,
        number=5,
        cohort_count=1,
        cadence_months=None,
        start_date=D(2009, 11, 16),  # Revolution Day (third Monday of November 2009)
        session_days=1,
    )
    accept(item)
    [session] = training_sessions(item)

    assert session.start == D(2009, 11, 17)
    holiday = session.move["skipped"][0]["holiday"]
    assert holiday["en"] == "Revolution Day"
    assert "Revolución" in holiday["es"]
    assert "Revolution Day" in session.reason_en


def test_senior_items_give_each_target_agency_its_own_session(
    senior_item, accept, agency_a, agency_b
):
    accept(senior_item)

    sessions = list(Session.objects.filter(item_key=senior_item.key).order_by("start"))
    assert [(s.audience_agency, s.start, s.end) for s in sessions] == [
        (agency_a, D(2009, 11, 9), D(2009, 11, 10)),
        (agency_b, D(2009, 11, 11), D(2009, 11, 12)),
    ]
    assert {s.audience for s in sessions} == {Audience.SENIOR}
    assert {s.cohort for s in sessions} == {None}
    assert {s.capacity for s in sessions} == {DEFAULT_CAPACITY}


def test_undated_senior_items_are_chained_from_the_earliest_start(
    proposal, training_item, accept, agency_a, agency_b
):
    first = ProposalItemFactory(
        proposal=proposal,
        number=3,
        kind=ItemKind.SENIOR,
        cohort_size=None,
        cohort_count=1,
        start_date=None,
        cadence_months=None,
        session_days=2,
    )
    first.target_agencies.set([agency_a])
    second = ProposalItemFactory(
        proposal=proposal,
        number=4,
        kind=ItemKind.SENIOR,
        cohort_size=12,
        cohort_count=1,
        start_date=None,
        cadence_months=None,
        session_days=2,
    )
    second.target_agencies.set([agency_b])
    accept(training_item)
    accept(first)
    accept(second)

    a = Session.objects.get(item_key=first.key)
    b = Session.objects.get(item_key=second.key)
    assert (a.start, a.end) == (D(2009, 10, 23), D(2009, 10, 26))  # Friday, then Monday
    assert b.planned == D(2009, 10, 27)
    assert (b.start, b.capacity) == (D(2009, 10, 27), 12)


def test_regenerating_twice_changes_nothing_and_writes_no_audit(calendar, coordinator, program):
    before = {s.pk: (s.uid, s.sequence, s.updated_at) for s in Session.objects.all()}
    audits = AuditEntry.objects.filter(action="calendar.regenerate").count()

    report = regenerate_sessions(program=program, actor=coordinator)

    assert len(report.unchanged) == 6
    assert not report.changed
    assert {s.pk: (s.uid, s.sequence, s.updated_at) for s in Session.objects.all()} == before
    assert AuditEntry.objects.filter(action="calendar.regenerate").count() == audits


def test_the_first_regeneration_writes_an_audit_entry(training_item, accept, coordinator, program):
    accept(training_item)

    entry = AuditEntry.objects.filter(action="calendar.regenerate").get()
    assert entry.object_id == str(program.pk)
    assert entry.actor == coordinator
    assert sorted(entry.changes["created"]) == sorted(s.uid for s in Session.objects.all())


def test_rejecting_an_item_removes_its_empty_sessions(calendar, training_item, senior_item, accept):
    accept(training_item, "rejected")

    assert not Session.objects.filter(item_key=training_item.key).exists()
    assert Session.objects.filter(item_key=senior_item.key).count() == 2


def test_amending_the_cohort_size_updates_the_sessions_in_place(calendar, training_item, accept):
    before = {s.cohort: (s.pk, s.uid, s.sequence) for s in training_sessions(training_item)}

    accept(training_item, "amended", cohort_size=40)

    after = training_sessions(training_item)
    assert {s.cohort: (s.pk, s.uid) for s in after} == {c: v[:2] for c, v in before.items()}
    assert {s.capacity for s in after} == {40}
    assert all(s.sequence == before[s.cohort][2] + 1 for s in after)


def test_amending_the_cadence_moves_the_sessions_in_place(calendar, training_item, accept):
    before = {s.cohort: (s.pk, s.uid, s.sequence) for s in training_sessions(training_item)}

    accept(training_item, "amended", cadence_months=2)

    after = {s.cohort: s for s in training_sessions(training_item)}
    assert {c: (s.pk, s.uid) for c, s in after.items()} == {c: v[:2] for c, v in before.items()}
    assert [after[c].planned for c in (1, 2, 3, 4)] == [
        D(2009, 10, 23),
        D(2009, 12, 23),
        D(2010, 2, 23),
        D(2010, 4, 23),
    ]
    assert after[1].sequence == before[1][2]  # the first cohort did not move
    assert all(after[c].sequence == before[c][2] + 1 for c in (2, 3, 4))


def test_fewer_cohorts_drop_the_last_ones_more_cohorts_add_new_ones(
    calendar, training_item, accept
):
    kept = {s.cohort: s.uid for s in training_sessions(training_item)}

    accept(training_item, "amended", cohort_count=2)
    assert [s.cohort for s in training_sessions(training_item)] == [1, 2]

    accept(training_item, "amended", cohort_count=5)
    sessions = training_sessions(training_item)
    assert [s.cohort for s in sessions] == [1, 2, 3, 4, 5]
    assert [s.uid for s in sessions[:2]] == [kept[1], kept[2]]
    assert sessions[2].uid != kept[3]  # a removed session is a new one when it comes back


def test_a_session_with_participants_is_not_moved_without_confirmation(
    cohort, training_item, accept, coordinator, official_a, program
):
    SessionParticipant.objects.create(session=cohort, official=official_a)
    start, sequence = cohort.start, cohort.sequence

    accept(training_item, "amended", cadence_months=2)

    cohort.refresh_from_db()
    assert (cohort.start, cohort.sequence) == (start, sequence)
    assert cohort.pending["action"] == "move"
    assert cohort.pending["start"] == "2009-12-23"
    report = regenerate_sessions(program=program, actor=coordinator)
    assert [(c.session_id, c.detail, c.proposed_start) for c in report.blocked] == [
        (cohort.pk, "move", D(2009, 12, 23))
    ]
    # The other cohorts (without participants) moved.
    assert Session.objects.get(item_key=training_item.key, cohort=3).start == D(2010, 2, 23)


def test_confirming_applies_the_held_back_move(
    cohort, training_item, accept, coordinator, official_a, program
):
    SessionParticipant.objects.create(session=cohort, official=official_a)
    accept(training_item, "amended", cadence_months=2)
    sequence = cohort.sequence

    report = regenerate_sessions(program=program, actor=coordinator, confirm=True)

    cohort.refresh_from_db()
    assert cohort.start == D(2009, 12, 23)
    assert cohort.pending is None
    assert cohort.sequence == sequence + 1
    assert cohort.participants.count() == 1
    assert [c.session_id for c in report.updated] == [cohort.pk]


def test_a_session_with_participants_is_not_dropped_without_confirmation(
    cohort, training_item, accept, coordinator, official_a, program
):
    SessionParticipant.objects.create(session=cohort, official=official_a)

    accept(training_item, "rejected")

    assert list(Session.objects.filter(item_key=training_item.key)) == [cohort]
    cohort.refresh_from_db()
    assert cohort.pending == {"action": "drop"}

    report = regenerate_sessions(program=program, actor=coordinator, confirm=True)

    assert [c.session_id for c in report.deleted] == [cohort.pk]
    assert not Session.objects.filter(item_key=training_item.key).exists()
    assert not SessionParticipant.objects.exists()


def test_accepting_again_clears_a_pending_removal(cohort, training_item, accept, official_a):
    SessionParticipant.objects.create(session=cohort, official=official_a)
    accept(training_item, "rejected")

    accept(training_item)

    cohort.refresh_from_db()
    assert cohort.pending is None
    assert Session.objects.filter(item_key=training_item.key).count() == 4


def test_a_capacity_the_coordinator_set_survives_until_the_cohort_size_changes(
    cohort, training_item, accept, coordinator, program
):
    Session.objects.filter(pk=cohort.pk).update(capacity=30)

    regenerate_sessions(program=program, actor=coordinator)
    cohort.refresh_from_db()
    assert cohort.capacity == 30

    accept(training_item, "amended", cohort_size=45)
    cohort.refresh_from_db()
    assert cohort.capacity == 45


def test_program_and_venue_blackouts_move_sessions(calendar, training_item, coordinator, program):
    venue = Venue.objects.create(program=program, name="Sede", city="Ciudad de México")
    first = Session.objects.get(item_key=training_item.key, cohort=1)
    Session.objects.filter(pk=first.pk).update(venue=venue)
    BlackoutDate.objects.create(
        program=program, venue=venue, date=D(2009, 10, 23), reason_en="Closed", reason_es="Cerrado"
    )
    BlackoutDate.objects.create(
        program=program, date=D(2010, 4, 23), reason_en="Program break", reason_es="Receso"
    )

    regenerate_sessions(program=program, actor=coordinator)

    first.refresh_from_db()
    third = Session.objects.get(item_key=training_item.key, cohort=3)
    assert first.start == D(2009, 10, 26)
    assert first.move["skipped"][0]["blackout"] == {"es": "Cerrado", "en": "Closed"}
    assert third.start == D(2010, 4, 26)
    assert "a blackout date" in third.reason_en


def test_a_program_start_date_places_an_undated_senior_item(proposal, accept, agency_a, program):
    program.start_date = D(2009, 9, 1)
    program.save()
    item = ProposalItemFactory(
        proposal=proposal,
        number=3,
        kind=ItemKind.SENIOR,
        cohort_size=None,
        cohort_count=1,
        start_date=None,
        cadence_months=None,
        session_days=1,
    )
    item.target_agencies.set([agency_a])

    accept(item)

    assert Session.objects.get(item_key=item.key).start == D(2009, 9, 1)


def test_an_item_without_any_date_is_reported_unscheduled(
    proposal, agency_a, coordinator, program, accept
):
    item = ProposalItemFactory(
        proposal=proposal,
        number=3,
        kind=ItemKind.SENIOR,
        cohort_size=None,
        cohort_count=1,
        start_date=None,
        cadence_months=None,
        session_days=1,
    )
    item.target_agencies.set([agency_a])
    accept(item)

    with translation.override("en"):
        report = regenerate_sessions(program=program, actor=coordinator)

    assert not Session.objects.exists()
    assert [c.item_number for c in report.unscheduled] == [3]
    assert "no start date" in report.unscheduled[0].detail


def test_conference_items_make_no_sessions(proposal, accept):
    item = ProposalItemFactory(
        proposal=proposal,
        number=9,
        kind=ItemKind.CONFERENCE,
        cohort_size=None,
        cohort_count=None,
        start_date=None,
        cadence_months=None,
        session_days=None,
    )
    accept(item)

    assert not Session.objects.exists()


@pytest.mark.parametrize("user", ["liaison_a", "partner", "auditor", "outsider"])
def test_only_coordinators_regenerate(user, request, calendar, program):
    actor = request.getfixturevalue(user)
    Session.objects.update(capacity=7, planned_capacity=7)

    with pytest.raises(PermissionDenied):
        regenerate_sessions(program=program, actor=actor, confirm=True)

    assert set(Session.objects.values_list("capacity", flat=True)) == {7}


def test_a_revised_proposal_version_keeps_the_sessions_and_their_uids(
    calendar, proposal, partner, training_item, senior_item
):
    from nonprolif.program.domain import revise_proposal

    before = {s.uid: (s.pk, s.sequence) for s in Session.objects.all()}

    new = revise_proposal(proposal=proposal, actor=partner)

    after = list(Session.objects.all())
    assert {s.uid: (s.pk, s.sequence) for s in after} == before
    new_items = set(new.items.values_list("pk", flat=True))
    assert {s.item_id for s in after} <= new_items


def test_a_partner_revision_that_drops_an_item_removes_its_empty_sessions(
    calendar, proposal, partner, training_item, senior_item
):
    from nonprolif.program.domain import revise_proposal

    revise_proposal(proposal=proposal, actor=partner, items=[{"key": senior_item.key}])

    assert not Session.objects.filter(item_key=training_item.key).exists()
    assert Session.objects.filter(item_key=senior_item.key).count() == 2
