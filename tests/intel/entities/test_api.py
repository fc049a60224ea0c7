"""The entities API answers from the same selectors as the pages: 404 for what the access
rule hides, 403 for a reader's write, 422 naming the field."""

import pytest

from nonprolif.intel.models import Entity, ReportEntity

pytestmark = pytest.mark.django_db

API = "/api/v1"
JSON = "application/json"


def fields_of(response) -> set[str]:
    return {error["field"] for error in response.json()["detail"]}


def test_list_and_detail_show_visible_entities_only(as_user, world, analyst_b):
    client = as_user(analyst_b)
    listing = client.get(f"{API}/intel/entities").json()
    assert listing["count"] == 2
    assert {item["name"] for item in listing["items"]} == {
        "Químicos del Norte S.A.",
        "Naviera Golfo",
    }
    one = client.get(f"{API}/intel/entities/{world.x.pk}").json()
    assert (one["aliases"], one["report_count"]) == (["QDN"], 1)
    assert client.get(f"{API}/intel/entities", {"q": "qdn"}).json()["count"] == 1


def test_hidden_entity_is_404_on_every_read(as_user, world, analyst_b):
    client = as_user(analyst_b)
    for suffix in ("", "/timeline", "/graph"):
        hidden = client.get(f"{API}/intel/entities/{world.only_hidden.pk}{suffix}")
        missing = client.get(f"{API}/intel/entities/{world.only_hidden.pk + 1000}{suffix}")
        assert hidden.status_code == missing.status_code == 404
        assert hidden.json() == missing.json()
    assert client.get(f"{API}/intel/reports/{world.hidden.pk}/entities").status_code == 404


def test_timeline_and_graph_leave_out_the_hidden_report(as_user, world, analyst_b):
    client = as_user(analyst_b)
    timeline = client.get(f"{API}/intel/entities/{world.x.pk}/timeline").json()
    assert [item["reference"] for item in timeline["items"]] == ["A-R1"]
    assert timeline["items"][0]["roles"] == ["subject"]
    graph = client.get(f"{API}/intel/entities/{world.x.pk}/graph").json()
    assert {node["key"] for node in graph["nodes"]} == {
        f"entity-{world.x.pk}",
        f"report-{world.r1.pk}",
    }
    assert graph["edges"] == [
        {
            "source": f"report-{world.r1.pk}",
            "target": f"entity-{world.x.pk}",
            "roles": ["subject"],
        }
    ]


def test_analyst_creates_and_edits_an_entity(as_user, analyst_a):
    client = as_user(analyst_a)
    response = client.post(
        f"{API}/intel/entities",
        {"kind": "vessel", "name": "MV Golfo", "identifier": "IMO 9123456", "aliases": ["Golfo"]},
        content_type=JSON,
    )
    assert response.status_code == 201
    entity_id = response.json()["id"]
    assert response.json()["report_count"] == 0
    patched = client.patch(
        f"{API}/intel/entities/{entity_id}", {"name": "MV Golfo II"}, content_type=JSON
    )
    assert patched.status_code == 200
    assert (patched.json()["name"], patched.json()["aliases"]) == ("MV Golfo II", ["Golfo"])


def test_bad_entity_is_422_naming_the_field(as_user, analyst_a):
    response = as_user(analyst_a).post(
        f"{API}/intel/entities", {"kind": "vessel", "name": ""}, content_type=JSON
    )
    assert response.status_code == 422
    assert "name" in fields_of(response)
    response = as_user(analyst_a).post(
        f"{API}/intel/entities", {"kind": "dragon", "name": "X"}, content_type=JSON
    )
    assert response.status_code == 422
    assert "kind" in fields_of(response)
    assert not Entity.objects.exists()


def test_link_and_unlink_through_the_api(as_user, world, analyst_a):
    client = as_user(analyst_a)
    response = client.post(
        f"{API}/intel/reports/{world.r1.pk}/entities",
        {"entity": world.y.pk, "role": "consignee"},
        content_type=JSON,
    )
    assert response.status_code == 201
    link_id = response.json()["id"]
    listing = client.get(f"{API}/intel/reports/{world.r1.pk}/entities").json()
    assert {(i["entity"], i["role"]) for i in listing["items"]} == {
        (world.x.pk, "subject"),
        (world.y.pk, "consignee"),
    }
    duplicate = client.post(
        f"{API}/intel/reports/{world.r1.pk}/entities",
        {"entity": world.y.pk, "role": "consignee"},
        content_type=JSON,
    )
    assert duplicate.status_code == 422
    assert fields_of(duplicate) == {"role"}
    assert client.delete(f"{API}/intel/entity-links/{link_id}").status_code == 204
    assert not ReportEntity.objects.filter(pk=link_id).exists()


def test_reader_cannot_link_or_unlink_through_the_api(as_user, world, analyst_b):
    client = as_user(analyst_b)
    response = client.post(
        f"{API}/intel/reports/{world.r1.pk}/entities",
        {"entity": world.y.pk, "role": "consignee"},
        content_type=JSON,
    )
    assert response.status_code == 403
    existing = ReportEntity.objects.get(report=world.r1, entity=world.x)
    assert client.delete(f"{API}/intel/entity-links/{existing.pk}").status_code == 403
    hidden = ReportEntity.objects.get(report=world.hidden, entity=world.x)
    assert client.delete(f"{API}/intel/entity-links/{hidden.pk}").status_code == 404
    assert ReportEntity.objects.filter(pk__in=[existing.pk, hidden.pk]).count() == 2
    assert not ReportEntity.objects.filter(report=world.r1, entity=world.y).exists()


def test_linking_a_hidden_entity_is_404(as_user, world, agency_b, analyst_b):
    from tests.intel.conftest import ReportFactory

    own = ReportFactory(originator=agency_b)
    response = as_user(analyst_b).post(
        f"{API}/intel/reports/{own.pk}/entities",
        {"entity": world.only_hidden.pk, "role": "subject"},
        content_type=JSON,
    )
    assert response.status_code == 404
    assert not ReportEntity.objects.filter(report=own).exists()


def test_other_agency_cannot_edit_through_the_api(as_user, world, analyst_b):
    response = as_user(analyst_b).patch(
        f"{API}/intel/entities/{world.x.pk}", {"name": "Otro"}, content_type=JSON
    )
    assert response.status_code == 403
    world.x.refresh_from_db()
    assert world.x.name == "Químicos del Norte S.A."
