"""The stakeholder pages: the registry with its filters and exports, one stakeholder, the
forms; who sees and does what."""

import csv
import io

import pytest
from django.urls import reverse

from nonprolif.core.spreadsheets import BOM
from nonprolif.outreach.models import Contact, Stakeholder
from tests.exports import xlsx_rows
from tests.outreach.factories import StakeholderFactory, VisitFactory
from tests.outreach.stakeholders.conftest import denied

pytestmark = pytest.mark.django_db

LIST = reverse("outreach_stakeholder_list")


def csv_rows(response) -> list[list[str]]:
    content = response.getvalue().decode("utf-8")
    assert content.startswith(BOM)
    return list(csv.reader(io.StringIO(content[1:])))


def test_the_list_shows_the_agency_s_own_stakeholders(
    as_user, liaison_a, stakeholder_a, stakeholder_b
):
    body = as_user(liaison_a).get(LIST).content.decode()
    assert stakeholder_a.name in body
    assert stakeholder_b.name not in body
    assert reverse("outreach_stakeholder_create") in body


def test_the_name_filter_folds_accents_and_case(as_user, coordinator, stakeholder_a, stakeholder_b):
    body = as_user(coordinator).get(LIST, {"q": "QUIMICA penoles"}).content.decode()
    assert stakeholder_a.name in body
    assert stakeholder_b.name not in body
    body = as_user(coordinator).get(LIST, {"state": "chihuahua"}).content.decode()
    assert stakeholder_b.name in body
    assert stakeholder_a.name not in body


def test_the_filters_narrow_by_kind_sector_and_agency(
    as_user, coordinator, stakeholder_a, stakeholder_b
):
    client = as_user(coordinator)
    for query, shown, hidden in [
        ({"kind": "university"}, stakeholder_b, stakeholder_a),
        ({"sector": "chemical_distribution"}, stakeholder_a, stakeholder_b),
        ({"agency": "BBB"}, stakeholder_b, stakeholder_a),
    ]:
        body = client.get(LIST, query).content.decode()
        assert shown.name in body, query
        assert hidden.name not in body, query


def test_a_bad_filter_is_shown_not_a_500(as_user, coordinator, stakeholder_a):
    response = as_user(coordinator).get(LIST, {"kind": "castle", "agency": "ZZZ"})
    assert response.status_code == 200
    assert stakeholder_a.name in response.content.decode()


def test_the_list_costs_the_same_queries_for_one_row_and_three(
    as_user, coordinator, program, agency_a, count_queries
):
    client = as_user(coordinator)
    StakeholderFactory(program=program, responsible_agency=agency_a)
    one, _ = count_queries(lambda: client.get(LIST))
    StakeholderFactory.create_batch(2, program=program, responsible_agency=agency_a)
    three, _ = count_queries(lambda: client.get(LIST))
    assert one == three


def test_the_export_has_the_list_s_rows_under_its_filters(
    as_user, liaison_a, coordinator, stakeholder_a, stakeholder_b
):
    rows = csv_rows(as_user(liaison_a).get(reverse("outreach_stakeholder_export", args=["csv"])))
    assert [r[1] for r in rows[1:]] == [stakeholder_a.name]
    rows = csv_rows(
        as_user(coordinator).get(
            reverse("outreach_stakeholder_export", args=["csv"]), {"kind": "university"}
        )
    )
    assert [r[1] for r in rows[1:]] == [stakeholder_b.name]
    sheet = xlsx_rows(
        as_user(coordinator).get(reverse("outreach_stakeholder_export", args=["xlsx"]))
    )
    assert {r[1] for r in sheet[1:]} == {stakeholder_a.name, stakeholder_b.name}


def test_an_unknown_export_format_is_404(as_user, coordinator):
    assert (
        as_user(coordinator).get(reverse("outreach_stakeholder_export", args=["ods"])).status_code
        == 404
    )


def test_the_detail_shows_facts_contacts_visits_and_actions(
    as_user, liaison_a, stakeholder_a, contact_a
):
    visit = VisitFactory(stakeholder=stakeholder_a)
    body = (
        as_user(liaison_a)
        .get(reverse("outreach_stakeholder_detail", args=[stakeholder_a.pk]))
        .content.decode()
    )
    assert "Tiodiglicol" in body
    assert contact_a.name in body
    assert reverse("outreach_visit_detail", args=[visit.pk]) in body
    assert reverse("outreach_visit_create", args=[stakeholder_a.pk]) in body
    assert reverse("outreach_stakeholder_edit", args=[stakeholder_a.pk]) in body


