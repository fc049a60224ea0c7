import pytest
from django.urls import reverse

from nonprolif.program.models import ProposalItem
from tests.program.payloads import ITEM_FORM


def test_item_page_shows_its_plan_and_status(as_user, liaison_a, item_for_a, accept):
    accept(item_for_a)
    response = as_user(liaison_a).get(reverse("item_detail", args=[item_for_a.pk]))
    assert response.status_code == 200
    body = response.content.decode()
    assert "Sesión para A" in body
    assert "Agencia A" in body
    assert reverse("item_edit", args=[item_for_a.pk]) not in body


def test_item_page_offers_edit_to_the_submitting_partner(as_user, partner, item_all):
    body = as_user(partner).get(reverse("item_detail", args=[item_all.pk])).content.decode()
    assert reverse("item_edit", args=[item_all.pk]) in body


@pytest.mark.parametrize("user", ["liaison_b", "outsider", "administrator"])
def test_item_for_another_agency_or_outside_the_program_is_404(as_user, request, user, item_for_a):
    response = as_user(request.getfixturevalue(user)).get(
        reverse("item_detail", args=[item_for_a.pk])
    )
    assert response.status_code == 404


def test_partner_adds_an_item(as_user, partner, proposal, item_all, agency_b):
    response = as_user(partner).post(
        reverse("item_create", args=[proposal.pk]),
        {**ITEM_FORM, "target_agencies": [agency_b.pk]},
    )
    assert response.status_code == 302
    item = ProposalItem.objects.get(number=2)
    assert response.url == reverse("item_detail", args=[item.pk])
    assert list(item.target_agencies.all()) == [agency_b]


@pytest.mark.parametrize(("field", "value"), [("cohort_size", "0"), ("cadence_months", "-1")])
def test_item_form_names_the_bad_field_and_writes_nothing(
    as_user, coordinator, proposal, field, value
):
    response = as_user(coordinator).post(
        reverse("item_create", args=[proposal.pk]), {**ITEM_FORM, field: value}
    )
    assert response.status_code == 200
    assert list(response.context["form"].errors) == [field]
    assert not ProposalItem.objects.exists()


def test_item_form_rejects_a_partner_agency_as_target(
    as_user, coordinator, proposal, partner_agency
):
    response = as_user(coordinator).post(
        reverse("item_create", args=[proposal.pk]),
        {**ITEM_FORM, "target_agencies": [partner_agency.pk]},
    )
    assert response.status_code == 200
    assert "target_agencies" in response.context["form"].errors
    assert not ProposalItem.objects.exists()


@pytest.mark.parametrize(
    ("user", "status"),
    [("liaison_a", 403), ("auditor", 403), ("second_partner", 403), ("outsider", 404)],
)
def test_item_create_is_refused(as_user, request, user, status, proposal):
    client = as_user(request.getfixturevalue(user))
    url = reverse("item_create", args=[proposal.pk])
    assert client.get(url).status_code == status
    assert client.post(url, ITEM_FORM).status_code == status
    assert not ProposalItem.objects.exists()


def test_partner_edits_an_item(as_user, partner, item_all):
    response = as_user(partner).post(
        reverse("item_edit", args=[item_all.pk]),
        {**ITEM_FORM, "number": "1", "title_en": "Renamed", "cohort_size": "25"},
    )
    assert response.status_code == 302
    item_all.refresh_from_db()
    assert (item_all.title_en, item_all.cohort_size) == ("Renamed", 25)


def test_item_edit_with_bad_cohort_size_leaves_it_unchanged(as_user, coordinator, item_all):
    response = as_user(coordinator).post(
        reverse("item_edit", args=[item_all.pk]),
        {**ITEM_FORM, "number": "1", "title_en": "Renamed", "cohort_size": "0"},
    )
    assert response.status_code == 200
    assert "cohort_size" in response.context["form"].errors
    item_all.refresh_from_db()
    assert (item_all.title_en, item_all.cohort_size) == ("General course", 50)


@pytest.mark.parametrize(
    ("user", "item_name", "status"),
    [
        ("liaison_a", "item_for_a", 403),
        ("liaison_b", "item_for_a", 404),
        ("second_partner", "item_all", 403),
        ("outsider", "item_all", 404),
    ],
)
def test_item_edit_is_refused_and_leaves_it_unchanged(
    as_user, request, user, item_name, status, accept
):
    item = request.getfixturevalue(item_name)
    accept(item)
    title = item.title_en
    client = as_user(request.getfixturevalue(user))
    url = reverse("item_edit", args=[item.pk])
    assert client.get(url).status_code == status
    response = client.post(url, {**ITEM_FORM, "number": str(item.number), "title_en": "Hijacked"})
    assert response.status_code == status
    item.refresh_from_db()
    assert item.title_en == title
