"""Importing a list file: a numbered snapshot with its file's hash, the entries brought to the
file's, the delta against the entries before, all or nothing, audited."""

import hashlib

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import override_settings

from nonprolif.core.models import AuditEntry, Outcome
from nonprolif.screening.lists.domain import import_list
from nonprolif.screening.lists.parsers import parse
from nonprolif.screening.models import (
    ChangeKind,
    EntryChange,
    ListEntry,
    ListSnapshot,
    Watchlist,
)
from tests.screening.lists.conftest import SAMPLES, generic, sample

pytestmark = pytest.mark.django_db


def run(source, data, actor, **kwargs):
    return import_list(source=source, data=data, file_name=f"{source}.file", actor=actor, **kwargs)


def delta_of(snapshot) -> dict[str, set[str]]:
    found: dict[str, set[str]] = {kind: set() for kind in ChangeKind.values}
    for change, external_id in EntryChange.objects.filter(snapshot=snapshot).values_list(
        "change", "entry__external_id"
    ):
        found[change].add(external_id)
    return found


@pytest.mark.parametrize(("source", "name"), [*sorted(SAMPLES.items()), ("csl", "csl.json")])
def test_each_shipped_sample_imports_as_the_first_snapshot_of_its_list(source, name, coordinator):
    data = sample(name)
    parsed = parse(source, data)
    snapshot = run(source, data, coordinator)
    assert (snapshot.watchlist.code, snapshot.watchlist.source, snapshot.number) == (
        source,
        source,
        1,
    )
    assert snapshot.sha256 == hashlib.sha256(data).hexdigest()
    assert snapshot.published_on == parsed.published
    assert snapshot.imported_by == coordinator
    count = len(parsed.entries)
    assert count >= 10
    assert (snapshot.entry_count, snapshot.added_count, snapshot.changed_count) == (count, count, 0)
    assert snapshot.removed_count == 0
    stored = ListEntry.objects.current().filter(watchlist=snapshot.watchlist)
    assert stored.count() == count
    first = parsed.entries[0]
    entry = stored.get(external_id=first.external_id)
    assert (entry.name, entry.kind, entry.version) == (
        first.names[0].text,
        first.kind.value,
        first.version,
    )
    assert entry.content == first.content()
    assert (entry.first_snapshot, entry.changed_in, entry.removed_in) == (snapshot, snapshot, None)
    assert EntryChange.objects.filter(snapshot=snapshot, change=ChangeKind.ADDED).count() == count
    audit = AuditEntry.objects.get(action="screening.list.import")
    assert audit.changes["added"] == count
    assert audit.changes["number"] == 1
    assert audit.actor == coordinator


def test_the_next_un_file_gives_exactly_its_delta(coordinator):
    first, second = parse("un", sample("un.xml")), parse("un", sample("un-2.xml"))
    before = {e.external_id: e for e in first.entries}
    after = {e.external_id: e for e in second.entries}
    planned_changed = {i for i in before.keys() & after.keys() if before[i] != after[i]}
    assert len(after.keys() - before.keys()) == 1
    assert len(before.keys() - after.keys()) == 1
    assert len(planned_changed) == 2

    run("un", sample("un.xml"), coordinator)
    snapshot = run("un", sample("un-2.xml"), coordinator)
    assert snapshot.number == 2
    assert (snapshot.added_count, snapshot.changed_count, snapshot.removed_count) == (1, 2, 1)
    assert snapshot.entry_count == len(after)
    assert delta_of(snapshot) == {
        "added": after.keys() - before.keys(),
        "changed": planned_changed,
        "removed": before.keys() - after.keys(),
    }
    for external_id in planned_changed:
        change = EntryChange.objects.get(snapshot=snapshot, entry__external_id=external_id)
        assert change.previous_content == before[external_id].content()
        assert (change.old_version, change.new_version) == (
            before[external_id].version,
            after[external_id].version,
        )
        assert change.entry.content == after[external_id].content()
        assert change.entry.changed_in == snapshot
    (removed_id,) = before.keys() - after.keys()
    removed = ListEntry.objects.get(external_id=removed_id)
    assert removed.removed_in == snapshot
    current = ListEntry.objects.current().filter(watchlist__code="un")
    assert set(current.values_list("external_id", flat=True)) == set(after)


def test_an_entry_removed_then_listed_again_is_added_again(coordinator):
    run("csv", generic("A,person,Ana Uno,,,,,,", "B,person,Beto Dos,,,,,,"), coordinator)
    gone = run("csv", generic("A,person,Ana Uno,,,,,,"), coordinator)
    assert (gone.added_count, gone.changed_count, gone.removed_count) == (0, 0, 1)
    back = run(
        "csv", generic("A,person,Ana Uno,,,,,,", "B,person,Beto Dos Tres,,,,,,"), coordinator
    )
    assert (back.added_count, back.changed_count, back.removed_count) == (1, 0, 0)
    entry = ListEntry.objects.get(external_id="B")
    assert entry.removed_in is None
    assert entry.name == "Beto Dos Tres"
    change = EntryChange.objects.get(snapshot=back)
    assert change.change == ChangeKind.ADDED
    assert change.previous_content["names"][0]["text"] == "Beto Dos"
    assert ListEntry.objects.filter(external_id="B").count() == 1


