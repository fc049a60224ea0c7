"""The entity pages: only what the access rule lets through, 404 for the rest (an entity named
only in hidden reports answers exactly like a missing one), writes for their writers only."""

import re

import pytest
from django.urls import reverse

from nonprolif.core.models import AuditEntry
from nonprolif.intel.models import Entity, ReportEntity
from tests.intel.conftest import EntityFactory, ReportFactory, link

pytestmark = pytest.mark.django_db


def without_request_ids(body: bytes) -> bytes:
    body = re.sub(rb'name="csrfmiddlewaretoken" value="[^"]+"', b"", body)
    return re.sub(rb'content="[A-Za-z0-9]{32,}"', b"", body)


def test_entity_list_shows_visible_entities_with_visible_counts(as_user, world, analyst_b):
    body = as_user(analyst_b).get(reverse("intel_entity_list")).content.decode()
    assert "Químicos del Norte S.A." in body
    assert "Naviera Golfo" in body
    assert "Persona Oculta" not in body
    entry = AuditEntry.objects.filter(action="intel.entity.list").latest("pk")
    assert sorted(entry.object_ids) == sorted([world.x.pk, world.y.pk])


def test_entity_list_filters(as_user, world, analyst_b):
    client = as_user(analyst_b)
    body = client.get(reverse("intel_entity_list"), {"q": "qdn"}).content.decode()
    assert "Químicos del Norte S.A." in body
    assert "Naviera Golfo" not in body
    body = client.get(reverse("intel_entity_list"), {"kind": "vessel"}).content.decode()
    assert "Naviera Golfo" in body
    assert "Químicos" not in body
    assert client.get(reverse("intel_entity_list"), {"kind": "dragon"}).status_code == 200


def test_entity_list_query_count_does_not_grow(as_user, agency_a, analyst_a, count_queries):
    client = as_user(analyst_a)
    url = reverse("intel_entity_list")

    def with_rows(n):
        for _ in range(n):
            link(ReportFactory(originator=agency_a), EntityFactory(owner=agency_a))
        return count_queries(lambda: client.get(url))[0]

    assert with_rows(1) == with_rows(3)


def test_entity_page_shows_timeline_and_chart_of_visible_reports(as_user, world, analyst_b):
    response = as_user(analyst_b).get(reverse("intel_entity_detail", args=[world.x.pk]))
    body = response.content.decode()
    assert response.status_code == 200
    assert "A-R1" in body
    assert "QDN" in body
    assert "<svg" in body
    assert "A-HIDDEN" not in body
    assert "Palabra oculta" not in body
    assert "Naviera Golfo" not in body  # linked to X only through the hidden report
    assert " style=" not in body.split("<svg", 1)[1].split("</svg>", 1)[0]
    entry = AuditEntry.objects.filter(action="intel.entity.view").latest("pk")
    assert entry.object_ids == [world.x.pk]
    assert "Químicos" not in entry.object_repr


def test_entity_page_of_owner_shows_the_hidden_report(as_user, world, analyst_a):
    body = as_user(analyst_a).get(reverse("intel_entity_detail", args=[world.x.pk])).content
    assert b"A-HIDDEN" in body
    assert b"Naviera Golfo" in body


def test_entity_named_only_in_hidden_reports_answers_like_a_missing_one(as_user, world, analyst_b):
    client = as_user(analyst_b)
    hidden = client.get(reverse("intel_entity_detail", args=[world.only_hidden.pk]))
    missing = client.get(reverse("intel_entity_detail", args=[world.only_hidden.pk + 1000]))
    assert hidden.status_code == missing.status_code == 404
    assert without_request_ids(hidden.content) == without_request_ids(missing.content)


@pytest.mark.parametrize("who", ["analyst_b_low", "outsider", "auditor", "coordinator"])
def test_users_without_clearance_or_release_get_404(as_user, request, world, who):
    client = as_user(request.getfixturevalue(who))
    assert client.get(reverse("intel_entity_detail", args=[world.x.pk])).status_code == 404
    assert b"Qu\xc3\xadmicos" not in client.get(reverse("intel_entity_list")).content


