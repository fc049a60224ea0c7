"""The visit pages: the list with its filters and exports, recording a visit from a
stakeholder's page, one visit with its materials and follow-ups, the follow-up form."""

import csv
import datetime
import io

import pytest
from django.urls import reverse

from nonprolif.events.models import ActionItem, Meeting
from nonprolif.outreach.models import Visit
from tests.exports import xlsx_rows
from tests.outreach.factories import MaterialFactory, VisitFactory
from tests.outreach.stakeholders.conftest import denied

pytestmark = pytest.mark.django_db

LIST = reverse("outreach_visit_list")


def test_the_list_shows_the_agency_s_own_visits(as_user, liaison_a, visit_a, visit_b):
    body = as_user(liaison_a).get(LIST).content.decode()
    assert reverse("outreach_visit_detail", args=[visit_a.pk]) in body
    assert reverse("outreach_visit_detail", args=[visit_b.pk]) not in body


def test_the_list_filters_by_stakeholder_and_dates(
    as_user, coordinator, visit_a, visit_b, stakeholder_a
):
    client = as_user(coordinator)
    body = client.get(LIST, {"stakeholder": stakeholder_a.pk}).content.decode()
    assert reverse("outreach_visit_detail", args=[visit_a.pk]) in body
    assert reverse("outreach_visit_detail", args=[visit_b.pk]) not in body
    later = VisitFactory(stakeholder=stakeholder_a, date=datetime.date(2010, 6, 1))
    body = client.get(LIST, {"date_from": "2010-05-01"}).content.decode()
    assert reverse("outreach_visit_detail", args=[later.pk]) in body
    assert reverse("outreach_visit_detail", args=[visit_a.pk]) not in body
    body = client.get(LIST, {"q": "AUTONOMA"}).content.decode()
    assert reverse("outreach_visit_detail", args=[visit_b.pk]) in body
    assert reverse("outreach_visit_detail", args=[visit_a.pk]) not in body


def test_the_list_of_another_agency_s_stakeholder_is_404(as_user, liaison_a, stakeholder_b):
    assert as_user(liaison_a).get(LIST, {"stakeholder": stakeholder_b.pk}).status_code == 404


def test_the_list_costs_the_same_queries_for_one_row_and_three(
    as_user, coordinator, stakeholder_a, count_queries
):
    client = as_user(coordinator)
    VisitFactory(stakeholder=stakeholder_a)
    one, _ = count_queries(lambda: client.get(LIST))
    VisitFactory.create_batch(2, stakeholder=stakeholder_a)
    three, _ = count_queries(lambda: client.get(LIST))
    assert one == three


def test_the_exports_hold_the_visible_visits(as_user, liaison_a, visit_a, visit_b):
    response = as_user(liaison_a).get(reverse("outreach_visit_export", args=["csv"]))
    rows = list(csv.reader(io.StringIO(response.getvalue().decode("utf-8")[1:])))
    assert [r[0] for r in rows[1:]] == [str(visit_a)]
    sheet = xlsx_rows(as_user(liaison_a).get(reverse("outreach_visit_export", args=["xlsx"])))
    assert [r[0] for r in sheet[1:]] == [str(visit_a)]


def test_a_liaison_records_a_visit_from_the_stakeholder_page(
    as_user, liaison_a, stakeholder_a, agency_a
):
    booklet = MaterialFactory(agency=agency_a)
    client = as_user(liaison_a)
    url = reverse("outreach_visit_create", args=[stakeholder_a.pk])
    assert client.get(url).status_code == 200
    response = client.post(
        url,
        {
            "date": "2010-03-10",
            "attendees": "Ing. Laura Méndez\nLic. Pedro Ruiz",
            "topics_es": "Indicadores",
            "topics_en": "Indicators",
            "materials": [booklet.pk],
        },
    )
    visit = Visit.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("outreach_visit_detail", args=[visit.pk])
    assert list(visit.materials.all()) == [booklet]
    assert visit.meeting.title_es.startswith("Visita de difusión")