def test_an_unchanged_file_with_other_bytes_is_a_snapshot_without_changes(coordinator):
    run("csv", generic("A,person,Ana Uno,,,,,,"), coordinator)
    again = run("csv", generic("A,person,Ana  Uno,,,,,,"), coordinator)
    assert (again.number, again.entry_count) == (2, 1)
    assert (again.added_count, again.changed_count, again.removed_count) == (0, 0, 0)
    assert not EntryChange.objects.filter(snapshot=again).exists()


def test_the_same_file_again_is_refused_naming_its_snapshot(coordinator, english):
    data = sample("un.xml")
    run("un", data, coordinator)
    with pytest.raises(ValidationError) as refused:
        run("un", data, coordinator)
    assert "snapshot 1 of un" in refused.value.message_dict["file"][0]
    assert ListSnapshot.objects.count() == 1


def test_a_malformed_file_names_where_and_writes_nothing(coordinator, english):
    truncated = sample("un.xml")[:-200]
    with pytest.raises(ValidationError) as refused:
        run("un", truncated, coordinator)
    assert "cannot be read" in refused.value.message_dict["file"][0]
    duplicate = generic("A,person,Ana Uno,,,,,,", "A,person,Ana Dos,,,,,,")
    with pytest.raises(ValidationError) as twice:
        run("csv", duplicate, coordinator)
    assert "line 3, column 'id'" in twice.value.message_dict["file"][0]
    assert not Watchlist.objects.exists()
    assert not ListEntry.objects.exists()
    assert not AuditEntry.objects.filter(action="screening.list.import").exists()


def test_a_file_of_another_format_than_its_list_is_refused(coordinator):
    run("csv", generic("A,person,Ana Uno,,,,,,"), coordinator, list_code="national")
    with pytest.raises(ValidationError) as refused:
        run("un", sample("un.xml"), coordinator, list_code="national")
    assert "source" in refused.value.message_dict
    assert ListSnapshot.objects.count() == 1


def test_a_named_list_is_created_with_its_names_else_the_format_label(coordinator):
    run(
        "csv",
        generic("A,person,Ana Uno,,,,,,"),
        coordinator,
        list_code="mx-national",
        list_name_es="Lista nacional",
        list_name_en="National list",
    )
    run("un", sample("un.xml"), coordinator)
    named = Watchlist.objects.get(code="mx-national")
    assert (named.name_es, named.name_en, named.source) == (
        "Lista nacional",
        "National list",
        "csv",
    )
    default = Watchlist.objects.get(code="un")
    assert default.name_en == "UN Security Council consolidated list"
    assert default.name_es


def test_a_reserved_list_code_is_refused(coordinator):
    with pytest.raises(ValidationError) as refused:
        run("csv", generic("A,person,Ana Uno,,,,,,"), coordinator, list_code="import")
    assert "list_code" in refused.value.message_dict
    assert not Watchlist.objects.exists()


def test_a_bad_list_code_is_an_error_on_it(coordinator):
    with pytest.raises(ValidationError) as refused:
        run("csv", generic("A,person,Ana Uno,,,,,,"), coordinator, list_code="Not a slug!")
    assert set(refused.value.message_dict) == {"list_code"}
    assert not Watchlist.objects.exists()


def test_a_file_without_a_name_is_named_after_its_snapshot(coordinator):
    snapshot = import_list(
        source="csv", data=generic("A,person,Ana Uno,,,,,,"), file_name="", actor=coordinator
    )
    assert snapshot.file_name == "csv-1"


@override_settings(UPLOAD_MAX_BYTES=100)
def test_a_file_over_the_size_cap_is_not_read(coordinator):
    with pytest.raises(ValidationError) as refused:
        run("un", sample("un.xml"), coordinator)
    assert "file" in refused.value.message_dict
    assert not Watchlist.objects.exists()


def test_only_coordinators_import_and_a_refusal_is_audited(analyst, liaison_a, auditor):
    for user in (analyst, liaison_a, auditor):
        with pytest.raises(PermissionDenied):
            run("un", sample("un.xml"), user)
    denied = AuditEntry.objects.filter(action="screening.list.import", outcome=Outcome.DENIED)
    assert denied.count() == 3
    assert not Watchlist.objects.exists()
    assert not ListSnapshot.objects.exists()


def test_the_system_imports_without_a_user(db):
    snapshot = run("csv", generic("A,person,Ana Uno,,,,,,"), None)
    assert snapshot.imported_by is None
    assert AuditEntry.objects.get(action="screening.list.import").actor is None