def test_report_panel_lists_entities_and_related_reports(
    as_user, world, agency_a, agency_b, analyst_b
):
    r3 = ReportFactory(reference="A-R3", originator=agency_a, released_to=[agency_b])
    link(r3, world.x)
    body = as_user(analyst_b).get(reverse("intel_report_detail", args=[world.r1.pk])).content
    body = body.decode()
    assert "Químicos del Norte S.A." in body
    assert "A-R3" in body
    assert "A-HIDDEN" not in body
    assert reverse("intel_report_entity_add", args=[world.r1.pk]) not in body  # a reader


def test_writer_names_an_entity_through_the_picker(as_user, world, analyst_a):
    client = as_user(analyst_a)
    page = client.get(reverse("intel_report_detail", args=[world.r1.pk])).content.decode()
    add_url = reverse("intel_report_entity_add", args=[world.r1.pk])
    assert add_url in page
    form = client.get(add_url).content.decode()
    assert "<select" not in form.split('name="entity"')[0].rsplit("<form", 1)[-1]
    results = client.get(reverse("intel_entity_search"), {"q": "golfo"}).content.decode()
    assert f'data-value="{world.y.pk}"' in results
    response = client.post(add_url, {"entity": world.y.pk, "role": "consignee"})
    assert response.status_code == 302
    assert ReportEntity.objects.filter(report=world.r1, entity=world.y, role="consignee").exists()


def test_bad_link_input_names_the_field(as_user, world, analyst_a):
    add_url = reverse("intel_report_entity_add", args=[world.r1.pk])
    response = as_user(analyst_a).post(add_url, {"entity": "abc", "role": "friend"})
    assert response.status_code == 400
    form = response.context["form"]
    assert {"entity", "role"} <= set(form.errors)


def test_picker_offers_visible_entities_only(as_user, world, analyst_b):
    results = as_user(analyst_b).get(reverse("intel_entity_search"), {"q": "oculta"})
    assert b"Persona Oculta" not in results.content
    assert f'data-value="{world.only_hidden.pk}"'.encode() not in results.content


def test_picker_refuses_a_hidden_entity_pk(as_user, world, agency_b, analyst_b):
    own = ReportFactory(originator=agency_b)
    response = as_user(analyst_b).post(
        reverse("intel_report_entity_add", args=[own.pk]),
        {"entity": world.only_hidden.pk, "role": "subject"},
    )
    assert response.status_code == 400
    assert not ReportEntity.objects.filter(report=own).exists()


def test_reader_cannot_link_or_unlink(as_user, world, analyst_b):
    client = as_user(analyst_b)
    add = client.post(
        reverse("intel_report_entity_add", args=[world.r1.pk]),
        {"entity": world.x.pk, "role": "carrier"},
    )
    assert add.status_code == 403
    existing = ReportEntity.objects.get(report=world.r1, entity=world.x)
    remove = client.post(reverse("intel_entity_link_remove", args=[existing.pk]), {"confirm": "1"})
    assert remove.status_code == 403
    assert ReportEntity.objects.filter(pk=existing.pk).exists()
    assert ReportEntity.objects.filter(report=world.r1).count() == 1


def test_outsider_gets_404_on_hidden_link_and_report(as_user, world, analyst_b):
    client = as_user(analyst_b)
    hidden_link = ReportEntity.objects.get(report=world.hidden, entity=world.x)
    remove = client.post(
        reverse("intel_entity_link_remove", args=[hidden_link.pk]), {"confirm": "1"}
    )
    assert remove.status_code == 404
    add = client.get(reverse("intel_report_entity_add", args=[world.hidden.pk]))
    assert add.status_code == 404
    assert ReportEntity.objects.filter(pk=hidden_link.pk).exists()


