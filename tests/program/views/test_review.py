"""Review pages: the decision form and history on the item page, accept all, close and reopen,
revised versions and the comparison page."""

import datetime

import pytest
from django.urls import reverse

from nonprolif.program.domain import close_review, decide_item, revise_proposal
from nonprolif.program.models import ItemDecision, ItemStatus, Proposal, ProposalStatus
from tests.factories import ProposalItemFactory


def english(user):
    """The user reads the pages in English (the assertions quote English strings)."""
    user.language = "en"
    user.save(update_fields=["language"])
    return user


# Item page: decision form and history ---------------------------------------------------------


def test_coordinator_sees_the_decision_form_prefilled_with_the_item_values(
    as_user, coordinator, item_all
):
    response = as_user(coordinator).get(reverse("item_detail", args=[item_all.pk]))
    form = response.context["decision_form"]
    assert form is not None
    assert form["cohort_size"].value() == 50
    assert form["cadence_months"].value() == 3
    assert reverse("item_decide", args=[item_all.pk]) in response.content.decode()


@pytest.mark.parametrize("user", ["partner", "liaison_a", "auditor"])
def test_others_see_no_decision_form(as_user, request, user, item_all, accept):
    accept(item_all)
    response = as_user(request.getfixturevalue(user)).get(
        reverse("item_detail", args=[item_all.pk])
    )
    assert response.status_code == 200
    assert response.context["decision_form"] is None
    assert reverse("item_decide", args=[item_all.pk]) not in response.content.decode()


def test_coordinator_amends_an_item_through_the_form(as_user, coordinator, item_all):
    response = as_user(coordinator).post(
        reverse("item_decide", args=[item_all.pk]),
        {
            "decision": "amended",
            "rationale": "Smaller groups",
            "cohort_size": "40",
            "cohort_count": "4",
            "start_date": "2009-10-23",
            "cadence_months": "3",
            "session_days": "5",
        },
    )
    assert response.status_code == 302
    decision = item_all.current_decision
    assert decision.decision == "amended"
    assert decision.amended_values() == {"cohort_size": 40}
    assert not decision.amends_target_agencies


def test_the_history_shows_who_decided_what_and_why(as_user, coordinator, partner, item_all):
    decide_item(item=item_all, decision="accepted", actor=coordinator)
    decide_item(
        item=item_all,
        decision="amended",
        actor=coordinator,
        rationale="Budget allows only 30 per group",
        amendments={"cohort_size": 30},
    )
    response = as_user(english(partner)).get(reverse("item_detail", args=[item_all.pk]))
    body = response.content.decode()
    assert [d.decision for d in response.context["decisions"]] == ["amended", "accepted"]
    assert "Budget allows only 30 per group" in body
    assert "50 → 30" in body
    assert "Accepted with amendments" in body


def test_a_bad_amendment_shows_the_error_on_the_field_and_writes_nothing(
    as_user, coordinator, item_all
):
    response = as_user(english(coordinator)).post(
        reverse("item_decide", args=[item_all.pk]),
        {"decision": "amended", "rationale": "x", "cadence_months": "0", "cohort_size": "50"},
    )
    assert response.status_code == 422
    assert "cadence_months" in response.context["decision_form"].errors
    assert ItemDecision.objects.count() == 0


@pytest.mark.parametrize(
    ("user", "status"),
    [("partner", 403), ("liaison_a", 404), ("auditor", 403), ("outsider", 404)],
)
def test_only_coordinators_can_post_a_decision(as_user, request, user, status, item_all):
    response = as_user(request.getfixturevalue(user)).post(
        reverse("item_decide", args=[item_all.pk]), {"decision": "accepted"}
    )
    assert response.status_code == status
    assert ItemDecision.objects.count() == 0


def test_no_decision_form_once_the_review_is_closed(as_user, coordinator, proposal, item_all):
    decide_item(item=item_all, decision="accepted", actor=coordinator)
    close_review(proposal=proposal, actor=coordinator)
    client = as_user(coordinator)
    response = client.get(reverse("item_detail", args=[item_all.pk]))
    assert response.context["decision_form"] is None
    response = client.post(
        reverse("item_decide", args=[item_all.pk]), {"decision": "rejected", "rationale": "x"}
    )
    assert response.status_code == 422
    assert item_all.status == ItemStatus.ACCEPTED


# Proposal page: status, accept all, close, reopen ---------------------------------------------


