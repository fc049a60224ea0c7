"""An import is all or nothing: a failure after the first rows were written leaves the list as
it was."""

import pytest

from nonprolif.core.models import AuditEntry
from nonprolif.screening.lists.domain import import_list, snapshots
from nonprolif.screening.models import EntryChange, ListEntry, ListSnapshot, Watchlist
from tests.screening.lists.conftest import generic


@pytest.mark.django_db(transaction=True)
def test_a_failed_import_writes_nothing(coordinator, monkeypatch):
    first = generic("A,person,Ana Uno,,,,,,", "B,person,Beto Dos,,,,,,")
    import_list(source="csv", data=first, file_name="one.csv", actor=coordinator)

    def broken(**kwargs):
        raise RuntimeError("the audit trail is unavailable")

    monkeypatch.setattr(snapshots, "record", broken)
    second = generic("A,person,Ana Uno Cambiada,,,,,,", "C,person,Carla Tres,,,,,,")
    with pytest.raises(RuntimeError):
        import_list(source="csv", data=second, file_name="two.csv", actor=coordinator)
    assert Watchlist.objects.count() == 1
    assert list(ListSnapshot.objects.values_list("number", flat=True)) == [1]
    assert set(ListEntry.objects.current().values_list("external_id", "name")) == {
        ("A", "Ana Uno"),
        ("B", "Beto Dos"),
    }
    assert EntryChange.objects.count() == 2
    assert AuditEntry.objects.filter(action="screening.list.import").count() == 1


@pytest.mark.django_db(transaction=True)
def test_a_failed_first_import_leaves_no_list(coordinator, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(EntryChange.objects, "bulk_create", broken)
    with pytest.raises(RuntimeError):
        import_list(
            source="csv",
            data=generic("A,person,Ana Uno,,,,,,"),
            file_name="a.csv",
            actor=coordinator,
        )
    assert not Watchlist.objects.exists()
    assert not ListEntry.objects.exists()
