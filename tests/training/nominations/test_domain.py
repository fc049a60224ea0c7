"""Seats, nominations, approval, withdrawal, substitution and the assignment services."""

import datetime

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from nonprolif.core.models import AuditEntry
from nonprolif.planning.assignment import NO_ELIGIBLE_SESSION, QUOTA_FULL, SEATS_USED_BY_OTHERS
from nonprolif.training.models import SessionParticipant
from nonprolif.training.models.nomination import (
    AgencySeats,
    AssignmentRun,
    Nomination,
    NominationStatus,
)
from nonprolif.training.nominations.domain.assignment import run_assignment
from nonprolif.training.nominations.domain.nominations import (
    NominationInput,
    decide_nomination,
    nominate,
    substitute_nomination,
    withdraw_nomination,
)
from nonprolif.training.nominations.domain.seats import (
    apply_seat_rule,
    save_item_settings,
    set_agency_seats,
    split_seats,
)

# ------------------------------------------------------------------------------ seats


def test_even_split_gives_the_remainder_to_agencies_in_code_order():
    assert split_seats(10, ["SSP", "CISEN", "PGR"], "even") == {"CISEN": 4, "PGR": 3, "SSP": 3}
    assert split_seats(200, [f"A{n}" for n in range(8)], "even") == {f"A{n}": 25 for n in range(8)}


def test_proportional_split_uses_largest_remainders_and_sums_to_the_total():
    seats = split_seats(10, ["AAA", "BBB", "CCC"], "proportional", {"AAA": 2, "BBB": 1, "CCC": 1})
    assert seats == {"AAA": 5, "BBB": 3, "CCC": 2}
    assert sum(seats.values()) == 10


def test_proportional_split_names_bad_weights():
    with pytest.raises(ValidationError) as error:
        split_seats(10, ["AAA"], "proportional", {"ZZZ": 1})
    assert "weights" in error.value.message_dict
    with pytest.raises(ValidationError):
        split_seats(10, ["AAA"], "proportional", {"AAA": 0})


def test_coordinator_splits_the_training_seats_evenly(coordinator, program, training):
    apply_seat_rule(actor=coordinator, program=program, item=training, rule="even")
    seats = dict(
        AgencySeats.objects.filter(item_key=training.key).values_list("agency__code", "seats")
    )
    assert seats == {"AAA": 100, "BBB": 100}
    assert AuditEntry.objects.filter(action="agencyseats.set").count() == 2


def test_setting_the_same_seats_again_writes_nothing(coordinator, program, training):
    set_agency_seats(actor=coordinator, program=program, item=training, seats={"AAA": 3})
    count = AuditEntry.objects.count()
    set_agency_seats(actor=coordinator, program=program, item=training, seats={"AAA": 3})
    assert AuditEntry.objects.count() == count


def test_seats_for_an_agency_outside_the_item_are_refused(coordinator, program, senior, agency_a):
    with pytest.raises(ValidationError) as error:
        set_agency_seats(actor=coordinator, program=program, item=senior, seats={"PTR": 3})
    assert "seats.PTR" in error.value.message_dict
    assert not AgencySeats.objects.exists()


def test_a_liaison_cannot_set_seats(liaison_a, program, training):
    with pytest.raises(PermissionDenied):
        set_agency_seats(actor=liaison_a, program=program, item=training, seats={"AAA": 3})
    assert not AgencySeats.objects.exists()


# ------------------------------------------------------------------------------ nominations


def test_liaison_nominates_an_official_of_his_agency(liaison_a, program, training, official_a):
    nomination = nominate(
        actor=liaison_a,
        program=program,
        item=training,
        data=NominationInput(
            official=official_a, unavailable=[["2010-01-20", "2010-01-29"]], preferences=[2, 1]
        ),
    )
    assert nomination.status == NominationStatus.SUBMITTED
    assert nomination.agency == official_a.agency
    assert nomination.submitted_by == liaison_a
    assert nomination.unavailable == [["2010-01-20", "2010-01-29"]]
    assert AuditEntry.objects.filter(action="nomination.submit", object_id=nomination.pk).exists()


def test_liaison_cannot_nominate_another_agencys_official(liaison_a, program, training, official_b):
    with pytest.raises(PermissionDenied):
        nominate(actor=liaison_a, program=program, item=training, data=NominationInput(official_b))
    assert not Nomination.objects.exists()