def test_proposal_page_shows_the_derived_status(as_user, coordinator, proposal, item_all):
    client = as_user(english(coordinator))
    body = client.get(reverse("proposal_detail", args=[proposal.pk])).content.decode()
    assert "Under review" in body
    assert reverse("proposal_accept_all", args=[proposal.pk]) in body
    decide_item(item=item_all, decision="rejected", actor=coordinator, rationale="No")
    body = client.get(reverse("proposal_detail", args=[proposal.pk])).content.decode()
    assert "Rejected" in body


def test_accept_all_then_close_from_the_proposal_page(
    as_user, coordinator, proposal, item_all, item_for_a
):
    client = as_user(coordinator)
    assert client.post(reverse("proposal_accept_all", args=[proposal.pk])).status_code == 302
    assert item_all.status == ItemStatus.ACCEPTED
    assert item_for_a.status == ItemStatus.ACCEPTED
    assert client.post(reverse("proposal_close", args=[proposal.pk])).status_code == 302
    assert Proposal.objects.get(pk=proposal.pk).status == ProposalStatus.CLOSED
    assert client.post(reverse("proposal_reopen", args=[proposal.pk])).status_code == 302
    assert Proposal.objects.get(pk=proposal.pk).status == ProposalStatus.ACCEPTED


def test_closing_with_items_awaiting_review_explains_why(as_user, coordinator, proposal, item_all):
    client = as_user(english(coordinator))
    response = client.post(reverse("proposal_close", args=[proposal.pk]), follow=True)
    assert "Decide every item before closing the review: 1." in response.content.decode()
    proposal.refresh_from_db()
    assert proposal.review_closed_at is None


@pytest.mark.parametrize(
    ("user", "status"),
    [("partner", 403), ("liaison_a", 403), ("auditor", 403), ("outsider", 404)],
)
@pytest.mark.parametrize("action", ["proposal_accept_all", "proposal_close"])
def test_only_coordinators_accept_all_or_close(
    as_user, request, user, status, action, proposal, item_all
):
    response = as_user(request.getfixturevalue(user)).post(reverse(action, args=[proposal.pk]))
    assert response.status_code == status
    assert ItemDecision.objects.count() == 0
    proposal.refresh_from_db()
    assert proposal.review_closed_at is None


def test_proposal_page_query_count_does_not_grow_with_items(
    as_user, coordinator, proposal, count_queries
):
    client = as_user(coordinator)
    url = reverse("proposal_detail", args=[proposal.pk])
    first = ProposalItemFactory(proposal=proposal)
    decide_item(item=first, decision="accepted", actor=coordinator)
    one, response = count_queries(lambda: client.get(url))
    assert len(response.context["items"]) == 1
    for _ in range(2):
        item = ProposalItemFactory(proposal=proposal)
        decide_item(
            item=item,
            decision="amended",
            actor=coordinator,
            rationale="x",
            amendments={"cohort_size": 10},
        )
    three, response = count_queries(lambda: client.get(url))
    assert len(response.context["items"]) == 3
    assert one == three


# Revisions and comparison ----------------------------------------------------------------------


def _revision_post(proposal, items, changes=None):
    changes = changes or {}
    data = {
        "title_es": proposal.title_es,
        "title_en": proposal.title_en,
        "summary_es": "",
        "summary_en": "",
        "submitted_on": "2009-09-15",
        "items-TOTAL_FORMS": str(len(items) + 1),
        "items-INITIAL_FORMS": str(len(items)),
        "items-MIN_NUM_FORMS": "0",
        "items-MAX_NUM_FORMS": "1000",
    }
    for index, item in enumerate(items):
        row = {
            "key": str(item.key),
            "number": item.number,
            "kind": item.kind,
            "title_es": item.title_es,
            "title_en": item.title_en,
            "cohort_size": item.cohort_size or "",
            "cohort_count": item.cohort_count or "",
            "start_date": item.start_date.isoformat() if item.start_date else "",
            "cadence_months": item.cadence_months or "",
            "session_days": item.session_days or "",
        }
        row.update(changes.get(item.number, {}))
        for name, value in row.items():
            if name == "target_agencies":
                continue
            data[f"items-{index}-{name}"] = "" if value is None else str(value)
        data[f"items-{index}-target_agencies"] = [
            str(a.pk) for a in row.get("target_agencies", item.target_agencies.all())
        ]
    return data


