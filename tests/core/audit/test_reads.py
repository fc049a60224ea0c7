"""Read auditing: one entry per GET of a signed-in user, naming what was shown; refused
writes are denied entries; no entry, no content (fail closed)."""

import pytest
from django.test import Client, override_settings

from nonprolif.core.domain.audit import verify_chain
from nonprolif.core.domain.tokens import issue_token
from nonprolif.core.models import AuditEntry, Official
from tests.conftest import client_for
from tests.core.views.test_officials import form_data
from tests.factories import OfficialFactory
from tests.faults import fail_save

pytestmark = pytest.mark.django_db


def new_entries(before: int) -> list[AuditEntry]:
    return list(AuditEntry.objects.filter(seq__gt=before).order_by("seq"))


def last_seq() -> int:
    entry = AuditEntry.objects.order_by("-seq").first()
    return entry.seq if entry else 0


def test_reading_an_officials_page_adds_exactly_one_entry(coordinator, official_a):
    client = client_for(coordinator)
    before = last_seq()
    response = client.get(f"/officials/{official_a.pk}/")
    assert response.status_code == 200
    [entry] = new_entries(before)
    assert (entry.action, entry.object_type, entry.object_id) == (
        "official.view",
        "core.official",
        str(official_a.pk),
    )
    assert entry.object_repr == str(official_a)
    assert (entry.actor, entry.actor_name, entry.role, entry.agency) == (
        coordinator,
        "coordinator",
        "coordinator",
        "AAA",
    )
    assert entry.outcome == "allowed"
    assert entry.request_id == response["X-Request-ID"]
    assert entry.client_address == "127.0.0.1"
    assert entry.changes["url"] == "official_detail"
    assert entry.changes["kwargs"] == {"pk": str(official_a.pk)}
    assert verify_chain().ok


def test_a_list_adds_one_entry_naming_the_ids_shown(liaison_a, agency_a, agency_b):
    shown = [OfficialFactory(agency=agency_a, family_names=f"Ruiz{n}") for n in range(3)]
    OfficialFactory(agency=agency_b)  # not visible to the liaison of AAA
    before = last_seq()
    response = client_for(liaison_a).get("/officials/", {"q": "Ruiz"})
    assert response.status_code == 200
    [entry] = new_entries(before)
    assert entry.action == "official.list"
    assert entry.object_type == "core.official"
    assert sorted(entry.object_ids) == sorted(o.pk for o in shown)
    assert entry.changes["search"] == {"q": "Ruiz"}
    assert entry.changes["query"] == {"q": "Ruiz"}


def test_a_list_names_only_the_page_shown(coordinator, agency_a):
    OfficialFactory.create_batch(30, agency=agency_a)
    before = last_seq()
    response = client_for(coordinator).get("/officials/", {"page": 2})
    [entry] = new_entries(before)
    assert len(entry.object_ids) == 5
    assert entry.object_ids == [o.pk for o in response.context["page"]]


def test_an_api_read_adds_one_entry(liaison_a, official_a, official_b):
    _token, raw = issue_token(user=liaison_a, name="tests")
    api = Client(headers={"Authorization": f"Bearer {raw}"})
    before = last_seq()
    assert api.get(f"/api/v1/officials/{official_a.pk}").status_code == 200
    [entry] = new_entries(before)
    assert (entry.actor, entry.action, entry.object_type, entry.object_id) == (
        liaison_a,
        "read",
        "core.official",
        str(official_a.pk),
    )
    assert entry.changes["url"] == "api-1.0.0:get_official"

    before = last_seq()
    response = api.get("/api/v1/officials")
    [entry] = new_entries(before)
    assert entry.object_ids == [item["id"] for item in response.json()["items"]]
    assert entry.object_ids == [official_a.pk]


