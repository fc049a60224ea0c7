import pytest
from django.urls import reverse

from nonprolif.program.models import Proposal

PROPOSAL_POST = {
    "title_es": "Nueva propuesta",
    "title_en": "New proposal",
    "summary_es": "",
    "summary_en": "",
    "submitted_on": "2009-08-28",
    "version": "",
}


def test_proposal_page_shows_version_items_and_status(as_user, partner, proposal, item_all):
    response = as_user(partner).get(reverse("proposal_detail", args=[proposal.pk]))
    assert response.status_code == 200
    body = response.content.decode()
    assert "Curso general" in body
    assert "Awaiting review" in body or "En espera de revisión" in body
    assert response.context["proposal"].version == 1
    assert reverse("proposal_edit", args=[proposal.pk]) in body
    assert reverse("item_create", args=[proposal.pk]) in body


def test_liaison_sees_proposal_without_other_agencys_items(
    as_user, liaison_b, proposal, item_all, item_for_a, accept
):
    accept(item_all, item_for_a)
    response = as_user(liaison_b).get(reverse("proposal_detail", args=[proposal.pk]))
    assert response.status_code == 200
    assert [i.pk for i in response.context["items"]] == [item_all.pk]
    body = response.content.decode()
    assert "Sesión para A" not in body
    assert reverse("proposal_edit", args=[proposal.pk]) not in body


@pytest.mark.parametrize("user", ["outsider", "administrator"])
def test_proposal_page_is_404_outside_the_program(as_user, request, user, proposal):
    response = as_user(request.getfixturevalue(user)).get(
        reverse("proposal_detail", args=[proposal.pk])
    )
    assert response.status_code == 404


def test_missing_proposal_is_404(as_user, coordinator):
    assert as_user(coordinator).get(reverse("proposal_detail", args=[999])).status_code == 404


def test_partner_records_a_proposal_for_its_own_agency(as_user, partner, program, partner_agency):
    response = as_user(partner).post(reverse("proposal_create", args=[program.code]), PROPOSAL_POST)
    assert response.status_code == 302
    proposal = Proposal.objects.get()
    assert (proposal.submitted_by, proposal.version) == (partner_agency, 1)
    assert response.url == reverse("proposal_detail", args=[proposal.pk])


def test_coordinator_chooses_the_submitting_partner(as_user, coordinator, program, partner_agency):
    client = as_user(coordinator)
    url = reverse("proposal_create", args=[program.code])
    response = client.post(url, PROPOSAL_POST)
    assert response.status_code == 200
    assert "submitted_by" in response.context["form"].errors
    response = client.post(url, {**PROPOSAL_POST, "submitted_by": partner_agency.pk})
    assert response.status_code == 302
    assert Proposal.objects.get().submitted_by == partner_agency


def test_proposal_form_names_a_missing_title(as_user, partner, program):
    response = as_user(partner).post(
        reverse("proposal_create", args=[program.code]), {**PROPOSAL_POST, "title_en": ""}
    )
    assert response.status_code == 200
    assert "title_en" in response.context["form"].errors
    assert not Proposal.objects.exists()


@pytest.mark.parametrize("user", ["liaison_a", "auditor"])
def test_liaisons_and_auditors_cannot_propose(as_user, request, user, program):
    client = as_user(request.getfixturevalue(user))
    url = reverse("proposal_create", args=[program.code])
    assert client.get(url).status_code == 403
    assert client.post(url, PROPOSAL_POST).status_code == 403
    assert not Proposal.objects.exists()


def test_proposal_for_unknown_or_invisible_program_is_404(as_user, partner, other_program):
    client = as_user(partner)
    for code in ("no-such-program", other_program.code):
        url = reverse("proposal_create", args=[code])
        assert client.post(url, PROPOSAL_POST).status_code == 404
    assert not Proposal.objects.exists()


def test_partner_edits_its_proposal(as_user, partner, proposal):
    response = as_user(partner).post(
        reverse("proposal_edit", args=[proposal.pk]),
        {**PROPOSAL_POST, "title_en": "Revised", "version": "2"},
    )
    assert response.status_code == 302
    proposal.refresh_from_db()
    assert (proposal.title_en, proposal.version) == ("Revised", 2)


@pytest.mark.parametrize(
    ("user", "status"),
    [("liaison_a", 403), ("auditor", 403), ("second_partner", 403), ("outsider", 404)],
)
def test_proposal_edit_is_refused_and_leaves_it_unchanged(as_user, request, user, status, proposal):
    client = as_user(request.getfixturevalue(user))
    url = reverse("proposal_edit", args=[proposal.pk])
    assert client.get(url).status_code == status
    response = client.post(url, {**PROPOSAL_POST, "title_en": "Hijacked", "version": "1"})
    assert response.status_code == status
    proposal.refresh_from_db()
    assert proposal.title_en == "Training proposal"