def test_partner_revises_the_proposal_and_sees_what_changed(
    as_user, coordinator, partner, proposal, item_all, item_for_a
):
    decide_item(item=item_all, decision="accepted", actor=coordinator)
    client = as_user(english(partner))
    form = client.get(reverse("proposal_revise", args=[proposal.pk]))
    assert form.status_code == 200
    assert form.context["formset"].initial[0]["key"] == item_all.key
    data = _revision_post(proposal, [item_all, item_for_a], {2: {"cohort_size": 15}})
    response = client.post(reverse("proposal_revise", args=[proposal.pk]), data)
    assert response.status_code == 302
    new = Proposal.objects.get(version=2)
    assert response["Location"] == reverse("proposal_changes", args=[new.pk])
    kept, changed = new.items.order_by("number")
    assert kept.status == ItemStatus.ACCEPTED
    assert changed.status == ItemStatus.AWAITING
    page = client.get(response["Location"])
    changes = page.context["changes"]
    assert [c.new.pk for c in changes.changed] == [changed.pk]
    assert [(f.name, f.old, f.new) for f in changes.changed[0].fields] == [("cohort_size", 10, 15)]
    assert "Changes from version 1 to version 2" in page.content.decode()


def test_removing_an_item_in_a_revision(as_user, partner, proposal, item_all, item_for_a):
    data = _revision_post(proposal, [item_all, item_for_a])
    data["items-1-DELETE"] = "on"
    response = as_user(partner).post(reverse("proposal_revise", args=[proposal.pk]), data)
    assert response.status_code == 302
    new = Proposal.objects.get(version=2)
    assert [i.key for i in new.items.all()] == [item_all.key]


def test_a_bad_revision_shows_the_error_on_the_item_and_writes_nothing(
    as_user, partner, proposal, item_all
):
    data = _revision_post(proposal, [item_all], {1: {"cadence_months": 0}})
    response = as_user(partner).post(reverse("proposal_revise", args=[proposal.pk]), data)
    assert response.status_code == 200
    assert "cadence_months" in response.context["formset"].forms[0].errors
    assert Proposal.objects.count() == 1


@pytest.mark.parametrize(
    ("user", "status"),
    [("second_partner", 403), ("liaison_a", 403), ("auditor", 403), ("outsider", 404)],
)
def test_only_the_submitting_partner_and_coordinators_revise(
    as_user, request, user, status, proposal, item_all
):
    client = as_user(request.getfixturevalue(user))
    url = reverse("proposal_revise", args=[proposal.pk])
    assert client.get(url).status_code == status
    assert client.post(url, _revision_post(proposal, [item_all])).status_code == status
    assert Proposal.objects.count() == 1


def test_comparison_of_a_first_version_says_there_is_nothing_to_compare(
    as_user, partner, proposal, item_all
):
    response = as_user(english(partner)).get(reverse("proposal_changes", args=[proposal.pk]))
    assert response.status_code == 200
    assert "nothing to compare" in response.content.decode()


def test_comparison_page_is_404_outside_the_program(as_user, outsider, partner, proposal):
    new = revise_proposal(proposal=proposal, actor=partner, submitted_on=datetime.date(2009, 9, 1))
    response = as_user(outsider).get(reverse("proposal_changes", args=[new.pk]))
    assert response.status_code == 404


def test_superseded_version_offers_no_review_actions(
    as_user, coordinator, partner, proposal, item_all
):
    revise_proposal(proposal=proposal, actor=partner, submitted_on=datetime.date(2009, 9, 1))
    client = as_user(coordinator)
    body = client.get(reverse("proposal_detail", args=[proposal.pk])).content.decode()
    assert reverse("proposal_accept_all", args=[proposal.pk]) not in body
    assert reverse("proposal_revise", args=[proposal.pk]) not in body
    response = client.get(reverse("item_detail", args=[item_all.pk]))
    assert response.context["decision_form"] is None


def test_program_dashboard_query_count_does_not_grow_with_proposals(
    as_user, coordinator, program, partner, proposal, item_all, count_queries
):
    client = as_user(coordinator)
    url = reverse("program_detail", args=[program.code])
    decide_item(item=item_all, decision="accepted", actor=coordinator)
    one, response = count_queries(lambda: client.get(url))
    assert len(response.context["dashboard"].proposals) == 1
    latest = revise_proposal(
        proposal=proposal, actor=partner, submitted_on=datetime.date(2009, 9, 1)
    )
    revise_proposal(proposal=latest, actor=partner, submitted_on=datetime.date(2009, 9, 2))
    three, response = count_queries(lambda: client.get(url))
    statuses = [p.status for p in response.context["dashboard"].proposals]
    assert statuses == [ProposalStatus.ACCEPTED] * 3
    assert one == three
