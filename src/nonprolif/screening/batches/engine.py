"""The bridge between the screening models and the pure engine (``nonprolif.matching``): list
entries, parties and goods lines converted to the engine's dataclasses, the indexes of the
current lists built once per process, the thresholds of a batch.

``party_key`` names the same party across batches (and so what a cleared party clears). Two
parties are *the same* when their names have the same words once the engine normalised them
(transliterated to Latin, case and accents folded, punctuation dropped; legal forms kept),
whatever their order, and they have the same date of birth (as precise as written: ``1965``
is not ``1965-04-12``) and the same country (both may be empty). ``María  GARCÍA-López`` and
``lopez garcia maria`` are the same; ``Maria Garcia`` (one word fewer) is not.
"""

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass, replace
from threading import Lock

from django.db.models import Count, Max

from nonprolif.matching.goods import ControlEntry, DeclarationLine, GoodsIndex
from nonprolif.matching.names import (
    DEFAULT_THRESHOLDS,
    BirthDate,
    Entry,
    Identifier,
    Kind,
    NameIndex,
    Party,
    Thresholds,
    normalise,
)
from nonprolif.screening.lists.parsers import ParsedEntry
from nonprolif.screening.models import (
    Batch,
    ControlListEntry,
    GoodsLine,
    ListEntry,
    ListSnapshot,
    ScreenedParty,
    Watchlist,
)

#: A goods line raises an alert for a control-list entry from this score: one keyword or
#: synonym of the entry (0.6), its national tariff fraction (0.6) or a valid CAS number
#: (0.9, 0.95) suffices; the HS subheading alone (0.4) does not (too broad to route to a
#: reviewer without other evidence).
GOODS_ALERT_THRESHOLD = 0.6
_EPSILON = 1e-9


def party_key(name: str, birth_date: str = "", country: str = "") -> str:
    """The SHA-256 (hex) that names a party across batches (see the module for "same")."""
    tokens = sorted(normalise(name, strip_legal_forms=False).tokens)
    text = "\x1f".join((" ".join(tokens), birth_date.strip(), country.strip().upper()))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def entry_for(row: ListEntry) -> Entry:
    """The engine's entry of a list entry row: id the row's pk (so that a match maps back to
    its row), source its list's code, version the row's."""
    entry = ParsedEntry.from_content(row.content).to_entry(row.watchlist.code)
    return replace(entry, id=str(row.pk), version=row.version)


def party_for(row: ScreenedParty) -> Party:
    """The engine's party of a screened party row."""
    return Party(
        names=(row.name,),
        kind=Kind(row.kind) if row.kind else None,
        birth_dates=(BirthDate.parse(row.birth_date),) if row.birth_date else (),
        countries=(row.country,) if row.country else (),
        identifiers=tuple(
            Identifier(i["kind"], i["number"], i.get("country")) for i in row.identifiers
        ),
    )


def line_for(row: GoodsLine) -> DeclarationLine:
    """The engine's declaration line of a goods line row."""
    return DeclarationLine(
        description=row.description,
        tariff_code=row.tariff_code,
        cas_numbers=tuple(row.cas_numbers),
    )


def control_for(row: ControlListEntry) -> ControlEntry:
    """The engine's control entry of a control-list row, id its pk."""
    return ControlEntry(
        regime=row.regime,
        code=row.code,
        description_en=row.description_en,
        description_es=row.description_es,
        cas_numbers=tuple(row.cas_numbers),
        hs6=tuple(row.hs6),
        tariff_fractions=tuple(row.tariff_fractions),
        keywords_en=tuple(row.keywords_en),
        keywords_es=tuple(row.keywords_es),
        id=str(row.pk),
    )


def index_of(rows: Iterable[ListEntry]) -> NameIndex:
    """A name index of list entry rows (their list read with them), in the order given."""
    return NameIndex(entry_for(row) for row in rows)


@dataclass
class _Cached:
    key: tuple | None = None
    value: object = None


_lock = Lock()
_names = _Cached()
_goods = _Cached()


def _lists_key() -> tuple:
    snapshots = ListSnapshot.objects.aggregate(last=Max("id"), at=Max("imported_at"))
    return (snapshots["last"], snapshots["at"], ListEntry.objects.current().count())


def current_index() -> NameIndex:
    """A name index of every current entry of every list, built once per process and built
    again when the lists changed (a new snapshot, whose id and time are the key, or entries
    added or removed)."""
    key = _lists_key()
    with _lock:
        if _names.key != key or _names.value is None:
            rows = ListEntry.objects.current().select_related("watchlist").order_by("pk")
            _names.value = index_of(rows.iterator(chunk_size=2000))
            _names.key = key
        assert isinstance(_names.value, NameIndex)
        return _names.value


def goods_index() -> GoodsIndex:
    """A goods index of every control-list entry, built once per process and again when an
    entry changed (the latest ``updated_at`` and the count are the key)."""
    found = ControlListEntry.objects.aggregate(at=Max("updated_at"), count=Count("id"))
    key = (found["at"], found["count"])
    with _lock:
        if _goods.key != key or _goods.value is None:
            rows = ControlListEntry.objects.order_by("regime", "code", "pk")
            _goods.value = GoodsIndex(control_for(row) for row in rows.iterator(chunk_size=2000))
            _goods.key = key
        assert isinstance(_goods.value, GoodsIndex)
        return _goods.value


def clear_caches() -> None:
    """Forget the indexes (the next call builds them again)."""
    with _lock:
        _names.key = _names.value = None
        _goods.key = _goods.value = None


def list_thresholds() -> Thresholds:
    """Each list's own threshold (keyed by its code, the entries' source)."""
    per_list = dict(Watchlist.objects.values_list("code", "threshold"))
    return Thresholds(DEFAULT_THRESHOLDS.default, per_list)


def thresholds(batch: Batch) -> Thresholds:
    """The batch's threshold for every list when it has one, else each list's own."""
    if batch.threshold is not None:
        return Thresholds(batch.threshold)
    return list_thresholds()


def goods_alerts(result) -> list:
    """The matches of a line's result that raise an alert (``GOODS_ALERT_THRESHOLD``)."""
    return [m for m in result.matches if m.score >= GOODS_ALERT_THRESHOLD - _EPSILON]


def explanation(features) -> list[dict]:
    """A match's explanation (name features or goods reasons) as stored on an alert."""
    return [
        {
            "feature": getattr(item, "name", None) or getattr(item, "kind", ""),
            "contribution": round(item.contribution, 6),
            "detail": item.detail,
        }
        for item in features
    ]
