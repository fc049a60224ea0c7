"""The lists pages: for those who read the lists (coordinators, analysts, auditors, liaisons),
nothing for a partner or a user without a role (404); the import and the load for
coordinators only (403, nothing written); query counts that do not grow with the entries."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from nonprolif.screening.lists.domain import import_list
from nonprolif.screening.models import ControlListEntry, ListEntry, ListSnapshot, Watchlist
from tests.screening.factories_lists import (
    ControlListEntryFactory,
    ListEntryFactory,
    ListSnapshotFactory,
    WatchlistFactory,
)
from tests.screening.lists.conftest import controls, generic, sample

pytestmark = pytest.mark.django_db

#: A Russian company's name in Cyrillic (its three final letters are Cyrillic on purpose).
CYRILLIC = "Тестовая Компания ООО"

FIRST = generic(
    "A-1,person,José Núñez Olvera,~Pepe Núñez,1970-05-01,MX,passport:P123:MX,DPRK,",
    f"A-2,entity,{CYRILLIC},Testovaya Kompaniya OOO,,RU,,Iran,",
    "A-3,person,Ana Gómez,,,,,,",
)
SECOND = generic(
    "A-1,person,José Núñez Olvera,~Pepe Núñez,1970-05-01; 1971,MX,passport:P123:MX,DPRK,",
    f"A-2,entity,{CYRILLIC},Testovaya Kompaniya OOO,,RU,,Iran,",
    "A-4,entity,Nueva Empresa S.A.,,,,,,",
)


@pytest.fixture
def imported(coordinator):
    import_list(source="csv", data=FIRST, file_name="one.csv", actor=coordinator, list_code="mx")
    return import_list(
        source="csv", data=SECOND, file_name="two.csv", actor=coordinator, list_code="mx"
    )


def pages(snapshot) -> list[str]:
    entry = ListEntry.objects.get(external_id="A-1")
    return [
        reverse("screening_list_list"),
        reverse("screening_list_detail", args=["mx"]),
        reverse("screening_snapshot_detail", args=[snapshot.pk]),
        reverse("screening_entry_detail", args=[entry.pk]),
        reverse("screening_control_list"),
    ]


def test_readers_of_the_lists_see_every_page(
    as_user, imported, coordinator, analyst, auditor, liaison_a
):
    for user in (coordinator, analyst, auditor, liaison_a):
        client = as_user(user)
        for url in pages(imported):
            assert client.get(url).status_code == 200, (user.username, url)


def test_a_partner_and_a_user_without_role_find_no_page(as_user, imported, partner, outsider):
    for user in (partner, outsider):
        client = as_user(user)
        for url in [
            *pages(imported),
            reverse("screening_list_import"),
            reverse("screening_control_load"),
        ]:
            assert client.get(url).status_code == 404, (user.username, url)
        data = {"source": "csv", "file": SimpleUploadedFile("x.csv", SECOND), "list_code": "x"}
        assert client.post(reverse("screening_list_import"), data).status_code == 404
    assert not Watchlist.objects.filter(code="x").exists()


def test_a_missing_list_snapshot_or_entry_is_404(as_user, analyst):
    client = as_user(analyst)
    assert client.get(reverse("screening_list_detail", args=["none"])).status_code == 404
    assert client.get(reverse("screening_snapshot_detail", args=[999])).status_code == 404
    assert client.get(reverse("screening_entry_detail", args=[999])).status_code == 404


def test_the_lists_page_shows_each_list_with_its_latest_snapshot(as_user, imported, analyst):
    WatchlistFactory(code="empty", name_en="Never imported")
    page = as_user(analyst).get(reverse("screening_list_list"), HTTP_ACCEPT_LANGUAGE="en")
    lists = {w.code: w for w in page.context["lists"]}
    assert lists["mx"].latest == imported
    assert lists["empty"].latest is None
    assert b"0.85" in page.content


def test_a_list_page_searches_the_current_entries_by_folded_name(as_user, imported, analyst):
    client = as_user(analyst)
    url = reverse("screening_list_detail", args=["mx"])
    shown = client.get(url).context["entries"].object_list
    assert [e.external_id for e in shown] == ["A-1", "A-2", "A-4"]
    found = client.get(url, {"q": "jose nunez"}).context["entries"].object_list
    assert [e.external_id for e in found] == ["A-1"]
    assert [
        e.external_id for e in client.get(url, {"q": "A-4"}).context["entries"].object_list
    ] == ["A-4"]
    assert not client.get(url, {"q": "gomez"}).context["entries"].object_list  # removed
    snapshots = client.get(url).context["snapshots"].object_list
    assert [s.number for s in snapshots] == [2, 1]


def test_a_snapshot_page_shows_its_delta_with_what_changed(as_user, imported, analyst):
    client = as_user(analyst)
    url = reverse("screening_snapshot_detail", args=[imported.pk])
    response = client.get(url, HTTP_ACCEPT_LANGUAGE="en")
    rows = {
        change.entry.external_id: (change.change, fields)
        for change, fields in response.context["rows"]
    }
    assert set(rows) == {"A-1", "A-3", "A-4"}
    kind, fields = rows["A-1"]
    assert kind == "changed"
    assert [(f.before, f.after) for f in fields] == [(["1970-05-01"], ["1970-05-01", "1971"])]
    assert rows["A-3"][0] == "removed"
    only_added = client.get(url, {"change": "added"}).context["rows"]
    assert [c.entry.external_id for c, _fields in only_added] == ["A-4"]
    assert client.get(url, {"change": "other"}).status_code == 200


def test_an_entry_page_shows_names_with_quality_and_script(as_user, imported, analyst):
    entry = ListEntry.objects.get(external_id="A-2")
    response = as_user(analyst).get(
        reverse("screening_entry_detail", args=[entry.pk]), HTTP_ACCEPT_LANGUAGE="en"
    )
    names = [(n.text, n.quality, n.script) for n in response.context["names"]]
    assert names == [  # in the analyst's own language, whatever the browser's
        (CYRILLIC, "Fuerte", "Cirílica"),
        ("Testovaya Kompaniya OOO", "Fuerte", "Latina"),
    ]
    changed = ListEntry.objects.get(external_id="A-1")
    response = as_user(analyst).get(reverse("screening_entry_detail", args=[changed.pk]))
    assert [c.change for c, _fields in response.context["rows"]] == ["changed", "added"]
    assert "P123" in response.content.decode()


def test_a_coordinator_imports_a_file_and_sees_its_delta(as_user, coordinator):
    client = as_user(coordinator)
    assert client.get(reverse("screening_list_import")).status_code == 200
    response = client.post(
        reverse("screening_list_import"),
        {"source": "un", "file": SimpleUploadedFile("un.xml", sample("un.xml"))},
        follow=True,
    )
    snapshot = ListSnapshot.objects.get(watchlist__code="un")
    assert response.redirect_chain[-1][0] == reverse(
        "screening_snapshot_detail", args=[snapshot.pk]
    )
    assert len(response.context["rows"]) == min(25, snapshot.added_count)
    again = client.post(
        reverse("screening_list_import"),
        {"source": "un", "file": SimpleUploadedFile("un.xml", sample("un.xml"))},
    )
    assert again.status_code == 400
    assert again.context["form"].errors["file"]
    assert ListSnapshot.objects.count() == 1


def test_a_malformed_file_on_the_page_is_an_error_on_the_file(as_user, coordinator):
    response = as_user(coordinator).post(
        reverse("screening_list_import"),
        {"source": "un", "file": SimpleUploadedFile("un.xml", b"<CONSOLIDATED_LIST>")},
    )
    assert response.status_code == 400
    assert response.context["form"].errors["file"]
    assert not Watchlist.objects.exists()


def test_only_coordinators_import_or_load(as_user, analyst, liaison_a):
    for user in (analyst, liaison_a):
        client = as_user(user)
        assert client.get(reverse("screening_list_import")).status_code == 403
        assert client.get(reverse("screening_control_load")).status_code == 403
        upload = SimpleUploadedFile("un.xml", sample("un.xml"))
        assert (
            client.post(
                reverse("screening_list_import"), {"source": "un", "file": upload}
            ).status_code
            == 403
        )
    assert not Watchlist.objects.exists()


def test_a_coordinator_loads_a_control_list(as_user, coordinator):
    row = "AG,1C350.1,Thiodiglycol,Tiodiglicol,111-48-8,293090,,thiodiglycol,tiodiglicol"
    client = as_user(coordinator)
    response = client.post(
        reverse("screening_control_load"),
        {"file": SimpleUploadedFile("ag.csv", controls(row))},
    )
    assert response.status_code == 302
    assert ControlListEntry.objects.get().cas_numbers == ["111-48-8"]
    listing = client.get(reverse("screening_control_list"), {"q": "111-48-8", "regime": "AG"})
    assert [c.code for c in listing.context["page"].object_list] == ["1C350.1"]
    bad = client.post(
        reverse("screening_control_load"),
        {"file": SimpleUploadedFile("ag.csv", controls(row.replace("111-48-8", "111-48-9")))},
    )
    assert bad.status_code == 400
    assert ControlListEntry.objects.get().cas_numbers == ["111-48-8"]


def _add(watchlist, snapshot, later, count: int) -> None:
    for _ in range(count):
        entry = ListEntryFactory(first_snapshot=snapshot)
        entry.changes.create(
            snapshot=later, change="changed", previous_content={**entry.content, "remarks": "x"}
        )
    ControlListEntryFactory.create_batch(count)


def test_list_pages_query_counts_do_not_grow_with_entries(
    as_user, analyst, count_queries, django_assert_max_num_queries
):
    watchlist = WatchlistFactory(code="big")
    snapshot = ListSnapshotFactory(watchlist=watchlist, number=1)
    later = ListSnapshotFactory(watchlist=watchlist, number=2)
    _add(watchlist, snapshot, later, 1)
    client = as_user(analyst)
    entry = ListEntry.objects.get()
    urls = (
        reverse("screening_list_list"),
        reverse("screening_list_detail", args=["big"]),
        reverse("screening_snapshot_detail", args=[later.pk]),
        reverse("screening_entry_detail", args=[entry.pk]),
        reverse("screening_control_list"),
    )

    def counts() -> list[int]:
        found = []
        for url in urls:
            queries, response = count_queries(lambda url=url: client.get(url))
            assert response.status_code == 200, url
            found.append(queries)
        return found

    few = counts()
    _add(watchlist, snapshot, later, 30)
    assert counts() == few
    for url in urls:
        with django_assert_max_num_queries(25):
            client.get(url)
