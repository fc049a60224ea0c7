"""Approving or declining many nominations at once: all or none, one confirmation, the
report of what was done (and who was promoted), scoping, a fixed number of queries."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from nonprolif.core.models import AuditEntry
from nonprolif.training.models.nomination import Nomination, NominationStatus
from nonprolif.training.nominations.domain.assignment import run_assignment
from nonprolif.training.nominations.domain.bulk import NotFoundError, decide_nominations
from nonprolif.training.nominations.domain.nominations import NominationInput, substitute_nomination
from nonprolif.training.nominations.domain.seats import set_agency_seats

API = "/api/v1"


@pytest.fixture(autouse=True)
def coordinator_in_english(coordinator):
    """The pages answer in the reader's language: the coordinator reads English."""
    coordinator.language = "en"
    coordinator.save(update_fields=["language"])


@pytest.fixture
def submitted(training, officials_of, agency_a, agency_b, make_nomination):
    """Three submitted nominations (two of AAA, one of BBB)."""
    people = officials_of(agency_a, 2) + officials_of(agency_b, 1)
    return [
        make_nomination(o, training, minute=n, status=NominationStatus.SUBMITTED)
        for n, o in enumerate(people)
    ]


def statuses(nominations):
    return [Nomination.objects.get(pk=n.pk).status for n in nominations]


def test_coordinator_approves_a_batch_with_one_audit_entry(coordinator, program, submitted):
    before = AuditEntry.objects.count()
    report = decide_nominations(
        actor=coordinator, program=program, ids=[n.pk for n in submitted], decision="approved"
    )
    assert len(report.decided) == 3
    assert statuses(submitted) == ["approved"] * 3
    assert AuditEntry.objects.count() == before + 1
    entry = AuditEntry.objects.latest("pk")
    assert entry.action == "nomination.decide"
    assert sorted(entry.object_ids) == sorted(n.pk for n in submitted)
    assert Nomination.objects.get(pk=submitted[0].pk).decided_by == coordinator


def test_one_row_that_cannot_be_decided_refuses_the_whole_batch_naming_it(
    coordinator, program, submitted, official_a, training, make_nomination
):
    done = make_nomination(official_a, training, minute=9)  # approved already
    with pytest.raises(ValidationError) as error:
        decide_nominations(
            actor=coordinator,
            program=program,
            ids=[n.pk for n in submitted] + [done.pk],
            decision="approved",
        )
    messages = error.value.message_dict["ids"]
    assert len(messages) == 1
    assert official_a.full_name in messages[0]
    assert str(done.pk) in messages[0]
    assert statuses(submitted) == ["submitted"] * 3


def test_a_decline_needs_a_reason_and_gives_it_to_every_row(coordinator, program, submitted):
    ids = [n.pk for n in submitted]
    with pytest.raises(ValidationError) as error:
        decide_nominations(actor=coordinator, program=program, ids=ids, decision="declined")
    assert "reason" in error.value.message_dict
    assert statuses(submitted) == ["submitted"] * 3
    decide_nominations(
        actor=coordinator, program=program, ids=ids, decision="declined", reason=" Full "
    )
    assert set(Nomination.objects.filter(pk__in=ids).values_list("decision_reason", flat=True)) == {
        "Full"
    }


def test_unknown_or_hidden_ids_are_not_found_and_nothing_changes(coordinator, program, submitted):
    with pytest.raises(NotFoundError) as error:
        decide_nominations(
            actor=coordinator,
            program=program,
            ids=[submitted[0].pk, 999999],
            decision="approved",
        )
    assert error.value.missing == [999999]
    assert statuses(submitted) == ["submitted"] * 3


def test_a_liaison_cannot_decide_a_batch(liaison_a, program, submitted):
    with pytest.raises(PermissionDenied):
        decide_nominations(
            actor=liaison_a, program=program, ids=[submitted[0].pk], decision="approved"
        )
    assert statuses(submitted) == ["submitted"] * 3


