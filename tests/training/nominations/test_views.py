"""Nomination pages: scoping (outsider and other agency get 404), refused writes change
nothing, the upload report, the queue, the assignment page, query counts."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from nonprolif.training.models import SessionParticipant
from nonprolif.training.models.nomination import AgencySeats, Nomination, NominationStatus


def item_url(program, item):
    return reverse("nomination_item", args=[program.code, item.key])


@pytest.mark.parametrize("username", ["coordinator", "liaison_a", "liaison_b", "auditor"])
def test_program_members_see_the_nomination_pages(request, as_user, program, training, username):
    client = as_user(request.getfixturevalue(username))
    assert client.get(reverse("nomination_index", args=[program.code])).status_code == 200
    assert client.get(item_url(program, training)).status_code == 200
    assert client.get(reverse("nomination_queue", args=[program.code])).status_code == 200
    assert client.get(reverse("assignment", args=[program.code])).status_code == 200


def test_outsider_gets_404_everywhere(
    as_user, outsider, program, training, official_a, make_nomination
):
    nomination = make_nomination(official_a, training)
    client = as_user(outsider)
    for url in (
        reverse("nomination_index", args=[program.code]),
        item_url(program, training),
        reverse("assignment", args=[program.code]),
        reverse("nomination_detail", args=[nomination.pk]),
    ):
        assert client.get(url).status_code == 404, url
    response = client.post(reverse("nomination_withdraw", args=[nomination.pk]))
    assert response.status_code == 404
    nomination.refresh_from_db()
    assert nomination.status == NominationStatus.APPROVED


def test_liaison_sees_only_his_agencys_nominations(
    as_user, liaison_a, program, training, official_a, official_b, make_nomination
):
    make_nomination(official_a, training)
    other = make_nomination(official_b, training, minute=1)
    client = as_user(liaison_a)
    response = client.get(item_url(program, training))
    names = [n.official.full_name for n in response.context["page"].object_list]
    assert names == [official_a.full_name]
    assert official_b.full_name not in response.content.decode()
    assert client.get(reverse("nomination_detail", args=[other.pk])).status_code == 404


def test_other_agency_liaison_cannot_withdraw_approve_or_substitute(
    as_user, liaison_b, program, training, official_a, make_nomination
):
    nomination = make_nomination(official_a, training, status=NominationStatus.SUBMITTED)
    client = as_user(liaison_b)
    for name in ("nomination_withdraw", "nomination_decide", "nomination_substitute"):
        response = client.post(reverse(name, args=[nomination.pk]), {"decision": "approved"})
        assert response.status_code == 404, name
    nomination.refresh_from_db()
    assert nomination.status == NominationStatus.SUBMITTED


def test_liaison_nominates_through_the_form_and_cannot_pick_another_agency(
    as_user, liaison_a, program, training, official_a, official_b
):
    client = as_user(liaison_a)
    url = item_url(program, training)
    refused = client.post(url, {"form": "nominate", "nominate-official": official_b.pk})
    assert refused.status_code == 400
    assert not Nomination.objects.exists()
    response = client.post(
        url,
        {"form": "nominate", "nominate-official": official_a.pk, "nominate-preferences": "2,1"},
    )
    assert response.status_code == 302
    nomination = Nomination.objects.get()
    assert (nomination.official, nomination.preferences) == (official_a, [2, 1])


def test_upload_with_bad_rows_shows_the_report_and_imports_nothing(
    as_user, liaison_a, program, training, official_a, official_b
):
    liaison_a.language = "en"
    liaison_a.save(update_fields=["language"])
    from django.core.files.uploadedfile import SimpleUploadedFile

    content = f"email\n{official_a.email}\n{official_b.email}\n".encode()
    response = as_user(liaison_a).post(
        item_url(program, training),
        {"form": "upload", "upload-file": SimpleUploadedFile("n.csv", content)},
    )
    assert response.status_code == 400
    report = response.context["report"]
    assert [(e.row, e.column) for e in report.errors] == [(3, "email")]
    assert "Nothing was imported" in response.content.decode()
    assert not Nomination.objects.exists()


def test_liaison_cannot_change_seats(as_user, liaison_a, program, training):
    response = as_user(liaison_a).post(
        item_url(program, training), {"form": "split", "split-rule": "even"}
    )
    assert response.status_code == 403
    assert not AgencySeats.objects.exists()


def test_coordinator_splits_seats_and_approves_in_the_queue(
    as_user, coordinator, program, training, official_a, make_nomination
):
    client = as_user(coordinator)
    response = client.post(item_url(program, training), {"form": "split", "split-rule": "even"})
    assert response.status_code == 302
    assert AgencySeats.objects.filter(item_key=training.key).count() == 2
    nomination = make_nomination(official_a, training, status=NominationStatus.SUBMITTED)
    queue = client.get(reverse("nomination_queue", args=[program.code]))
    assert [n.pk for n in queue.context["page"].object_list] == [nomination.pk]
    response = client.post(
        reverse("nomination_decide", args=[nomination.pk]),
        {"decision": "declined", "reason": "", "next": "queue"},
    )
    assert response.status_code == 400
    nomination.refresh_from_db()
    assert nomination.status == NominationStatus.SUBMITTED
    client.post(
        reverse("nomination_decide", args=[nomination.pk]),
        {"decision": "approved", "next": "queue"},
    )
    nomination.refresh_from_db()
    assert nomination.status == NominationStatus.APPROVED


def test_assignment_page_runs_a_dry_run_and_then_applies(
    as_user, coordinator, liaison_a, program, training, official_a, make_nomination
):
    make_nomination(official_a, training)
    client = as_user(coordinator)
    url = reverse("assignment", args=[program.code])
    response = client.post(url, {"dry_run": "1"})
    assert response.context["plan"].assigned == 1
    assert not SessionParticipant.objects.exists()
    client.post(url, {"dry_run": "0"})
    assert SessionParticipant.objects.filter(official=official_a).exists()
    assert as_user(liaison_a).post(url, {"dry_run": "0"}).status_code == 403


def test_nominations_list_queries_do_not_grow_with_rows(
    as_user, coordinator, program, training, agency_a, officials_of, make_nomination
):
    officials = officials_of(agency_a, 3)
    client = as_user(coordinator)
    url = item_url(program, training)
    counts = {}
    for rows in (1, 3):
        for n, official in enumerate(officials[:rows]):
            if not Nomination.objects.filter(official=official).exists():
                make_nomination(official, training, minute=n)
        client.get(url)  # warm the session and permission caches
        with CaptureQueriesContext(connection) as captured:
            response = client.get(url)
        assert len(response.context["page"].object_list) == rows
        counts[rows] = len(captured)
    assert counts[1] == counts[3], counts