def test_the_visit_form_shows_errors_and_writes_nothing(as_user, liaison_a, stakeholder_a):
    response = as_user(liaison_a).post(
        reverse("outreach_visit_create", args=[stakeholder_a.pk]),
        {"date": "not a date", "attendees": "", "topics_es": "", "topics_en": ""},
    )
    assert response.status_code == 400
    assert not Visit.objects.exists()
    assert not Meeting.objects.exists()


@pytest.mark.parametrize("who", ["analyst_a", "auditor"])
def test_readers_record_no_visit(as_user, request, who, stakeholder_a):
    client = as_user(request.getfixturevalue(who))
    url = reverse("outreach_visit_create", args=[stakeholder_a.pk])
    assert client.get(url).status_code == 403
    response = client.post(
        url,
        {"date": "2010-03-10", "attendees": "x", "topics_es": "x", "topics_en": "x"},
    )
    assert response.status_code == 403
    assert not Visit.objects.exists()
    assert denied("outreach.visit.create") == 1


def test_the_detail_shows_attendees_materials_and_follow_ups(as_user, liaison_a, visit_a, agency_a):
    booklet = MaterialFactory(agency=agency_a, title_es="Folleto de indicadores químicos")
    visit_a.materials.add(booklet)
    client = as_user(liaison_a)
    url = reverse("outreach_visit_detail", args=[visit_a.pk])
    response = client.post(
        reverse("outreach_visit_follow_up", args=[visit_a.pk]),
        {
            "title_es": "Enviar el folleto",
            "title_en": "Send the booklet",
            "due_date": "2010-03-31",
        },
    )
    assert response.status_code == 302
    item = ActionItem.objects.get()
    assert (item.meeting, item.owner_agency) == (visit_a.meeting, agency_a)
    body = client.get(url).content.decode()
    assert "Ing. Laura Méndez (empresa)" in body
    assert "Folleto de indicadores químicos" in body
    assert "Enviar el folleto" in body
    assert reverse("action_item_detail", args=[item.pk]) in body
    # the follow-up is on the coordination page of the action item, for the visiting agency
    assert client.get(reverse("action_item_detail", args=[item.pk])).status_code == 200


def test_a_bad_follow_up_shows_errors(as_user, liaison_a, visit_a):
    response = as_user(liaison_a).post(
        reverse("outreach_visit_follow_up", args=[visit_a.pk]),
        {"title_es": "", "title_en": "x", "due_date": ""},
    )
    assert response.status_code == 400
    assert not ActionItem.objects.exists()


def test_the_follow_up_form_is_post_only(as_user, liaison_a, visit_a):
    response = as_user(liaison_a).get(reverse("outreach_visit_follow_up", args=[visit_a.pk]))
    assert response.status_code == 405


def test_an_auditor_adds_no_follow_up(as_user, auditor, visit_a):
    response = as_user(auditor).post(
        reverse("outreach_visit_follow_up", args=[visit_a.pk]),
        {"title_es": "Algo", "title_en": "Something", "due_date": "2010-03-31"},
    )
    assert response.status_code == 403
    assert not ActionItem.objects.exists()
    assert denied("outreach.visit.follow_up") == 1


def test_the_edit_form_saves(as_user, liaison_a, visit_a):
    response = as_user(liaison_a).post(
        reverse("outreach_visit_edit", args=[visit_a.pk]),
        {
            "date": "2010-03-12",
            "attendees": "Ing. Laura Méndez",
            "topics_es": "Indicadores",
            "topics_en": "Indicators",
        },
    )
    assert response.status_code == 302
    visit_a.refresh_from_db()
    assert visit_a.date == datetime.date(2010, 3, 12)
    assert Meeting.objects.get(pk=visit_a.meeting_id).date == datetime.date(2010, 3, 12)