def test_senior_sessions_accept_only_senior_officials(
    liaison_a, program, senior, official_a, senior_official_a
):
    with pytest.raises(ValidationError) as error:
        nominate(actor=liaison_a, program=program, item=senior, data=NominationInput(official_a))
    assert "senior" in error.value.message_dict["official"][0]
    nominate(actor=liaison_a, program=program, item=senior, data=NominationInput(senior_official_a))
    assert Nomination.objects.get().official == senior_official_a


def test_nominations_are_refused_outside_the_window(
    coordinator, liaison_a, program, training, official_a
):
    save_item_settings(
        actor=coordinator,
        program=program,
        item=training,
        nomination_closes=timezone.now() - datetime.timedelta(days=1),
    )
    with pytest.raises(ValidationError) as error:
        nominate(actor=liaison_a, program=program, item=training, data=NominationInput(official_a))
    assert "closed" in error.value.message_dict["__all__"][0]
    assert not Nomination.objects.exists()


def test_an_official_is_nominated_once_per_item_and_preferences_name_cohorts(
    liaison_a, program, training, official_a
):
    nominate(actor=liaison_a, program=program, item=training, data=NominationInput(official_a))
    with pytest.raises(ValidationError) as error:
        nominate(actor=liaison_a, program=program, item=training, data=NominationInput(official_a))
    assert "already nominated" in error.value.message_dict["official"][0]
    with pytest.raises(ValidationError) as error:
        nominate(
            actor=liaison_a,
            program=program,
            item=training,
            data=NominationInput(official=None, preferences=[5]),
        )
    assert set(error.value.message_dict) == {"official", "preferences"}


def test_approval_is_two_stage_and_a_decline_needs_a_reason(
    coordinator, liaison_a, program, training, official_a
):
    nomination = nominate(
        actor=liaison_a, program=program, item=training, data=NominationInput(official_a)
    )
    with pytest.raises(PermissionDenied):
        decide_nomination(actor=liaison_a, nomination=nomination, decision="approved")
    with pytest.raises(ValidationError) as error:
        decide_nomination(actor=coordinator, nomination=nomination, decision="declined")
    assert "reason" in error.value.message_dict
    nomination.refresh_from_db()
    assert nomination.status == NominationStatus.SUBMITTED
    decide_nomination(actor=coordinator, nomination=nomination, decision="approved")
    nomination.refresh_from_db()
    assert nomination.status == NominationStatus.APPROVED
    assert nomination.decided_by == coordinator
    assert nomination.decided_at is not None
    with pytest.raises(ValidationError):
        decide_nomination(actor=coordinator, nomination=nomination, decision="declined", reason="x")


# ------------------------------------------------------------------------------ assignment


@pytest.fixture
def small_program(program, training, coordinator, agency_a, agency_b, officials_of, cohort):
    """Cohorts of 2 seats; 5 nominees of AAA (quota 4) and 3 of BBB (quota 4)."""
    from nonprolif.training.models import Session

    Session.objects.filter(item_key=training.key).update(capacity=2)
    set_agency_seats(actor=coordinator, program=program, item=training, seats={"AAA": 4, "BBB": 4})
    return officials_of(agency_a, 5), officials_of(agency_b, 3)


def test_over_subscribed_item_leaves_nominees_out_with_reasons(
    coordinator, program, training, small_program, make_nomination
):
    aaa, bbb = small_program
    noms = [make_nomination(o, training, minute=n) for n, o in enumerate(aaa + bbb)]
    plan = run_assignment(actor=coordinator, program=program)
    assert plan.assigned == 7  # 4 of AAA (quota) + 3 of BBB, 8 seats
    left = {lo.nomination.pk: lo for lo in plan.left_out}
    assert set(left) == {noms[4].pk}
    assert left[noms[4].pk].code == QUOTA_FULL
    noms[4].refresh_from_db()
    assert noms[4].session is None
    assert noms[4].outcome_code == QUOTA_FULL
    assert noms[4].waitlist_rank == 1
    assert SessionParticipant.objects.count() == 7
    assert AssignmentRun.objects.count() == 1


