"""Outreach scoping across pages, exports and the API: an agency reads its own stakeholders
and visits, coordinators and auditors all, a foreign partner and a user without a role none.
What another agency holds does not exist (404) and is left out of every list and export; a
refused write is audited and leaves the row as it was."""

import csv
import io

import pytest
from django.urls import reverse

from nonprolif.core.models import AuditEntry, Outcome
from nonprolif.events.models import ActionItem
from nonprolif.outreach.models import Contact, Stakeholder, Visit
from tests.outreach.stakeholders.conftest import (  # noqa: F401 (fixtures)
    analyst_a,
    contact_a,
    contact_b,
    stakeholder_a,
    stakeholder_b,
    visit_a,
    visit_b,
)

pytestmark = pytest.mark.django_db

API = "/api/v1/outreach"
JSON = "application/json"


@pytest.fixture
def rows(stakeholder_a, contact_a, visit_a, stakeholder_b, contact_b, visit_b):  # noqa: F811
    return {"stakeholder": stakeholder_a, "contact": contact_a, "visit": visit_a}


def pages(w) -> list[str]:
    s, c, v = w["stakeholder"].pk, w["contact"].pk, w["visit"].pk
    return [
        reverse("outreach_stakeholder_detail", args=[s]),
        reverse("outreach_stakeholder_edit", args=[s]),
        reverse("outreach_contact_create", args=[s]),
        reverse("outreach_contact_edit", args=[c]),
        reverse("outreach_visit_create", args=[s]),
        reverse("outreach_visit_detail", args=[v]),
        reverse("outreach_visit_edit", args=[v]),
        reverse("outreach_visit_list") + f"?stakeholder={s}",
    ]


def posts(w) -> list[str]:
    s, c, v = w["stakeholder"].pk, w["contact"].pk, w["visit"].pk
    return [
        reverse("outreach_stakeholder_edit", args=[s]),
        reverse("outreach_contact_create", args=[s]),
        reverse("outreach_contact_edit", args=[c]),
        reverse("outreach_contact_remove", args=[c]),
        reverse("outreach_visit_create", args=[s]),
        reverse("outreach_visit_edit", args=[v]),
        reverse("outreach_visit_follow_up", args=[v]),
    ]


def endpoints(w) -> list[str]:
    s, v = w["stakeholder"].pk, w["visit"].pk
    return [
        f"{API}/stakeholders/{s}",
        f"{API}/stakeholders/{s}/contacts",
        f"{API}/visits/{v}",
        f"{API}/visits/{v}/follow-ups",
    ]


def writes(w) -> list[tuple[str, str, dict]]:
    s, v = w["stakeholder"].pk, w["visit"].pk
    visit = {"date": "2010-03-10", "attendees": ["x"], "topics_es": "x", "topics_en": "x"}
    follow_up = {"title_es": "Algo", "title_en": "Something", "due_date": "2010-03-31"}
    return [
        ("patch", f"{API}/stakeholders/{s}", {"name": "Otro"}),
        ("post", f"{API}/stakeholders/{s}/contacts", {"name": "Otro"}),
        ("post", f"{API}/visits", {"stakeholder": s, **visit}),
        ("patch", f"{API}/visits/{v}", {"topics_es": "Otro"}),
        ("post", f"{API}/visits/{v}/follow-ups", follow_up),
    ]


def unchanged(w) -> None:
    stakeholder, contact, visit = w["stakeholder"], w["contact"], w["visit"]
    stakeholder.refresh_from_db()
    contact.refresh_from_db()
    visit.refresh_from_db()
    assert stakeholder.name == "Química Peñoles del Golfo"
    assert contact.name == "Ing. Laura Méndez"
    assert visit.topics_es == "Indicadores de pedidos sospechosos"
    assert Contact.objects.filter(stakeholder=stakeholder).count() == 1
    assert Visit.objects.filter(stakeholder=stakeholder).count() == 1
    assert not ActionItem.objects.exists()


def exported_names(response) -> list[str]:
    return [r[1] for r in csv.reader(io.StringIO(response.getvalue().decode("utf-8")[1:]))][1:]


@pytest.mark.parametrize("who", ["liaison_b", "partner", "outsider"])
def test_another_agency_gets_404_on_every_page(as_user, request, who, rows):
    client = as_user(request.getfixturevalue(who))
    for url in pages(rows):
        assert client.get(url).status_code == 404, url
    for url in posts(rows):
        assert client.post(url, {"name": "Otro", "topics_es": "Otro"}).status_code == 404, url
    unchanged(rows)