def test_an_outsiders_404_is_a_denied_entry_naming_the_url(liaison_b, official_a):
    before = last_seq()
    assert client_for(liaison_b).get(f"/officials/{official_a.pk}/").status_code == 404
    [entry] = new_entries(before)
    assert entry.outcome == "denied"
    assert entry.object_id == str(official_a.pk)
    assert entry.object_repr == ""  # nothing of it was shown
    assert entry.changes["status"] == 404


def test_a_refused_write_is_one_denied_entry_and_changes_nothing(liaison_b, official_a):
    before = last_seq()
    response = client_for(liaison_b).post(
        f"/officials/{official_a.pk}/edit/", form_data(official_a.agency, position="X")
    )
    assert response.status_code == 404
    [entry] = new_entries(before)
    assert (entry.action, entry.outcome, entry.changes["method"]) == ("write", "denied", "POST")
    official_a.refresh_from_db()
    assert official_a.position != "X"


def test_a_refused_api_write_is_a_denied_entry(liaison_b, official_a):
    _token, raw = issue_token(user=liaison_b, name="tests")
    api = Client(headers={"Authorization": f"Bearer {raw}"})
    before = last_seq()
    response = api.patch(
        f"/api/v1/officials/{official_a.pk}", '{"position": "X"}', content_type="application/json"
    )
    assert response.status_code == 404
    [entry] = new_entries(before)
    assert (entry.outcome, entry.changes["method"]) == ("denied", "PATCH")
    assert Official.objects.get(pk=official_a.pk).position != "X"


def test_a_write_is_audited_by_its_service_only(coordinator, official_a):
    before = last_seq()
    client_for(coordinator).post(
        f"/officials/{official_a.pk}/edit/",
        form_data(official_a.agency, position="Nuevo"),
    )
    assert [e.action for e in new_entries(before)] == ["official.update"]


def test_an_anonymous_visitor_and_unscoped_urls_write_nothing(client, coordinator):
    before = last_seq()
    client.get("/officials/")
    client.get("/login/")
    client_for(coordinator).get("/api/v1/openapi.json")
    client_for(coordinator).post("/language/", {"language": "en"})
    assert new_entries(before) == []


def test_every_answer_carries_a_request_id(client):
    first = client.get("/login/")["X-Request-ID"]
    second = client.get("/login/")["X-Request-ID"]
    assert len(first) == 36
    assert first != second


@override_settings(CLIENT_ADDRESS_PROXY_COUNT=1)
def test_the_client_address_comes_from_the_trusted_proxys_header(coordinator, official_a):
    before = last_seq()
    client_for(coordinator).get(
        f"/officials/{official_a.pk}/", headers={"X-Forwarded-For": "198.51.100.1, 203.0.113.9"}
    )
    [entry] = new_entries(before)
    assert entry.client_address == "203.0.113.9"


def test_without_the_setting_a_forwarded_header_is_ignored(coordinator, official_a):
    before = last_seq()
    client_for(coordinator).get(
        f"/officials/{official_a.pk}/", headers={"X-Forwarded-For": "203.0.113.9"}
    )
    [entry] = new_entries(before)
    assert entry.client_address == "127.0.0.1"


def test_a_service_write_during_a_request_carries_its_id(coordinator, official_a):
    response = client_for(coordinator).post(
        f"/officials/{official_a.pk}/edit/",
        form_data(official_a.agency, position="Nuevo"),
    )
    entry = AuditEntry.objects.get(action="official.update")
    assert entry.request_id == response["X-Request-ID"]


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize(
    "url",
    ["/officials/{pk}/", "/officials/", "/api/v1/officials/{pk}", "/api/v1/officials"],
)
def test_no_entry_no_content(url, coordinator, official_a):
    """Fail closed: when the entry cannot be written the answer is a 503 without content."""
    client = client_for(coordinator)
    with fail_save(AuditEntry) as fault:
        response = client.get(url.format(pk=official_a.pk))
    assert fault.hit
    assert response.status_code == 503
    assert response.content == b""
    assert AuditEntry.objects.count() == 0
    assert client.get(url.format(pk=official_a.pk)).status_code == 200
