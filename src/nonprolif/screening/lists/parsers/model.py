"""What a list parser gives: the list's entries in one shape whatever list they came from.

A :class:`ParsedEntry` is canonical once built: its names keep their order (the first is the
primary name) without repeats, the other multi-valued fields are sorted and without repeats,
so that two parses of the same entry are equal and its :attr:`~ParsedEntry.version` (a hash of
its content) changes exactly when the list changes the entry.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import date
from typing import Any

from nonprolif.matching.names.model import BirthDate, Entry, Identifier, Kind, Name, Quality

IDENTIFIER_KINDS = ("passport", "national_id", "imo", "tax_id", "other")


class ListFormatError(ValueError):
    """A list file that cannot be read: the message says what and where (``location``:
    ``"entry 12 (KPi.033)"``, ``"line 7, column 'name'"`` …)."""

    def __init__(self, message: str, *, location: str = "") -> None:
        self.location = location
        self.detail = message
        super().__init__(f"{location}: {message}" if location else message)


def _names(names: tuple[Name, ...]) -> tuple[Name, ...]:
    """Names stripped, without repeats (a name given strong and weak stays strong)."""
    order: dict[str, Quality] = {}
    for name in names:
        text = " ".join(name.text.split())
        if not text:
            continue
        if order.get(text) is not Quality.STRONG:
            order[text] = name.quality
    return tuple(Name(text, quality) for text, quality in order.items())


def _identifier_sort(identifier: Identifier) -> tuple[str, str, str]:
    return (identifier.kind, identifier.number, identifier.country or "")


@dataclass(frozen=True)
class ParsedEntry:
    """One entry of a list as parsed (see the module)."""

    external_id: str
    kind: Kind
    names: tuple[Name, ...]
    birth_dates: tuple[BirthDate, ...] = ()
    countries: tuple[str, ...] = ()
    identifiers: tuple[Identifier, ...] = ()
    programmes: tuple[str, ...] = ()
    listed_on: date | None = None
    remarks: str = ""

    def __post_init__(self) -> None:
        external_id = self.external_id.strip()
        if not external_id:
            raise ListFormatError("an entry needs its reference", location="entry")
        names = _names(self.names)
        if not names:
            raise ListFormatError("the entry has no name", location=f"entry {external_id}")
        identifiers = {
            Identifier(i.kind, i.number.strip(), (i.country or "").upper() or None)
            for i in self.identifiers
            if i.number.strip()
        }
        for identifier in identifiers:
            if identifier.kind not in IDENTIFIER_KINDS:
                raise ListFormatError(
                    f"unknown identifier kind {identifier.kind!r}", location=f"entry {external_id}"
                )
        fields = {
            "external_id": external_id,
            "kind": Kind(self.kind),
            "names": names,
            "birth_dates": tuple(sorted(set(self.birth_dates))),
            "countries": tuple(sorted({c.strip().upper() for c in self.countries if c.strip()})),
            "identifiers": tuple(sorted(identifiers, key=_identifier_sort)),
            "programmes": tuple(sorted({p.strip() for p in self.programmes if p.strip()})),
            "remarks": self.remarks.strip(),
        }
        for field, value in fields.items():
            object.__setattr__(self, field, value)

    def content(self) -> dict[str, Any]:
        """Every field as plain JSON values (names in their order, the rest sorted)."""
        return {
            "external_id": self.external_id,
            "kind": self.kind.value,
            "names": [{"text": n.text, "quality": n.quality.value} for n in self.names],
            "birth_dates": [str(b) for b in self.birth_dates],
            "countries": list(self.countries),
            "identifiers": [
                {"kind": i.kind, "number": i.number, "country": i.country} for i in self.identifiers
            ],
            "programmes": list(self.programmes),
            "listed_on": self.listed_on.isoformat() if self.listed_on else None,
            "remarks": self.remarks,
        }

    @classmethod
    def from_content(cls, content: dict[str, Any]) -> ParsedEntry:
        """The entry whose :meth:`content` is ``content``."""
        listed_on = content.get("listed_on")
        return cls(
            external_id=content["external_id"],
            kind=Kind(content["kind"]),
            names=tuple(Name(n["text"], Quality(n["quality"])) for n in content["names"]),
            birth_dates=tuple(BirthDate.parse(b) for b in content.get("birth_dates", ())),
            countries=tuple(content.get("countries", ())),
            identifiers=tuple(
                Identifier(i["kind"], i["number"], i.get("country"))
                for i in content.get("identifiers", ())
            ),
            programmes=tuple(content.get("programmes", ())),
            listed_on=date.fromisoformat(listed_on) if listed_on else None,
            remarks=content.get("remarks", ""),
        )

    @property
    def version(self) -> str:
        """The first 16 hex digits of the SHA-256 of the canonical JSON of :meth:`content`."""
        canonical = json.dumps(
            self.content(), sort_keys=True, ensure_ascii=False, separators=(",", ":")
        )
        return hashlib.sha256(canonical.encode("utf-8")).hexdigest()[:16]

    def to_entry(self, source: str) -> Entry:
        """The name engine's view of this entry, as an entry of the list ``source``."""
        return Entry(
            id=self.external_id,
            names=self.names,
            kind=self.kind,
            source=source,
            version=self.version,
            birth_dates=self.birth_dates,
            countries=self.countries,
            identifiers=self.identifiers,
        )


@dataclass(frozen=True)
class ParsedList:
    """A whole list: which one, the date it gives itself, its entries in file order."""

    source: str
    published: date | None
    entries: tuple[ParsedEntry, ...]


def unique(
    entries: list[ParsedEntry], locations: list[str] | None = None
) -> tuple[ParsedEntry, ...]:
    """``entries``, refusing a reference given twice (named by its place in ``locations``,
    else by its position and reference)."""
    seen: set[str] = set()
    for position, entry in enumerate(entries, start=1):
        if entry.external_id in seen:
            place = locations[position - 1] if locations else where(position, entry.external_id)
            raise ListFormatError(
                f"the reference {entry.external_id!r} is given twice in the list", location=place
            )
        seen.add(entry.external_id)
    return tuple(entries)


def birth_date(text: str, *, location: str, what: str = "date of birth") -> BirthDate:
    """``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD`` (a time after the date set aside)."""
    value = text.strip()
    if len(value) > 10 and value[10] in "T ":
        value = value[:10]
    try:
        return BirthDate.parse(value)
    except ValueError:
        raise ListFormatError(f"{what} {text!r} is not a date", location=location) from None


def where(position: int, reference: str = "") -> str:
    """An entry's location in a list: ``entry 12 (KPi.033)``."""
    return f"entry {position} ({reference})" if reference else f"entry {position}"