def test_nominee_unavailable_for_every_cohort_gets_a_reason_not_an_exception(
    coordinator, program, training, small_program, make_nomination
):
    aaa, _bbb = small_program
    nomination = make_nomination(aaa[0], training, unavailable=[["2009-01-01", "2011-01-01"]])
    plan = run_assignment(actor=coordinator, program=program)
    assert plan.assigned == 0
    [left] = plan.left_out
    assert left.nomination == nomination
    assert left.code == NO_ELIGIBLE_SESSION
    assert "unavailable" in left.reason


def test_dry_run_writes_nothing(coordinator, program, training, small_program, make_nomination):
    aaa, _bbb = small_program
    make_nomination(aaa[0], training)
    audit = AuditEntry.objects.count()
    plan = run_assignment(actor=coordinator, program=program, dry_run=True)
    assert plan.assigned == 1
    assert not SessionParticipant.objects.exists()
    assert not AssignmentRun.objects.exists()
    assert AuditEntry.objects.count() == audit
    assert Nomination.objects.get().session is None


def test_only_the_coordinator_runs_the_assignment(liaison_a, program, small_program):
    with pytest.raises(PermissionDenied):
        run_assignment(actor=liaison_a, program=program)


def test_senior_sessions_hold_only_seniors_of_their_agency(
    coordinator, program, senior, agency_a, agency_b, officials_of, make_nomination
):
    seniors_a = officials_of(agency_a, 2, senior=True)
    seniors_b = officials_of(agency_b, 2, senior=True)
    for n, official in enumerate(seniors_a + seniors_b):
        make_nomination(official, senior, minute=n)
    run_assignment(actor=coordinator, program=program)
    for participant in SessionParticipant.objects.select_related("session", "official"):
        assert participant.official.is_senior
        assert participant.official.agency_id == participant.session.audience_agency_id
    assert SessionParticipant.objects.count() == 4


def test_withdrawal_promotes_the_first_waitlisted_nominee_and_emails_both_in_their_languages(
    coordinator, liaison_a, program, training, small_program, make_nomination
):
    aaa, _bbb = small_program
    for official in aaa:
        official.language = "es-mx"
        official.save()
    aaa[4].language = "en"
    aaa[4].save()
    # Quota AAA 4: aaa[4] waits (first in line); make BBB's third wait too by a later time.
    noms = [make_nomination(o, training, minute=n) for n, o in enumerate(aaa)]
    run_assignment(actor=coordinator, program=program)
    noms[4].refresh_from_db()
    assert noms[4].session is None
    assert noms[4].waitlist_rank == 1
    noms[1].refresh_from_db()
    seat = noms[1].session
    assert seat is not None

    withdraw_nomination(actor=liaison_a, nomination=noms[1], reason="Illness")

    noms[1].refresh_from_db()
    noms[4].refresh_from_db()
    assert noms[1].status == NominationStatus.WITHDRAWN
    assert noms[1].withdrawn_by == liaison_a
    assert noms[1].withdrawn_at is not None
    assert not SessionParticipant.objects.filter(official=aaa[1]).exists()
    assert noms[4].session is not None
    assert SessionParticipant.objects.filter(official=aaa[4], session=noms[4].session).exists()
    assert len(mail.outbox) == 2
    by_address = {message.to[0]: message for message in mail.outbox}
    # Each in the official's language (the item's title in it; UI strings follow the
    # catalogues): Spanish for the withdrawn one, English for the promoted one.
    assert "Calendario de capacitación" in by_address[aaa[1].email].subject
    assert "Training calendar" in by_address[aaa[4].email].subject
    assert aaa[4].full_name in by_address[aaa[4].email].body
    assert AuditEntry.objects.filter(action="nomination.withdraw").count() == 1
    assert AssignmentRun.objects.filter(trigger="withdrawal").count() == 1


def test_a_withdrawal_is_saved_when_the_mail_server_cannot_be_reached(
    coordinator, liaison_a, program, training, small_program, make_nomination, settings
):
    """The re-plan's e-mails fail (no SMTP server): the withdrawal stands, no 500."""
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", 9  # the discard port: refused
    aaa, _bbb = small_program
    noms = [make_nomination(o, training, minute=n) for n, o in enumerate(aaa)]
    run_assignment(actor=coordinator, program=program)
    withdraw_nomination(actor=liaison_a, nomination=noms[1], reason="Illness")
    noms[1].refresh_from_db()
    noms[4].refresh_from_db()
    assert noms[1].status == NominationStatus.WITHDRAWN
    assert noms[4].session is not None


