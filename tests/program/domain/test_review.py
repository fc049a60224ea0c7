"""The review services: decisions, history, closing, revisions, the signal and the plans."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import translation

from nonprolif.core.models import AuditEntry
from nonprolif.program.domain import (
    close_review,
    create_item,
    decide_all,
    decide_item,
    reopen_review,
    revise_proposal,
    update_item,
)
from nonprolif.program.models import (
    ItemDecision,
    ItemStatus,
    Proposal,
    ProposalItem,
    ProposalStatus,
)
from nonprolif.program.queries import accepted_item_plans
from nonprolif.program.signals import review_changed
from tests.factories import ProposalFactory, ProposalItemFactory


@pytest.fixture
def signals():
    """The ``review_changed`` signals sent during the test, as (program, actor) pairs."""
    sent = []

    def receiver(sender, program, actor, **kwargs):
        sent.append((program, actor))

    review_changed.connect(receiver, dispatch_uid="test-review-changed")
    yield sent
    review_changed.disconnect(dispatch_uid="test-review-changed")


# Decisions and history ----------------------------------------------------------------------


def test_coordinator_accepts_an_item_and_it_becomes_its_current_decision(
    coordinator, item_all, signals
):
    row = decide_item(item=item_all, decision="accepted", actor=coordinator)
    assert row.actor == coordinator
    assert row.at is not None
    assert item_all.current_decision == row
    assert item_all.status == ItemStatus.ACCEPTED
    assert signals == [(item_all.proposal.program, coordinator)]
    entry = AuditEntry.objects.get(action="proposalitem.decide")
    assert entry.object_id == str(item_all.pk)
    assert entry.changes["decision"] == [None, "accepted"]


def test_revised_decisions_keep_the_history(coordinator, item_all):
    first = decide_item(item=item_all, decision="accepted", actor=coordinator)
    second = decide_item(
        item=item_all, decision="rejected", actor=coordinator, rationale="No budget."
    )
    assert list(item_all.decisions.order_by("-at", "-pk")) == [second, first]
    assert item_all.status == ItemStatus.REJECTED


def test_amendment_records_the_changed_values_and_target_agencies(coordinator, item_all, agency_b):
    row = decide_item(
        item=item_all,
        decision="amended",
        actor=coordinator,
        rationale="Smaller groups.",
        amendments={"cohort_size": 40, "cadence_months": 2, "target_agencies": [agency_b]},
    )
    row.refresh_from_db()
    assert row.amended_values() == {"cohort_size": 40, "cadence_months": 2}
    assert row.amends_target_agencies
    assert list(row.target_agencies.all()) == [agency_b]
    assert item_all.status == ItemStatus.AMENDED


@pytest.mark.parametrize(
    ("decision", "rationale", "amendments", "field"),
    [
        ("rejected", "", None, "rationale"),
        ("amended", "", {"cohort_size": 40}, "rationale"),
        ("amended", "Why", {}, "amendments"),
        ("amended", "Why", {"cohort_size": 50}, "amendments"),
        ("amended", "Why", {"cadence_months": 0}, "cadence_months"),
        ("amended", "Why", {"cohort_size": 0}, "cohort_size"),
        ("amended", "Why", {"start_date": datetime.date(2009, 8, 1)}, "start_date"),
        ("maybe", "", None, "decision"),
    ],
)
def test_bad_decisions_name_the_field_and_write_nothing(
    coordinator, item_all, signals, decision, rationale, amendments, field
):
    with pytest.raises(ValidationError) as caught:
        decide_item(
            item=item_all,
            decision=decision,
            actor=coordinator,
            rationale=rationale,
            amendments=amendments,
        )
    assert field in caught.value.message_dict
    assert ItemDecision.objects.count() == 0
    assert not AuditEntry.objects.filter(action="proposalitem.decide").exists()
    assert signals == []


def test_amended_start_before_the_program_start_says_so(coordinator, item_all, program):
    program.start_date = datetime.date(2009, 10, 1)
    program.save()
    with translation.override("en"), pytest.raises(ValidationError) as caught:
        decide_item(
            item=item_all,
            decision="amended",
            actor=coordinator,
            rationale="Earlier",
            amendments={"start_date": datetime.date(2009, 9, 15)},
        )
    assert "program starts (2009-10-01)" in caught.value.message_dict["start_date"][0]


def test_amending_several_cohorts_needs_a_cadence(coordinator, item_for_a):
    with pytest.raises(ValidationError) as caught:
        decide_item(
            item=item_for_a,
            decision="amended",
            actor=coordinator,
            rationale="Two groups",
            amendments={"cohort_count": 2},
        )
    assert "cadence_months" in caught.value.message_dict


@pytest.mark.parametrize("user", ["partner", "liaison_a", "auditor", "outsider"])
def test_only_coordinators_decide(request, item_all, user):
    with pytest.raises(PermissionDenied):
        decide_item(item=item_all, decision="accepted", actor=request.getfixturevalue(user))
    assert ItemDecision.objects.count() == 0


# Accept all, close ----------------------------------------------------------------------------


def test_accept_all_decides_only_items_awaiting_review(
    coordinator, proposal, item_all, item_for_a, signals
):
    decide_item(item=item_for_a, decision="rejected", actor=coordinator, rationale="No.")
    signals.clear()
    rows = decide_all(proposal=proposal, decision="accepted", actor=coordinator)
    assert [row.item for row in rows] == [item_all]
    assert item_for_a.status == ItemStatus.REJECTED
    assert len(signals) == 1
    assert decide_all(proposal=proposal, decision="accepted", actor=coordinator) == []
    assert len(signals) == 1


def test_closed_review_refuses_decisions_until_reopened(coordinator, proposal, item_all):
    decide_item(item=item_all, decision="accepted", actor=coordinator)
    close_review(proposal=proposal, actor=coordinator)
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.CLOSED
    with pytest.raises(ValidationError):
        decide_item(item=item_all, decision="rejected", actor=coordinator, rationale="x")
    assert ItemDecision.objects.count() == 1
    reopen_review(proposal=proposal, actor=coordinator)
    decide_item(item=item_all, decision="rejected", actor=coordinator, rationale="x")
    assert item_all.status == ItemStatus.REJECTED


def test_closing_needs_every_item_decided(coordinator, proposal, item_all, item_for_a):
    decide_item(item=item_all, decision="accepted", actor=coordinator)
    with pytest.raises(ValidationError) as caught:
        close_review(proposal=proposal, actor=coordinator)
    assert "2" in caught.value.messages[0]
    proposal.refresh_from_db()
    assert proposal.review_closed_at is None


# Derived status ------------------------------------------------------------------------------


def _status(proposal):
    return Proposal.objects.get(pk=proposal.pk).status


def test_proposal_status_follows_the_items(coordinator, proposal, item_all, item_for_a):
    assert _status(proposal) == ProposalStatus.UNDER_REVIEW
    decide_item(item=item_all, decision="accepted", actor=coordinator)
    assert _status(proposal) == ProposalStatus.UNDER_REVIEW
    decide_item(item=item_for_a, decision="rejected", actor=coordinator, rationale="No.")
    assert _status(proposal) == ProposalStatus.PARTLY_ACCEPTED
    decide_item(
        item=item_for_a,
        decision="amended",
        actor=coordinator,
        rationale="Ok.",
        amendments={"cohort_size": 12},
    )
    assert _status(proposal) == ProposalStatus.ACCEPTED
    decide_all(
        proposal=proposal,
        decision="rejected",
        actor=coordinator,
        rationale="No.",
        only_awaiting=False,
    )
    assert _status(proposal) == ProposalStatus.REJECTED
    close_review(proposal=proposal, actor=coordinator)
    assert _status(proposal) == ProposalStatus.CLOSED
    assert Proposal.objects.get(pk=proposal.pk).outcome == ProposalStatus.REJECTED


# Revisions -----------------------------------------------------------------------------------


def test_revision_carries_items_over_with_their_keys_and_unchanged_decisions(
    coordinator, partner, proposal, item_all, item_for_a, signals
):
    decide_item(item=item_all, decision="accepted", actor=coordinator)
    decide_item(item=item_for_a, decision="accepted", actor=coordinator)
    signals.clear()
    new = revise_proposal(
        proposal=proposal,
        actor=partner,
        submitted_on=datetime.date(2009, 9, 15),
        items=[
            {"key": item_all.key},
            {"key": item_for_a.key, "cohort_size": 12},
            {"kind": "other", "title_es": "Nuevo", "title_en": "New"},
        ],
    )
    assert new.version == 2
    carried_all, carried_a, added = new.items.order_by("number")
    assert carried_all.key == item_all.key
    assert carried_a.key == item_for_a.key
    assert added.number == 3
    assert carried_all.status == ItemStatus.ACCEPTED
    assert carried_all.current_decision.carried_from == item_all.current_decision
    assert carried_a.status == ItemStatus.AWAITING
    assert added.status == ItemStatus.AWAITING
    assert signals == [(proposal.program, partner)]
    assert item_for_a.status == ItemStatus.ACCEPTED  # version 1 keeps its decisions


def test_revision_of_a_superseded_version_is_refused(partner, proposal, item_all):
    revise_proposal(proposal=proposal, actor=partner, submitted_on=datetime.date(2009, 9, 1))
    with pytest.raises(ValidationError):
        revise_proposal(proposal=proposal, actor=partner, submitted_on=datetime.date(2009, 9, 2))
    assert Proposal.objects.count() == 2


def test_revision_errors_name_the_item_and_field(partner, proposal, item_all):
    with pytest.raises(ValidationError) as caught:
        revise_proposal(
            proposal=proposal,
            actor=partner,
            submitted_on=datetime.date(2009, 9, 1),
            items=[
                {"key": item_all.key, "cadence_months": 0, "start_date": datetime.date(2009, 8, 1)}
            ],
        )
    assert set(caught.value.message_dict) == {"items.1.cadence_months", "items.1.start_date"}
    assert Proposal.objects.count() == 1
    assert ProposalItem.objects.count() == 1


# Plans ---------------------------------------------------------------------------------------


def test_accepted_item_plans_apply_amendments_and_skip_rejected_and_superseded(
    coordinator, partner, proposal, item_all, item_for_a, agency_b
):
    decide_item(
        item=item_all,
        decision="amended",
        actor=coordinator,
        rationale="Smaller",
        amendments={"cohort_size": 40, "target_agencies": [agency_b]},
    )
    decide_item(item=item_for_a, decision="rejected", actor=coordinator, rationale="No")
    (plan,) = accepted_item_plans(proposal.program)
    assert plan.item_id == item_all.pk
    assert plan.item_key == item_all.key
    assert (plan.cohort_size, plan.cohort_count, plan.cadence_months) == (40, 4, 3)
    assert plan.target_agency_codes == ("BBB",)
    new = revise_proposal(proposal=proposal, actor=partner, submitted_on=datetime.date(2009, 9, 1))
    (plan,) = accepted_item_plans(proposal.program)
    assert plan.item_id == new.items.get(number=1).pk
    assert plan.item_key == item_all.key
    assert plan.cohort_size == 40
    assert new.items.get(number=1).status == ItemStatus.AMENDED


# The signal, once per change ------------------------------------------------------------------


def test_close_reopen_and_revise_each_send_the_signal_once(
    coordinator, partner, proposal, item_all, signals
):
    decide_item(item=item_all, decision="accepted", actor=coordinator)
    close_review(proposal=proposal, actor=coordinator)
    reopen_review(proposal=proposal, actor=coordinator)
    revise_proposal(proposal=proposal, actor=partner, submitted_on=datetime.date(2009, 9, 1))
    assert signals == [
        (proposal.program, coordinator),
        (proposal.program, coordinator),
        (proposal.program, coordinator),
        (proposal.program, partner),
    ]


def test_a_failing_receiver_rolls_the_decision_back(coordinator, item_all):
    def broken(sender, **kwargs):
        raise RuntimeError("calendar down")

    review_changed.connect(broken, dispatch_uid="test-broken")
    try:
        with pytest.raises(RuntimeError):
            decide_item(item=item_all, decision="accepted", actor=coordinator)
    finally:
        review_changed.disconnect(dispatch_uid="test-broken")
    assert ItemDecision.objects.count() == 0


# Items lock once decided ----------------------------------------------------------------------


def test_a_decided_item_can_no_longer_be_edited(coordinator, partner, item_all):
    decide_item(item=item_all, decision="accepted", actor=coordinator)
    with pytest.raises(ValidationError) as caught:
        update_item(actor=partner, item=item_all, cohort_size=10)
    assert "__all__" in caught.value.message_dict
    item_all.refresh_from_db()
    assert item_all.cohort_size == 50


def test_no_new_item_once_the_review_is_closed(coordinator, partner, proposal, item_all):
    decide_item(item=item_all, decision="accepted", actor=coordinator)
    close_review(proposal=proposal, actor=coordinator)
    with pytest.raises(ValidationError):
        create_item(actor=partner, proposal=proposal, kind="other", title_es="x", title_en="x")
    assert proposal.items.count() == 1


def test_a_proposed_start_before_the_submission_is_refused(partner, proposal):
    with pytest.raises(ValidationError) as caught:
        create_item(
            actor=partner,
            proposal=proposal,
            kind="training",
            title_es="x",
            title_en="x",
            start_date=datetime.date(2009, 8, 1),
        )
    assert "start_date" in caught.value.message_dict
    assert proposal.items.count() == 0


# Liaison visibility ---------------------------------------------------------------------------


def test_liaison_sees_only_accepted_items_that_concern_his_agency(
    coordinator, liaison_a, liaison_b, proposal, item_all, item_for_a, agency_b
):
    def seen(user):
        return set(ProposalItem.objects.visible_to(user).values_list("pk", flat=True))

    assert seen(liaison_a) == set()
    decide_item(item=item_all, decision="rejected", actor=coordinator, rationale="No")
    decide_item(item=item_for_a, decision="accepted", actor=coordinator)
    assert seen(liaison_a) == {item_for_a.pk}
    assert seen(liaison_b) == set()
    decide_item(
        item=item_for_a,
        decision="amended",
        actor=coordinator,
        rationale="For B instead",
        amendments={"target_agencies": [agency_b]},
    )
    assert seen(liaison_a) == set()
    assert seen(liaison_b) == {item_for_a.pk}


def test_liaison_sees_the_latest_version_only(
    coordinator, partner, liaison_a, proposal, item_all, accept
):
    accept(item_all)
    new = revise_proposal(proposal=proposal, actor=partner, submitted_on=datetime.date(2009, 9, 1))
    visible = list(ProposalItem.objects.visible_to(liaison_a))
    assert [item.proposal_id for item in visible] == [new.pk]


def test_partner_sees_items_awaiting_review(partner, item_all):
    assert list(ProposalItem.objects.visible_to(partner)) == [item_all]


# Plans across proposals -----------------------------------------------------------------------


def test_plans_are_ordered_by_proposal_then_number_in_a_fixed_number_of_queries(
    coordinator, program, proposal, item_all, item_for_a, second_partner_agency, count_queries
):
    other = ProposalFactory(program=program, submitted_by=second_partner_agency)
    other_item = ProposalItemFactory(proposal=other, number=1)
    for item in (item_for_a, item_all, other_item):
        decide_item(item=item, decision="accepted", actor=coordinator)
    queries, plans = count_queries(lambda: accepted_item_plans(program))
    assert [(p.item_id) for p in plans] == [item_all.pk, item_for_a.pk, other_item.pk]
    assert plans[1].target_agency_ids == (item_for_a.target_agencies.get().pk,)
    assert queries <= 3