def test_an_empty_or_oversized_batch_is_refused(coordinator, program, submitted):
    with pytest.raises(ValidationError):
        decide_nominations(actor=coordinator, program=program, ids=[], decision="approved")
    with pytest.raises(ValidationError):
        decide_nominations(
            actor=coordinator, program=program, ids=list(range(1, 102)), decision="approved"
        )


def test_declining_substitutes_reports_who_was_promoted_from_the_waitlist(
    coordinator, liaison_a, program, training, officials_of, agency_a, make_nomination
):
    """Cohorts of 1 seat (4 seats); AAA quota 4; 5 nominees: the fifth waits. Two placed
    nominees are replaced; declining both substitutes gives their seats to the waitlist."""
    from nonprolif.training.models import Session

    Session.objects.filter(item_key=training.key).update(capacity=1)
    set_agency_seats(actor=coordinator, program=program, item=training, seats={"AAA": 4})
    people = officials_of(agency_a, 5)
    noms = [make_nomination(o, training, minute=n) for n, o in enumerate(people)]
    run_assignment(actor=coordinator, program=program)
    noms[4].refresh_from_db()
    assert noms[4].waitlist_rank == 1
    extra = officials_of(agency_a, 1)[0]
    noms[0].refresh_from_db()
    sub = substitute_nomination(
        actor=liaison_a, nomination=noms[0], data=NominationInput(official=extra), reason="Ill"
    )
    report = decide_nominations(
        actor=coordinator, program=program, ids=[sub.pk], decision="declined", reason="No"
    )
    assert [n.pk for n in report.promoted] == [noms[4].pk]
    noms[4].refresh_from_db()
    assert noms[4].session is not None


def test_query_count_is_the_same_for_one_and_twenty_rows(
    coordinator, program, training, officials_of, agency_a, make_nomination, count_queries
):
    people = officials_of(agency_a, 21)
    noms = [
        make_nomination(o, training, minute=n, status=NominationStatus.SUBMITTED)
        for n, o in enumerate(people)
    ]

    def run(batch):
        return lambda: decide_nominations(
            actor=coordinator, program=program, ids=[n.pk for n in batch], decision="approved"
        )

    one, _ = count_queries(run(noms[:1]))
    twenty, report = count_queries(run(noms[1:]))
    assert len(report.decided) == 20
    assert one == twenty


# ------------------------------------------------------------------------------ pages


def queue_url(program):
    return reverse("nomination_queue", args=[program.code])


def bulk_url(program):
    return reverse("nomination_bulk_decide", args=[program.code])


def test_the_queue_offers_checkboxes_and_a_select_all_to_the_coordinator(
    as_user, coordinator, liaison_a, program, submitted
):
    page = as_user(coordinator).get(queue_url(program)).content.decode()
    assert 'data-select-all="ids"' in page
    assert page.count('name="ids"') == 3
    assert 'name="ids"' not in as_user(liaison_a).get(queue_url(program)).content.decode()


def test_the_confirmation_page_lists_the_rows_and_changes_nothing(
    as_user, coordinator, program, submitted
):
    client = as_user(coordinator)
    ids = [n.pk for n in submitted]
    response = client.post(bulk_url(program), {"ids": ids, "decision": "approved"})
    assert response.status_code == 200
    page = response.content.decode()
    for n in submitted:
        assert n.official.full_name in page
    assert "Approve 3 nominations" in page
    assert statuses(submitted) == ["submitted"] * 3


def test_confirming_approves_every_row_and_reports_it(as_user, coordinator, program, submitted):
    client = as_user(coordinator)
    ids = [n.pk for n in submitted]
    response = client.post(
        bulk_url(program), {"ids": ids, "decision": "approved", "confirm": "1"}, follow=True
    )
    assert response.redirect_chain[-1][0] == queue_url(program)
    assert "3 nominations approved." in response.content.decode()
    assert statuses(submitted) == ["approved"] * 3


