"""The lists API: the same selectors and services as the pages. A partner or a user without a
role finds nothing (404); the import is the coordinators' (403 for others, nothing written);
a file that cannot be read is 422 on ``file``."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from nonprolif.screening.lists.domain import import_list, load_controls
from nonprolif.screening.models import ListEntry, ListSnapshot, Watchlist
from tests.screening.lists.conftest import controls, generic, sample

pytestmark = pytest.mark.django_db

API = "/api/v1/screening"

FIRST = generic("A-1,person,José Núñez,,1970,MX,,DPRK,", "A-2,person,Ana Gómez,,,,,,")
SECOND = generic("A-1,person,José Núñez,,1971,MX,,DPRK,", "A-3,entity,Nueva S.A.,,,,,,")
ROW = "AG,1C350.1,Thiodiglycol,Tiodiglicol,111-48-8,293090,,thiodiglycol,tiodiglicol"


@pytest.fixture
def imported(coordinator):
    import_list(source="csv", data=FIRST, file_name="1.csv", actor=coordinator, list_code="mx")
    load_controls(data=controls(ROW), actor=coordinator)
    return import_list(
        source="csv", data=SECOND, file_name="2.csv", actor=coordinator, list_code="mx"
    )


def urls(snapshot) -> list[str]:
    entry = ListEntry.objects.get(external_id="A-1")
    return [
        f"{API}/lists",
        f"{API}/lists/mx",
        f"{API}/lists/mx/entries",
        f"{API}/lists/mx/snapshots",
        f"{API}/snapshots/{snapshot.pk}/changes",
        f"{API}/entries/{entry.pk}",
        f"{API}/controls",
    ]


def test_the_lists_through_the_api(as_user, imported, analyst):
    client = as_user(analyst)
    lists = client.get(f"{API}/lists").json()
    assert lists["count"] == 1
    (watchlist,) = lists["items"]
    assert (watchlist["code"], watchlist["source"], watchlist["threshold"]) == ("mx", "csv", 0.85)
    assert watchlist["latest"]["number"] == 2
    assert (watchlist["latest"]["added_count"], watchlist["latest"]["changed_count"]) == (1, 1)
    entries = client.get(f"{API}/lists/mx/entries").json()
    assert [e["external_id"] for e in entries["items"]] == ["A-1", "A-3"]
    found = client.get(f"{API}/lists/mx/entries", {"q": "NUNEZ"}).json()
    assert [e["external_id"] for e in found["items"]] == ["A-1"]
    page = client.get(f"{API}/lists/mx/entries", {"limit": 1, "offset": 1}).json()
    assert (page["count"], [e["external_id"] for e in page["items"]]) == (2, ["A-3"])
    snapshots = client.get(f"{API}/lists/mx/snapshots").json()
    assert [s["number"] for s in snapshots["items"]] == [2, 1]
    changes = client.get(f"{API}/snapshots/{imported.pk}/changes").json()
    assert {(c["change"], c["entry"]["external_id"]) for c in changes["items"]} == {
        ("added", "A-3"),
        ("changed", "A-1"),
        ("removed", "A-2"),
    }
    removed = client.get(f"{API}/snapshots/{imported.pk}/changes", {"change": "removed"}).json()
    assert [c["entry"]["removed"] for c in removed["items"]] == [True]
    entry = ListEntry.objects.get(external_id="A-1")
    detail = client.get(f"{API}/entries/{entry.pk}").json()
    assert detail["content"]["birth_dates"] == ["1971"]
    assert [(c["snapshot_number"], c["change"]) for c in detail["changes"]] == [
        (2, "changed"),
        (1, "added"),
    ]
    assert detail["changes"][0]["previous_content"]["birth_dates"] == ["1970"]
    controls_found = client.get(f"{API}/controls", {"q": "111-48-8", "regime": "AG"}).json()
    assert [c["code"] for c in controls_found["items"]] == ["1C350.1"]


def test_a_partner_and_a_user_without_role_get_404(as_user, imported, partner, outsider):
    for user in (partner, outsider):
        client = as_user(user)
        for url in urls(imported):
            assert client.get(url).status_code == 404, (user.username, url)
        upload = SimpleUploadedFile("x.csv", FIRST)
        response = client.post(
            f"{API}/lists/import", {"source": "csv", "file": upload, "list_code": "x"}
        )
        assert response.status_code == 404
    assert not Watchlist.objects.filter(code="x").exists()


def test_missing_objects_are_404(as_user, analyst):
    client = as_user(analyst)
    assert client.get(f"{API}/lists/none").status_code == 404
    assert client.get(f"{API}/lists/none/entries").status_code == 404
    assert client.get(f"{API}/snapshots/999/changes").status_code == 404
    assert client.get(f"{API}/entries/999").status_code == 404


def test_a_coordinator_imports_through_the_api(as_user, coordinator):
    client = as_user(coordinator)
    response = client.post(
        f"{API}/lists/import",
        {"source": "un", "file": SimpleUploadedFile("un.xml", sample("un.xml"))},
    )
    assert response.status_code == 201
    body = response.json()
    snapshot = ListSnapshot.objects.get()
    assert (body["id"], body["list"], body["number"]) == (snapshot.pk, "un", 1)
    assert body["added_count"] == snapshot.entry_count
    again = client.post(
        f"{API}/lists/import",
        {"source": "un", "file": SimpleUploadedFile("un.xml", sample("un.xml"))},
    )
    assert again.status_code == 422
    assert {e["field"] for e in again.json()["detail"]} == {"file"}
    bad = client.post(
        f"{API}/lists/import",
        {"source": "un", "file": SimpleUploadedFile("b.xml", b"<nope/>"), "list_code": "other"},
    )
    assert bad.status_code == 422
    assert {e["field"] for e in bad.json()["detail"]} == {"file"}
    assert ListSnapshot.objects.count() == 1


def test_others_may_not_import_through_the_api(as_user, analyst, auditor):
    for user in (analyst, auditor):
        upload = SimpleUploadedFile("un.xml", sample("un.xml"))
        response = as_user(user).post(f"{API}/lists/import", {"source": "un", "file": upload})
        assert response.status_code == 403
    assert not Watchlist.objects.exists()
