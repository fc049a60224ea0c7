"""The stakeholder API: the same selectors and services as the pages; invisible or missing is
404, visible but not changeable 403 (the row unchanged), bad input 422 naming the field."""

import csv
import io

import pytest

from nonprolif.outreach.models import Contact, Stakeholder
from tests.outreach.stakeholders.conftest import denied

pytestmark = pytest.mark.django_db

API = "/api/v1/outreach"
JSON = "application/json"


def fields_of(response) -> set[str]:
    return {error["field"] for error in response.json()["detail"]}


def test_the_list_and_one_stakeholder(as_user, liaison_a, stakeholder_a, stakeholder_b):
    client = as_user(liaison_a)
    body = client.get(f"{API}/stakeholders").json()
    assert body["count"] == 1
    [row] = body["items"]
    assert (row["id"], row["label"], row["responsible_agency"], row["program"]) == (
        stakeholder_a.pk,
        f"STK-{stakeholder_a.pk}",
        "AAA",
        "prog-test",
    )
    one = client.get(f"{API}/stakeholders/{stakeholder_a.pk}").json()
    assert one["materials"] == stakeholder_a.materials
    assert one["cbrn_categories"] == []


def test_the_list_filters(as_user, coordinator, stakeholder_a, stakeholder_b):
    client = as_user(coordinator)

    def names(query):
        return [r["name"] for r in client.get(f"{API}/stakeholders", query).json()["items"]]

    assert names({"q": "universidad AUTONOMA"}) == [stakeholder_b.name]
    assert names({"agency": "AAA"}) == [stakeholder_a.name]
    assert names({"sector": "academia"}) == [stakeholder_b.name]
    assert names({"kind": "company", "state": "nuevo leon"}) == [stakeholder_a.name]
    assert client.get(f"{API}/stakeholders", {"sector": "castle"}).status_code == 422


def test_a_liaison_registers_one(as_user, liaison_a, program):
    response = as_user(liaison_a).post(
        f"{API}/stakeholders",
        {
            "program": program.code,
            "name": "Hospital General de Monterrey",
            "kind": "hospital",
            "sector": "healthcare",
            "cbrn_categories": ["RAD"],
        },
        content_type=JSON,
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert (body["responsible_agency"], body["cbrn_categories"]) == ("AAA", ["RAD"])


def test_bad_input_is_422_naming_each_field(as_user, coordinator, program):
    client = as_user(coordinator)
    response = client.post(
        f"{API}/stakeholders",
        {"program": "nope", "name": "X", "kind": "company", "sector": "mining"},
        content_type=JSON,
    )
    assert (response.status_code, fields_of(response)) == (422, {"program"})
    response = client.post(
        f"{API}/stakeholders",
        {
            "program": program.code,
            "name": "X",
            "kind": "company",
            "sector": "mining",
            "responsible_agency": "ZZZ",
        },
        content_type=JSON,
    )
    assert (response.status_code, fields_of(response)) == (422, {"responsible_agency"})
    response = client.post(
        f"{API}/stakeholders",
        {
            "program": program.code,
            "name": "X",
            "kind": "company",
            "sector": "mining",
            "responsible_agency": "AAA",
            "cbrn_categories": ["ZZZ"],
        },
        content_type=JSON,
    )
    assert (response.status_code, fields_of(response)) == (422, {"cbrn_categories"})
    response = client.post(f"{API}/stakeholders", {"name": "X"}, content_type=JSON)
    assert response.status_code == 422
    assert {"program", "kind", "sector"} <= fields_of(response)
    assert not Stakeholder.objects.exists()


def test_a_liaison_is_refused_another_agency(as_user, liaison_a, program):
    response = as_user(liaison_a).post(
        f"{API}/stakeholders",
        {
            "program": program.code,
            "name": "X",
            "kind": "company",
            "sector": "mining",
            "responsible_agency": "BBB",
        },
        content_type=JSON,
    )
    assert response.status_code == 403
    assert not Stakeholder.objects.exists()
    assert denied("outreach.stakeholder.create") == 1


def test_patch_changes_the_fields_given(as_user, liaison_a, stakeholder_a):
    response = as_user(liaison_a).patch(
        f"{API}/stakeholders/{stakeholder_a.pk}",
        {"city": "Tampico", "cbrn_categories": ["CHEM"]},
        content_type=JSON,
    )
    assert response.status_code == 200, response.content
    assert (response.json()["city"], response.json()["cbrn_categories"]) == ("Tampico", ["CHEM"])
    stakeholder_a.refresh_from_db()
    assert stakeholder_a.name == "Química Peñoles del Golfo"


def test_patch_bad_input_names_the_field(as_user, coordinator, stakeholder_a):
    response = as_user(coordinator).patch(
        f"{API}/stakeholders/{stakeholder_a.pk}", {"responsible_agency": ""}, content_type=JSON
    )
    assert (response.status_code, fields_of(response)) == (422, {"responsible_agency"})
    stakeholder_a.refresh_from_db()
    assert stakeholder_a.responsible_agency.code == "AAA"


@pytest.mark.parametrize("who", ["analyst_a", "auditor"])
def test_readers_patch_nothing(as_user, request, who, stakeholder_a):
    response = as_user(request.getfixturevalue(who)).patch(
        f"{API}/stakeholders/{stakeholder_a.pk}", {"name": "Otro"}, content_type=JSON
    )
    assert response.status_code == 403
    stakeholder_a.refresh_from_db()
    assert stakeholder_a.name == "Química Peñoles del Golfo"
    assert denied("outreach.stakeholder.update") == 1


def test_contacts(as_user, liaison_a, stakeholder_a, contact_a):
    client = as_user(liaison_a)
    response = client.post(
        f"{API}/stakeholders/{stakeholder_a.pk}/contacts",
        {"name": "Lic. Ana Ruiz", "email": "ana@ejemplo.mx"},
        content_type=JSON,
    )
    assert response.status_code == 201
    body = client.get(f"{API}/stakeholders/{stakeholder_a.pk}/contacts").json()
    assert [c["name"] for c in body["items"]] == ["Ing. Laura Méndez", "Lic. Ana Ruiz"]
    bad = client.post(
        f"{API}/stakeholders/{stakeholder_a.pk}/contacts",
        {"name": "Ana", "email": "no"},
        content_type=JSON,
    )
    assert (bad.status_code, fields_of(bad)) == (422, {"email"})
    assert Contact.objects.count() == 2


def test_an_auditor_adds_no_contact(as_user, auditor, stakeholder_a):
    response = as_user(auditor).post(
        f"{API}/stakeholders/{stakeholder_a.pk}/contacts", {"name": "Ana"}, content_type=JSON
    )
    assert response.status_code == 403
    assert not Contact.objects.exists()
    assert denied("outreach.contact.create") == 1


def test_the_export(as_user, liaison_a, stakeholder_a, stakeholder_b):
    response = as_user(liaison_a).get(f"{API}/stakeholders/export")
    rows = list(csv.reader(io.StringIO(response.getvalue().decode("utf-8")[1:])))
    assert [r[1] for r in rows[1:]] == [stakeholder_a.name]
    assert (
        as_user(liaison_a).get(f"{API}/stakeholders/export", {"format": "ods"}).status_code == 422
    )
