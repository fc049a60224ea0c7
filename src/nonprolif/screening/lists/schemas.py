"""The lists API's schemas: lists with their latest snapshot, snapshots, entries and their
changes, and control-list entries."""

import datetime
from typing import Any

from ninja import Schema

from nonprolif.screening.models import ChangeKind, EntryKind, ListSource, Regime


class ScreeningSnapshotOut(Schema):
    id: int
    list: str
    number: int
    published_on: datetime.date | None
    imported_at: datetime.datetime
    imported_by: str | None
    file_name: str
    sha256: str
    entry_count: int
    added_count: int
    changed_count: int
    removed_count: int

    @staticmethod
    def resolve_list(obj) -> str:
        return obj.watchlist.code

    @staticmethod
    def resolve_imported_by(obj) -> str | None:
        return obj.imported_by.username if obj.imported_by_id else None


class ScreeningListOut(Schema):
    code: str
    source: ListSource
    name_es: str
    name_en: str
    threshold: float
    latest: ScreeningSnapshotOut | None


class ScreeningEntryOut(Schema):
    id: int
    list: str
    external_id: str
    kind: EntryKind
    name: str
    version: str
    removed: bool

    @staticmethod
    def resolve_list(obj) -> str:
        return obj.watchlist.code

    @staticmethod
    def resolve_removed(obj) -> bool:
        return obj.removed_in_id is not None


class ScreeningEntryChangeOut(Schema):
    """One line of a snapshot's delta; ``previous_content`` is the entry's content before
    the snapshot overwrote it (a change, or an entry back with another content)."""

    id: int
    snapshot: int
    snapshot_number: int
    change: ChangeKind
    entry: ScreeningEntryOut
    old_version: str
    new_version: str
    previous_content: dict[str, Any] | None

    @staticmethod
    def resolve_snapshot(obj) -> int:
        return obj.snapshot_id

    @staticmethod
    def resolve_snapshot_number(obj) -> int:
        return obj.snapshot.number


class ScreeningEntryHistoryOut(Schema):
    snapshot: int
    snapshot_number: int
    change: ChangeKind
    old_version: str
    new_version: str
    previous_content: dict[str, Any] | None

    @staticmethod
    def resolve_snapshot(obj) -> int:
        return obj.snapshot_id

    @staticmethod
    def resolve_snapshot_number(obj) -> int:
        return obj.snapshot.number


class ScreeningEntryDetailOut(ScreeningEntryOut):
    """An entry with its content (names with their quality, dates of birth, countries,
    identifiers, programmes, remarks) and its changes, latest first (at most 100)."""

    content: dict[str, Any]
    first_snapshot: int
    changed_in: int
    removed_in: int | None
    changes: list[ScreeningEntryHistoryOut]

    @staticmethod
    def resolve_first_snapshot(obj) -> int:
        return obj.first_snapshot.number

    @staticmethod
    def resolve_changed_in(obj) -> int:
        return obj.changed_in.number

    @staticmethod
    def resolve_removed_in(obj) -> int | None:
        return obj.removed_in.number if obj.removed_in_id else None

    @staticmethod
    def resolve_changes(obj) -> list:
        return obj.changes_shown


class ScreeningControlOut(Schema):
    id: int
    regime: Regime
    code: str
    description_es: str
    description_en: str
    cas_numbers: list[str]
    hs6: list[str]
    tariff_fractions: list[str]
    keywords_es: list[str]
    keywords_en: list[str]
