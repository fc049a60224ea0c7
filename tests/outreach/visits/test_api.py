"""The visit API: the same selectors and services as the pages; invisible or missing is 404,
visible but not changeable 403 (the row unchanged), bad input 422 naming the field."""

import pytest

from nonprolif.events.models import ActionItem, Meeting
from nonprolif.outreach.models import Visit
from tests.outreach.factories import MaterialFactory
from tests.outreach.stakeholders.conftest import denied

pytestmark = pytest.mark.django_db

API = "/api/v1/outreach"
JSON = "application/json"


def fields_of(response) -> set[str]:
    return {error["field"] for error in response.json()["detail"]}


def test_a_liaison_records_a_visit_and_reads_it(as_user, liaison_a, stakeholder_a, agency_a):
    booklet = MaterialFactory(agency=agency_a)
    client = as_user(liaison_a)
    response = client.post(
        f"{API}/visits",
        {
            "stakeholder": stakeholder_a.pk,
            "date": "2010-03-10",
            "attendees": ["Ing. Laura Méndez", "Lic. Pedro Ruiz"],
            "topics_es": "Indicadores",
            "topics_en": "Indicators",
            "materials": [booklet.pk],
        },
        content_type=JSON,
    )
    assert response.status_code == 201, response.content
    body = response.json()
    visit = Visit.objects.get()
    assert (body["id"], body["agency"], body["meeting"], body["materials"]) == (
        visit.pk,
        "AAA",
        visit.meeting_id,
        [booklet.pk],
    )
    assert body["attendees"] == ["Ing. Laura Méndez", "Lic. Pedro Ruiz"]
    listed = client.get(f"{API}/visits").json()
    assert [v["id"] for v in listed["items"]] == [visit.pk]


def test_bad_input_is_422_naming_each_field(as_user, liaison_a, stakeholder_a):
    client = as_user(liaison_a)
    response = client.post(
        f"{API}/visits",
        {
            "stakeholder": stakeholder_a.pk,
            "date": "2010-03-10",
            "attendees": ["x"],
            "topics_es": "",
            "topics_en": "x",
            "materials": [999999],
        },
        content_type=JSON,
    )
    assert (response.status_code, fields_of(response)) == (422, {"topics_es", "materials"})
    response = client.post(f"{API}/visits", {"stakeholder": stakeholder_a.pk}, content_type=JSON)
    assert response.status_code == 422
    assert {"date", "attendees", "topics_es", "topics_en"} <= fields_of(response)
    response = client.post(
        f"{API}/visits",
        {
            "stakeholder": stakeholder_a.pk,
            "date": "2010-03-10",
            "attendees": ["x"],
            "topics_es": "x",
            "topics_en": "x",
            "agency": "ZZZ",
        },
        content_type=JSON,
    )
    assert (response.status_code, fields_of(response)) == (422, {"agency"})
    assert not Visit.objects.exists()
    assert not Meeting.objects.exists()


def test_a_visit_to_another_agency_s_stakeholder_is_404(as_user, liaison_a, stakeholder_b):
    response = as_user(liaison_a).post(
        f"{API}/visits",
        {
            "stakeholder": stakeholder_b.pk,
            "date": "2010-03-10",
            "attendees": ["x"],
            "topics_es": "x",
            "topics_en": "x",
        },
        content_type=JSON,
    )
    assert response.status_code == 404
    assert not Visit.objects.exists()


def test_patch_and_follow_ups(as_user, liaison_a, visit_a):
    client = as_user(liaison_a)
    response = client.patch(
        f"{API}/visits/{visit_a.pk}", {"topics_en": "Indicators, updated"}, content_type=JSON
    )
    assert (response.status_code, response.json()["topics_en"]) == (200, "Indicators, updated")
    response = client.post(
        f"{API}/visits/{visit_a.pk}/follow-ups",
        {"title_es": "Enviar el folleto", "title_en": "Send the booklet", "due_date": "2010-03-31"},
        content_type=JSON,
    )
    assert response.status_code == 201, response.content
    assert (response.json()["owner_agency"], response.json()["status"]) == ("AAA", "open")
    items = client.get(f"{API}/visits/{visit_a.pk}/follow-ups").json()["items"]
    assert [i["title_es"] for i in items] == ["Enviar el folleto"]
    assert client.get(f"{API}/visits/{visit_a.pk}").json()["follow_ups"] == 1
    bad = client.post(
        f"{API}/visits/{visit_a.pk}/follow-ups",
        {"title_es": "", "title_en": "x", "due_date": "2010-03-31"},
        content_type=JSON,
    )
    assert (bad.status_code, fields_of(bad)) == (422, {"title_es"})
    assert ActionItem.objects.count() == 1


@pytest.mark.parametrize("who", ["analyst_a", "auditor"])
def test_readers_change_nothing(as_user, request, who, visit_a):
    client = as_user(request.getfixturevalue(who))
    assert client.get(f"{API}/visits/{visit_a.pk}").status_code == 200
    response = client.patch(f"{API}/visits/{visit_a.pk}", {"topics_es": "Otro"}, content_type=JSON)
    assert response.status_code == 403
    response = client.post(
        f"{API}/visits/{visit_a.pk}/follow-ups",
        {"title_es": "Algo", "title_en": "Something", "due_date": "2010-03-31"},
        content_type=JSON,
    )
    assert response.status_code == 403
    visit_a.refresh_from_db()
    assert visit_a.topics_es == "Indicadores de pedidos sospechosos"
    assert not ActionItem.objects.exists()
    assert denied("outreach.visit.update") == 1
    assert denied("outreach.visit.follow_up") == 1