def test_confirming_a_decline_without_reason_is_refused_on_the_field(
    as_user, coordinator, program, submitted
):
    response = as_user(coordinator).post(
        bulk_url(program),
        {"ids": [n.pk for n in submitted], "decision": "declined", "confirm": "1"},
    )
    assert response.status_code == 400
    assert response.context["form"].errors["reason"]
    assert statuses(submitted) == ["submitted"] * 3


def test_the_confirmation_names_rows_that_cannot_be_decided_and_offers_no_confirm(
    as_user, coordinator, program, submitted, official_a, training, make_nomination
):
    done = make_nomination(official_a, training, minute=9)
    response = as_user(coordinator).post(
        bulk_url(program), {"ids": [submitted[0].pk, done.pk], "decision": "approved"}
    )
    page = response.content.decode()
    assert "is approved, not awaiting a decision" in page
    assert 'name="confirm"' not in page
    response = as_user(coordinator).post(
        bulk_url(program), {"ids": [submitted[0].pk, done.pk], "decision": "approved", "confirm": 1}
    )
    assert response.status_code == 400
    assert statuses(submitted) == ["submitted"] * 3


@pytest.mark.parametrize("username", ["outsider", "liaison_a"])
def test_others_cannot_decide_a_batch_from_the_page(request, as_user, program, submitted, username):
    client = as_user(request.getfixturevalue(username))
    response = client.post(
        bulk_url(program),
        {"ids": [n.pk for n in submitted], "decision": "approved", "confirm": "1"},
    )
    assert response.status_code == (404 if username == "outsider" else 403)
    assert statuses(submitted) == ["submitted"] * 3


def test_hidden_ids_on_the_page_answer_404_and_change_nothing(
    as_user, coordinator, program, submitted
):
    response = as_user(coordinator).post(
        bulk_url(program), {"ids": [submitted[0].pk, 999999], "decision": "approved", "confirm": 1}
    )
    assert response.status_code == 404
    assert statuses(submitted) == ["submitted"] * 3


def test_bad_ids_on_the_page_are_a_form_error(as_user, coordinator, program, submitted):
    response = as_user(coordinator).post(bulk_url(program), {"ids": ["x"], "decision": "approved"})
    assert response.status_code == 400


# ------------------------------------------------------------------------------ API


def test_api_decides_a_batch_and_reports_it(as_user, coordinator, program, submitted):
    response = as_user(coordinator).post(
        f"{API}/programs/{program.code}/nominations/decide",
        {"ids": [n.pk for n in submitted], "decision": "approved"},
        content_type="application/json",
    )
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["count"] == 3
    assert body["promoted"] == []
    assert {row["status"] for row in body["decided"]} == {"approved"}
    assert statuses(submitted) == ["approved"] * 3


def test_api_refuses_the_whole_batch_naming_the_row(
    as_user, coordinator, program, submitted, official_a, training, make_nomination
):
    done = make_nomination(official_a, training, minute=9)
    response = as_user(coordinator).post(
        f"{API}/programs/{program.code}/nominations/decide",
        {"ids": [submitted[0].pk, done.pk], "decision": "approved"},
        content_type="application/json",
    )
    assert response.status_code == 422
    assert [d["field"] for d in response.json()["detail"]] == ["ids"]
    assert statuses(submitted) == ["submitted"] * 3


def test_api_outsider_ids_are_not_found_and_nothing_changes(
    as_user, coordinator, outsider, program, submitted
):
    response = as_user(outsider).post(
        f"{API}/programs/{program.code}/nominations/decide",
        {"ids": [submitted[0].pk], "decision": "approved"},
        content_type="application/json",
    )
    assert response.status_code == 404
    response = as_user(coordinator).post(
        f"{API}/programs/{program.code}/nominations/decide",
        {"ids": [submitted[0].pk, 999999], "decision": "approved"},
        content_type="application/json",
    )
    assert response.status_code == 404
    assert statuses(submitted) == ["submitted"] * 3