def test_writer_removes_a_link_after_confirming(as_user, world, analyst_a):
    client = as_user(analyst_a)
    existing = ReportEntity.objects.get(report=world.r1, entity=world.x)
    url = reverse("intel_entity_link_remove", args=[existing.pk])
    assert client.get(url).status_code == 200
    assert ReportEntity.objects.filter(pk=existing.pk).exists()
    assert client.post(url, {"confirm": "1"}).status_code == 302
    assert not ReportEntity.objects.filter(pk=existing.pk).exists()


def test_analyst_registers_and_edits_an_entity(as_user, analyst_a):
    client = as_user(analyst_a)
    response = client.post(
        reverse("intel_entity_create"),
        {"kind": "person", "name": "Juan Pérez", "aliases": "J. Pérez\nJuanito"},
    )
    assert response.status_code == 302
    entity = Entity.objects.get(name="Juan Pérez")
    assert sorted(entity.aliases.values_list("name", flat=True)) == ["J. Pérez", "Juanito"]
    edit = reverse("intel_entity_edit", args=[entity.pk])
    assert "Juanito" in client.get(edit).content.decode()
    response = client.post(edit, {"kind": "person", "name": "", "aliases": ""})
    assert response.status_code == 400
    assert "name" in response.context["form"].errors
    entity.refresh_from_db()
    assert entity.name == "Juan Pérez"


def test_other_agency_cannot_edit(as_user, world, analyst_b):
    client = as_user(analyst_b)
    url = reverse("intel_entity_edit", args=[world.x.pk])
    assert client.post(url, {"kind": "person", "name": "Otro"}).status_code == 403
    world.x.refresh_from_db()
    assert world.x.name == "Químicos del Norte S.A."


def test_liaison_cannot_register(as_user, liaison_a):
    client = as_user(liaison_a)
    assert client.get(reverse("intel_entity_create")).status_code == 403
    assert (
        client.post(reverse("intel_entity_create"), {"kind": "person", "name": "X"}).status_code
        == 403
    )
    assert not Entity.objects.exists()


def test_entity_page_query_count_does_not_grow(as_user, agency_a, analyst_a, count_queries):
    client = as_user(analyst_a)
    center = EntityFactory(owner=agency_a)
    url = reverse("intel_entity_detail", args=[center.pk])

    def with_reports(n):
        for _ in range(n):
            report = ReportFactory(originator=agency_a)
            link(report, center)
            link(report, EntityFactory(owner=agency_a))
        return count_queries(lambda: client.get(url))[0]

    assert with_reports(1) == with_reports(3)


def test_report_panel_query_count_does_not_grow(as_user, agency_a, analyst_a, count_queries):
    client = as_user(analyst_a)
    report = ReportFactory(originator=agency_a)
    url = reverse("intel_report_detail", args=[report.pk])

    def with_entities(n):
        for _ in range(n):
            entity = EntityFactory(owner=agency_a)
            link(report, entity)
            link(ReportFactory(originator=agency_a), entity)
        return count_queries(lambda: client.get(url))[0]

    assert with_entities(1) == with_entities(3)


def test_chart_escapes_names(as_user, agency_a, analyst_a):
    report = ReportFactory(originator=agency_a)
    entity = EntityFactory(owner=agency_a, name='<script>alert("x")</script> & Co')
    link(report, entity)
    body = as_user(analyst_a).get(reverse("intel_entity_detail", args=[entity.pk])).content
    assert b"<script>alert" not in body
    assert b"&lt;script&gt;alert" in body


def test_an_entity_id_past_64_bits_is_an_invalid_choice(as_user, analyst_a, agency_a):
    report = ReportFactory(originator=agency_a, status="draft")
    response = as_user(analyst_a).post(
        reverse("intel_report_entity_add", args=[report.pk]),
        {"entity": "99999999999999999999999", "role": "subject"},
    )
    assert response.status_code == 400
    assert not ReportEntity.objects.exists()
