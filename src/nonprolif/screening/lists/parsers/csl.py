"""trade.gov's Consolidated Screening List, as its CSV download or its JSON
(``{"results": [...]}``, as the API and the JSON download give it): told apart by content.

Each entry is known by its ``_id``; ``type`` is ``Individual``, ``Entity`` or ``Vessel``. Some
lists (the Denied Persons List) leave it empty for people and companies alike: a name with a
legal form (``Inc.``, ``S.A. de C.V.`` …) is then an entity's, any other a person's.
In the CSV, multiple values are ``"; "`` separated:
``alt_names``, ``programs``, ``citizenships``, ``nationalities`` (country codes),
``dates_of_birth`` (``1961-02-09``, ``1961`` or OFAC's ``09 Feb 1961``), ``addresses`` (each
ending with its country) and ``ids`` (``type, number, country``). The JSON has lists instead.
"""

from __future__ import annotations

import json
from datetime import date
from typing import Any

from nonprolif.matching.names.model import BirthDate, Identifier, Kind, Name
from nonprolif.matching.names.normalise import normalise

from .countries import country_code
from .generic import decode, rows, split
from .model import ListFormatError, ParsedEntry, ParsedList, birth_date, unique
from .ofac import ID_KINDS
from .ofac import _dates as ofac_dates

SOURCE = "csl"
COLUMNS = ("_id", "source", "type", "programs", "name", "alt_names", "addresses")
KINDS = {"individual": Kind.PERSON, "entity": Kind.ENTITY, "vessel": Kind.VESSEL}


def _births(values: list[str], location: str) -> list[BirthDate]:
    found: list[BirthDate] = []
    for value in values:
        if value[:4].isdigit() and (len(value) == 4 or value[4:5] == "-"):
            found.append(birth_date(value, location=location))
        else:
            found += ofac_dates(value, location)
    return found


def _identifier(kind: str, number: str, country: str) -> Identifier:
    return Identifier(ID_KINDS.get(kind.strip().lower(), "other"), number, country_code(country))


def _build(fields: dict[str, Any], location: str) -> ParsedEntry:
    """An entry from the fields both formats share, already split into lists."""
    if not fields["id"]:
        raise ListFormatError("_id missing", location=location)
    if not fields["name"]:
        raise ListFormatError("name missing: the entry has no name", location=location)
    written = fields["type"].strip().lower()
    if written:
        kind = KINDS.get(written)
        if kind is None:
            raise ListFormatError(f"type {fields['type']!r} unknown", location=location)
    else:
        kind = Kind.ENTITY if normalise(fields["name"]).legal_forms else Kind.PERSON
    start = fields["start_date"]
    try:
        listed_on = date.fromisoformat(start[:10]) if start else None
    except ValueError:
        raise ListFormatError(f"start_date {start!r} is not a date", location=location) from None
    return ParsedEntry(
        external_id=fields["id"],
        kind=kind,
        names=(Name(fields["name"]), *(Name(a) for a in fields["alt_names"])),
        birth_dates=tuple(_births(fields["dates_of_birth"], location)),
        countries=tuple(c for c in map(country_code, fields["countries"]) if c),
        identifiers=tuple(fields["ids"]),
        programmes=tuple(fields["programs"]),
        listed_on=listed_on,
        remarks=fields["remarks"],
    )


def _csv(text: str) -> tuple[ParsedEntry, ...]:
    entries, lines = [], []
    for line, row in rows(text, COLUMNS):
        ids = []
        for item in split(row.get("ids", "")):
            parts = [p.strip() for p in item.split(",")]
            if len(parts) >= 2 and parts[1]:
                ids.append(_identifier(parts[0], parts[1], parts[2] if len(parts) > 2 else ""))
        countries = split(row.get("citizenships", "")) + split(row.get("nationalities", ""))
        countries += [a.rsplit(",", 1)[-1] for a in split(row["addresses"])]
        countries += split(row.get("vessel_flag", ""))
        fields = {
            "id": row["_id"],
            "type": row["type"],
            "name": row["name"],
            "alt_names": split(row["alt_names"]),
            "dates_of_birth": split(row.get("dates_of_birth", "")),
            "countries": countries,
            "ids": ids,
            "programs": split(row["programs"]),
            "start_date": row.get("start_date", ""),
            "remarks": row.get("remarks", ""),
        }
        entries.append(_build(fields, f"line {line}"))
        lines.append(f"line {line}, column '_id'")
    return unique(entries, lines)


def _strings(value: Any, location: str, what: str) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        return split(value)
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return [v.strip() for v in value if v.strip()]
    raise ListFormatError(f"{what} is neither text nor a list of texts", location=location)


def _text(value: Any, location: str, what: str) -> str:
    if value is None:
        return ""
    if not isinstance(value, str | int):
        raise ListFormatError(f"{what} is not text", location=location)
    return str(value).strip()


def _objects(value: Any, location: str, what: str) -> list[dict[str, Any]]:
    if value is None:
        return []
    if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
        raise ListFormatError(f"{what} is not a list of objects", location=location)
    return value


def _json(text: str) -> tuple[ParsedEntry, ...]:
    try:
        document = json.loads(text)
    except (ValueError, RecursionError) as error:
        raise ListFormatError(f"not JSON ({error})", location="JSON") from None
    results = document.get("results") if isinstance(document, dict) else None
    if not isinstance(results, list):
        raise ListFormatError('no "results" list: a file of another format', location="JSON")
    entries = []
    for position, item in enumerate(results, start=1):
        location = f"result {position}"
        if not isinstance(item, dict):
            raise ListFormatError("a result is not an object", location=location)
        ids = [
            _identifier(
                _text(i.get("type"), location, "ids.type"),
                _text(i.get("number"), location, "ids.number"),
                _text(i.get("country"), location, "ids.country"),
            )
            for i in _objects(item.get("ids"), location, "ids")
            if _text(i.get("number"), location, "ids.number")
        ]
        countries = _strings(item.get("citizenships"), location, "citizenships")
        countries += _strings(item.get("nationalities"), location, "nationalities")
        countries += [
            _text(a.get("country"), location, "addresses.country")
            for a in _objects(item.get("addresses"), location, "addresses")
        ]
        countries.append(_text(item.get("vessel_flag"), location, "vessel_flag"))
        fields = {
            "id": _text(item.get("_id") or item.get("id"), location, "_id"),
            "type": _text(item.get("type"), location, "type"),
            "name": _text(item.get("name"), location, "name"),
            "alt_names": _strings(item.get("alt_names"), location, "alt_names"),
            "dates_of_birth": _strings(item.get("dates_of_birth"), location, "dates_of_birth"),
            "countries": countries,
            "ids": ids,
            "programs": _strings(item.get("programs"), location, "programs"),
            "start_date": _text(item.get("start_date"), location, "start_date"),
            "remarks": _text(item.get("remarks"), location, "remarks"),
        }
        entries.append(_build(fields, location))
    return unique(entries, [f"result {n}" for n in range(1, len(entries) + 1)])


def parse_csl(data: bytes) -> ParsedList:
    """The Consolidated Screening List in ``data``, CSV or JSON."""
    text = decode(data)
    is_json = text.lstrip()[:1] in ("{", "[")
    return ParsedList(SOURCE, None, _json(text) if is_json else _csv(text))