# ------------------------------------------------------------------------------ withdrawal


def withdraw_url(nomination):
    return reverse("nomination_withdraw", args=[nomination.pk])


def test_a_withdrawal_needs_a_reason_and_a_confirmation(
    as_user, coordinator, program, official_a, training, make_nomination
):
    nomination = make_nomination(official_a, training)
    client = as_user(coordinator)
    response = client.post(withdraw_url(nomination), {"reason": " ", "confirm": "on"})
    assert response.status_code == 400
    assert response.context["withdraw_form"].errors["reason"]
    response = client.post(withdraw_url(nomination), {"reason": "Moved"})
    assert response.status_code == 400
    assert response.context["withdraw_form"].errors["confirm"]
    nomination.refresh_from_db()
    assert nomination.status == NominationStatus.APPROVED
    response = client.post(
        withdraw_url(nomination), {"reason": "Moved", "confirm": "on"}, follow=True
    )
    assert f"Nomination of {official_a.full_name} withdrawn." in response.content.decode()
    nomination.refresh_from_db()
    assert nomination.status == NominationStatus.WITHDRAWN
    assert nomination.withdrawal_reason == "Moved"


def test_the_api_refuses_a_withdrawal_without_reason(
    as_user, coordinator, program, official_a, training, make_nomination
):
    nomination = make_nomination(official_a, training)
    response = as_user(coordinator).post(
        f"{API}/nominations/{nomination.pk}/withdraw", {}, content_type="application/json"
    )
    assert response.status_code == 422
    assert response.json()["detail"][0]["field"] == "reason"
    nomination.refresh_from_db()
    assert nomination.status == NominationStatus.APPROVED


def test_the_withdrawal_message_names_who_was_promoted_from_the_waitlist(
    as_user, coordinator, program, training, officials_of, agency_a, make_nomination
):
    from nonprolif.training.models import Session

    Session.objects.filter(item_key=training.key).update(capacity=1)
    set_agency_seats(actor=coordinator, program=program, item=training, seats={"AAA": 4})
    people = officials_of(agency_a, 5)
    noms = [make_nomination(o, training, minute=n) for n, o in enumerate(people)]
    run_assignment(actor=coordinator, program=program)
    response = as_user(coordinator).post(
        withdraw_url(noms[0]), {"reason": "Ill", "confirm": "on"}, follow=True
    )
    page = response.content.decode()
    assert f"{people[4].full_name} was promoted from the waitlist." in page


def test_the_queue_with_checkboxes_runs_as_many_queries_for_one_row_as_for_three(
    as_user, coordinator, program, training, agency_a, officials_of, make_nomination
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    officials = officials_of(agency_a, 3)
    client = as_user(coordinator)
    counts = {}
    for rows in (1, 3):
        for n, official in enumerate(officials[:rows]):
            if not Nomination.objects.filter(official=official).exists():
                make_nomination(official, training, minute=n, status=NominationStatus.SUBMITTED)
        client.get(queue_url(program))  # warm the session and permission caches
        with CaptureQueriesContext(connection) as captured:
            response = client.get(queue_url(program))
        assert response.content.decode().count('name="ids"') == rows
        counts[rows] = len(captured)
    assert counts[1] == counts[3], counts


def test_the_withdraw_form_says_the_seat_goes_to_the_waitlist(
    as_user, coordinator, program, training, officials_of, agency_a, make_nomination
):
    set_agency_seats(actor=coordinator, program=program, item=training, seats={"AAA": 4})
    nomination = make_nomination(officials_of(agency_a, 1)[0], training)
    run_assignment(actor=coordinator, program=program)
    nomination.refresh_from_db()
    assert nomination.session is not None
    page = as_user(coordinator).get(reverse("nomination_detail", args=[nomination.pk]))
    assert "the seat goes to the next nominee on the waitlist" in page.content.decode()
