"""The ``review`` management command (``nonprolif review``): decisions for scripting."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from nonprolif.core.roles import Role
from nonprolif.program.models import ItemDecision, ItemStatus, Proposal, ProposalStatus
from nonprolif.seed.loader import builtin_document, load_program_document
from tests.factories import UserFactory


def review(*args) -> str:
    out = StringIO()
    call_command("review", *args, stdout=out)
    return out.getvalue()


@pytest.fixture
def english_coordinator(coordinator):
    coordinator.language = "en"
    coordinator.save()
    return coordinator


BASE = ("--program", "prog-test", "--as", "coordinator")


def test_accept_all_accepts_every_item_and_says_so(
    english_coordinator, proposal, item_all, item_for_a
):
    out = review(*BASE, "--accept-all")
    assert "Accepted 2 items" in out
    assert "Proposal status: Accepted." in out
    assert item_all.status == ItemStatus.ACCEPTED
    assert item_for_a.status == ItemStatus.ACCEPTED
    assert "nothing changed" in review(*BASE, "--accept-all")
    assert ItemDecision.objects.count() == 2


def test_accept_and_reject_one_item(english_coordinator, proposal, item_all, item_for_a):
    assert "Item 1 (General course): Accepted." in review(*BASE, "--accept", "1")
    out = review(*BASE, "--reject", "2", "--reason", "Not this year")
    assert "Item 2 (Session for A): Rejected." in out
    assert "Partly accepted" in out
    assert item_for_a.current_decision.rationale == "Not this year"


def test_amend_an_item(english_coordinator, proposal, item_all, agency_b):
    out = review(
        *BASE,
        "--amend", "1",
        "--cohort-size", "40",
        "--cadence", "2",
        "--start", "2009-11-02",
        "--agencies", "BBB",
        "--reason", "Smaller groups",
    )  # fmt: skip
    assert "Accepted with amendments" in out
    decision = item_all.current_decision
    assert decision.amended_values()["cohort_size"] == 40
    assert decision.amended_values()["cadence_months"] == 2
    assert [a.code for a in decision.target_agencies.all()] == ["BBB"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--accept", "9"), "has no item 9"),
        (("--accept", "one"), "not an item number"),
        (("--reject", "1"), "rationale"),
        (("--amend", "1", "--cadence", "0", "--reason", "x"), "cadence_months"),
        (("--amend", "1", "--start", "2009-01-05", "--reason", "x"), "start_date"),
        (("--amend", "1", "--start", "soon", "--reason", "x"), "start"),
        (("--amend", "1", "--reason", "x"), "amendments"),
        (("--amend", "1", "--agencies", "NOPE", "--reason", "x"), "agencies"),
        (("--accept", "1", "--cohort-size", "3"), "--amend"),
    ],
)
def test_bad_input_names_the_problem_and_changes_nothing(
    english_coordinator, proposal, item_all, args, message
):
    with pytest.raises(CommandError) as caught:
        review(*BASE, *args)
    assert message in str(caught.value)
    assert ItemDecision.objects.count() == 0


def test_unknown_program_and_user_are_errors(english_coordinator, proposal, item_all):
    with pytest.raises(CommandError, match="program"):
        review("--program", "nope", "--as", "coordinator", "--accept-all")
    with pytest.raises(CommandError, match="as"):
        review("--program", "prog-test", "--as", "nobody", "--accept-all")
    assert ItemDecision.objects.count() == 0


@pytest.mark.parametrize("user", ["partner", "auditor"])
def test_only_coordinators_decide(request, user, proposal, item_all):
    actor = request.getfixturevalue(user)
    actor.language = "en"  # the command answers in the acting user's language
    actor.save(update_fields=["language"])
    username = actor.username
    with pytest.raises(CommandError, match="not allowed"):
        review("--program", "prog-test", "--as", username, "--accept-all")
    assert ItemDecision.objects.count() == 0


def test_liaison_cannot_reach_an_item_he_does_not_see(liaison_a, proposal, item_all):
    liaison_a.language = "en"
    liaison_a.save(update_fields=["language"])
    with pytest.raises(CommandError, match="has no item 1"):
        review("--program", "prog-test", "--as", "liaison_a", "--accept", "1")


def test_the_builtin_2009_program_is_accepted_in_one_command(db):
    # The program alone: the demo data (``seed --demo``) already accepts every item.
    load_program_document(builtin_document())
    coordinator = UserFactory(username="coordinador-test", roles=[Role.COORDINATOR])
    out = review("--program", "mx-2009", "--as", coordinator.username, "--accept-all")
    proposal = Proposal.objects.get(program__code="mx-2009")
    assert proposal.items.count() == 10
    assert ItemDecision.objects.filter(item__proposal=proposal).count() == 10
    assert proposal.status == ProposalStatus.ACCEPTED
    assert "1, 2, 3, 4, 5, 6, 7, 8, 9, 10" in out