def test_withdrawal_before_any_assignment_only_changes_the_status(
    liaison_a, program, training, official_a, make_nomination
):
    nomination = make_nomination(official_a, training)
    withdraw_nomination(actor=liaison_a, nomination=nomination, reason="Moved")
    nomination.refresh_from_db()
    assert nomination.status == NominationStatus.WITHDRAWN
    assert not mail.outbox


def test_other_agency_liaison_cannot_withdraw(
    liaison_b, program, training, official_a, make_nomination
):
    nomination = make_nomination(official_a, training)
    with pytest.raises(PermissionDenied):
        withdraw_nomination(actor=liaison_b, nomination=nomination)
    nomination.refresh_from_db()
    assert nomination.status == NominationStatus.APPROVED


def test_substitute_inherits_the_waitlist_order_and_awaits_approval_then_takes_the_seat(
    coordinator,
    liaison_a,
    program,
    training,
    small_program,
    make_nomination,
    officials_of,
    agency_a,
):
    aaa, _bbb = small_program
    noms = [make_nomination(o, training, minute=n) for n, o in enumerate(aaa)]
    run_assignment(actor=coordinator, program=program)
    noms[0].refresh_from_db()
    seat = noms[0].session
    [newcomer] = officials_of(agency_a, 1)

    substitute = substitute_nomination(
        actor=liaison_a, nomination=noms[0], data=NominationInput(newcomer), reason="Transferred"
    )

    noms[0].refresh_from_db()
    assert noms[0].status == NominationStatus.SUBSTITUTED
    assert noms[0].withdrawn_by == liaison_a
    assert substitute.status == NominationStatus.SUBMITTED
    assert substitute.order_at == noms[0].order_at
    assert substitute.substitute_for == noms[0]
    assert not SessionParticipant.objects.filter(official=aaa[0]).exists()

    decide_nomination(actor=coordinator, nomination=substitute, decision="approved")
    substitute.refresh_from_db()
    assert substitute.session == seat
    assert SessionParticipant.objects.filter(official=newcomer, session=seat).exists()


def test_substitute_must_be_of_the_same_agency(
    liaison_a, coordinator, program, training, official_a, official_b, make_nomination
):
    nomination = make_nomination(official_a, training)
    with pytest.raises(ValidationError) as error:
        substitute_nomination(
            actor=coordinator, nomination=nomination, data=NominationInput(official_b)
        )
    assert "official" in error.value.message_dict
    nomination.refresh_from_db()
    assert nomination.status == NominationStatus.APPROVED


def test_assignment_is_reproducible_and_a_second_run_moves_nobody(
    coordinator, program, training, small_program, make_nomination
):
    aaa, bbb = small_program
    for n, official in enumerate(aaa + bbb):
        make_nomination(official, training, minute=n, preferences=[(n % 4) + 1])
    first = run_assignment(actor=coordinator, program=program).as_json()
    placed = set(SessionParticipant.objects.values_list("session_id", "official_id"))
    second = run_assignment(actor=coordinator, program=program).as_json()
    assert first["sessions"] == second["sessions"]
    assert second["objective"]["moved"] == 0
    assert set(SessionParticipant.objects.values_list("session_id", "official_id")) == placed


def test_full_sessions_leave_the_latest_nominees_out(
    coordinator, program, training, small_program, make_nomination, agency_b, officials_of
):
    aaa, bbb = small_program
    extra = officials_of(agency_b, 3)
    noms = [make_nomination(o, training, minute=n) for n, o in enumerate(aaa[:4] + bbb + extra)]
    set_agency_seats(actor=coordinator, program=program, item=training, seats={"BBB": 10})
    plan = run_assignment(actor=coordinator, program=program)
    assert plan.assigned == 8
    codes = {lo.nomination.pk: lo.code for lo in plan.left_out}
    assert set(codes) == {n.pk for n in noms[-2:]}
    assert set(codes.values()) == {SEATS_USED_BY_OTHERS}