def test_an_analyst_reads_but_is_offered_no_change(as_user, analyst_a, stakeholder_a):
    body = (
        as_user(analyst_a)
        .get(reverse("outreach_stakeholder_detail", args=[stakeholder_a.pk]))
        .content.decode()
    )
    assert stakeholder_a.name in body
    assert reverse("outreach_stakeholder_edit", args=[stakeholder_a.pk]) not in body
    assert reverse("outreach_visit_create", args=[stakeholder_a.pk]) not in body


def test_a_liaison_registers_a_stakeholder_from_the_form(as_user, liaison_a, program, agency_a):
    client = as_user(liaison_a)
    assert client.get(reverse("outreach_stakeholder_create")).status_code == 200
    response = client.post(
        reverse("outreach_stakeholder_create"),
        {
            "program": program.pk,
            "name": "Hospital Universitario de Saltillo",
            "kind": "hospital",
            "sector": "healthcare",
            "state": "Coahuila",
            "responsible_agency": agency_a.pk,
            "language": "es",
        },
    )
    stakeholder = Stakeholder.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("outreach_stakeholder_detail", args=[stakeholder.pk])
    assert stakeholder.responsible_agency == agency_a


def test_the_form_shows_errors_and_writes_nothing(as_user, liaison_a, program, agency_a):
    response = as_user(liaison_a).post(
        reverse("outreach_stakeholder_create"),
        {
            "program": program.pk,
            "name": "",
            "kind": "hospital",
            "sector": "healthcare",
            "responsible_agency": agency_a.pk,
            "language": "es",
        },
    )
    assert response.status_code == 400
    assert not Stakeholder.objects.exists()


def test_a_liaison_is_not_offered_another_agency(as_user, liaison_a, program, agency_b):
    response = as_user(liaison_a).post(
        reverse("outreach_stakeholder_create"),
        {
            "program": program.pk,
            "name": "Otra",
            "kind": "company",
            "sector": "mining",
            "responsible_agency": agency_b.pk,
            "language": "es",
        },
    )
    assert response.status_code == 400
    assert not Stakeholder.objects.exists()


def test_the_edit_form_saves(as_user, liaison_a, stakeholder_a, agency_a):
    response = as_user(liaison_a).post(
        reverse("outreach_stakeholder_edit", args=[stakeholder_a.pk]),
        {
            "name": stakeholder_a.name,
            "kind": "company",
            "sector": "chemical_distribution",
            "city": "Tampico",
            "responsible_agency": agency_a.pk,
            "language": "en",
        },
    )
    assert response.status_code == 302
    stakeholder_a.refresh_from_db()
    assert (stakeholder_a.city, stakeholder_a.language) == ("Tampico", "en")


@pytest.mark.parametrize("who", ["analyst_a", "auditor"])
def test_readers_may_not_edit(as_user, request, who, stakeholder_a, agency_a):
    client = as_user(request.getfixturevalue(who))
    url = reverse("outreach_stakeholder_edit", args=[stakeholder_a.pk])
    assert client.get(url).status_code == 403
    response = client.post(
        url,
        {
            "name": "Otro",
            "kind": "company",
            "sector": "mining",
            "responsible_agency": agency_a.pk,
            "language": "es",
        },
    )
    assert response.status_code == 403
    stakeholder_a.refresh_from_db()
    assert stakeholder_a.name == "Química Peñoles del Golfo"
    assert denied("outreach.stakeholder.update") == 1


def test_contacts_through_the_pages(as_user, liaison_a, stakeholder_a):
    client = as_user(liaison_a)
    response = client.post(
        reverse("outreach_contact_create", args=[stakeholder_a.pk]),
        {"name": "Lic. Ana Ruiz", "position": "Compras", "email": "ana@ejemplo.mx"},
    )
    assert response.status_code == 302
    contact = Contact.objects.get()
    client.post(
        reverse("outreach_contact_edit", args=[contact.pk]),
        {"name": "Lic. Ana Ruiz", "position": "Cumplimiento", "email": "ana@ejemplo.mx"},
    )
    contact.refresh_from_db()
    assert contact.position == "Cumplimiento"
    assert client.get(reverse("outreach_contact_remove", args=[contact.pk])).status_code == 405
    client.post(reverse("outreach_contact_remove", args=[contact.pk]))
    assert not Contact.objects.exists()


def test_an_auditor_removes_no_contact(as_user, auditor, contact_a):
    response = as_user(auditor).post(reverse("outreach_contact_remove", args=[contact_a.pk]))
    assert response.status_code == 403
    assert Contact.objects.filter(pk=contact_a.pk).exists()
    assert denied("outreach.contact.delete") == 1