@pytest.mark.parametrize("who", ["liaison_b", "partner", "outsider"])
def test_another_agency_gets_404_from_every_endpoint(as_user, request, who, rows):
    client = as_user(request.getfixturevalue(who))
    for url in endpoints(rows):
        assert client.get(url).status_code == 404, url
    for method, url, body in writes(rows):
        response = getattr(client, method)(url, body, content_type=JSON)
        assert response.status_code == 404, (method, url, response.content)
    unchanged(rows)


def test_lists_and_exports_leave_out_other_agencies(
    as_user,
    liaison_a,
    analyst_a,  # noqa: F811
    rows,
    visit_b,  # noqa: F811
):
    for user in (liaison_a, analyst_a):
        client = as_user(user)
        body = client.get(reverse("outreach_stakeholder_list")).content.decode()
        assert "Química Peñoles del Golfo" in body
        assert "Universidad Autónoma del Norte" not in body
        body = client.get(reverse("outreach_visit_list")).content.decode()
        assert reverse("outreach_visit_detail", args=[rows["visit"].pk]) in body
        assert reverse("outreach_visit_detail", args=[visit_b.pk]) not in body
        names = exported_names(client.get(reverse("outreach_stakeholder_export", args=["csv"])))
        assert names == ["Química Peñoles del Golfo"]
        names = exported_names(client.get(f"{API}/stakeholders/export"))
        assert names == ["Química Peñoles del Golfo"]
        visits = exported_names(client.get(reverse("outreach_visit_export", args=["csv"])))
        assert visits == ["2010-03-10"]
        api = client.get(f"{API}/stakeholders").json()
        assert [r["name"] for r in api["items"]] == ["Química Peñoles del Golfo"]
        api = client.get(f"{API}/visits").json()
        assert [r["id"] for r in api["items"]] == [rows["visit"].pk]


@pytest.mark.parametrize("who", ["partner", "outsider", "administrator"])
def test_a_partner_and_a_user_without_a_role_see_nothing(as_user, request, who, rows):
    client = as_user(request.getfixturevalue(who))
    assert client.get(reverse("outreach_stakeholder_list")).status_code == 404
    assert client.get(reverse("outreach_visit_list")).status_code == 404
    assert client.get(reverse("outreach_stakeholder_export", args=["csv"])).status_code == 404
    assert client.get(reverse("outreach_visit_export", args=["csv"])).status_code == 404
    assert client.get(f"{API}/stakeholders/export").status_code == 404
    assert client.get(f"{API}/stakeholders").json()["count"] == 0
    assert client.get(f"{API}/visits").json()["count"] == 0


@pytest.mark.parametrize("who", ["coordinator", "auditor"])
def test_coordinators_and_auditors_see_all(as_user, request, who, rows):
    client = as_user(request.getfixturevalue(who))
    body = client.get(reverse("outreach_stakeholder_list")).content.decode()
    assert "Química Peñoles del Golfo" in body
    assert "Universidad Autónoma del Norte" in body
    assert client.get(f"{API}/stakeholders").json()["count"] == 2
    assert client.get(f"{API}/visits").json()["count"] == 2
    names = exported_names(client.get(reverse("outreach_stakeholder_export", args=["csv"])))
    assert sorted(names) == ["Química Peñoles del Golfo", "Universidad Autónoma del Norte"]
    for url in [*pages(rows)[:1], reverse("outreach_visit_detail", args=[rows["visit"].pk])]:
        assert client.get(url).status_code == 200, url
    for url in endpoints(rows):
        assert client.get(url).status_code == 200, url


def test_an_auditor_writes_nothing(as_user, auditor, rows, program):
    client = as_user(auditor)
    for url in posts(rows):
        assert client.post(url, {"name": "Otro", "topics_es": "Otro"}).status_code == 403, url
    for method, url, body in writes(rows):
        response = getattr(client, method)(url, body, content_type=JSON)
        assert response.status_code == 403, (method, url, response.content)
    response = client.post(
        f"{API}/stakeholders",
        {
            "program": program.code,
            "name": "X",
            "kind": "company",
            "sector": "mining",
            "responsible_agency": "AAA",
        },
        content_type=JSON,
    )
    assert response.status_code == 403
    assert client.post(reverse("outreach_stakeholder_create"), {"name": "X"}).status_code == 403
    unchanged(rows)
    assert Stakeholder.objects.count() == 2
    refused = set(
        AuditEntry.objects.filter(actor=auditor, outcome=Outcome.DENIED).values_list(
            "action", flat=True
        )
    )
    assert {
        "outreach.stakeholder.create",
        "outreach.stakeholder.update",
        "outreach.contact.create",
        "outreach.contact.update",
        "outreach.contact.delete",
        "outreach.visit.create",
        "outreach.visit.update",
        "outreach.visit.follow_up",
    } <= refused
