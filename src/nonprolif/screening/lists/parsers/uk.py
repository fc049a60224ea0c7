"""The UK Sanctions List (FCDO, XML: ``Designations``).

Each ``Designation`` is known by its ``UniqueID``; ``IndividualEntityShip`` is ``Individual``,
``Entity`` or ``Ship``. A name is ``Name1`` to ``Name5`` (given names) and ``Name6`` (the
family name or an entity's whole name); names of every ``NameType`` count, an alias whose
``AliasStrength`` says low quality is weak; ``NonLatinNames`` are names too. Dates
(``DOB``, ``DateDesignated``, ``DateGenerated``) are ``dd/mm/yyyy``, unknown parts written
``dd`` / ``mm`` or ``00``. A ship's ``IMONumber`` and its flag are kept.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from datetime import date

from nonprolif.matching.names.model import BirthDate, Identifier, Kind, Name, Quality

from .countries import country_code
from .model import ListFormatError, ParsedEntry, ParsedList, unique, where
from .xml import children, local, records, text, texts

SOURCE = "uk"
KINDS = {"individual": Kind.PERSON, "entity": Kind.ENTITY, "ship": Kind.VESSEL}
_DATE = re.compile(r"^(\d{2}|dd)/(\d{2}|mm)/(\d{4})$", re.IGNORECASE)


def _date(value: str, location: str, what: str) -> BirthDate:
    found = _DATE.match(value.strip())
    try:
        if found:
            day, month, year = found.groups()
            known_month = int(month) if month.isdigit() and int(month) else None
            known_day = int(day) if day.isdigit() and int(day) and known_month else None
            return BirthDate(int(year), known_month, known_day)
    except ValueError:
        pass
    raise ListFormatError(f"{what} {value!r} is not a dd/mm/yyyy date", location=location)


def _exact(value: str, location: str, what: str) -> date:
    found = _date(value, location, what)
    if not found.exact or found.month is None or found.day is None:
        raise ListFormatError(f"{what} {value!r} is not a whole date", location=location)
    return date(found.year, found.month, found.day)


def _name(element: ET.Element) -> str:
    parts = (text(element, f"Name{n}") for n in range(1, 7))
    return " ".join(p for p in parts if p)


def _entry(element: ET.Element, position: int) -> ParsedEntry:
    unique_id = text(element, "UniqueID")
    location = where(position, unique_id)
    if not unique_id:
        raise ListFormatError("UniqueID missing", location=location)
    kind = KINDS.get(text(element, "IndividualEntityShip").lower())
    if kind is None:
        written = text(element, "IndividualEntityShip")
        raise ListFormatError(f"IndividualEntityShip {written!r} unknown", location=location)
    names = []
    for item in children(element, "Names", "Name"):
        primary = text(item, "NameType").lower().startswith("primary")
        weak = "low" in text(item, "AliasStrength").lower()
        names.append((not primary, Name(_name(item), Quality.WEAK if weak else Quality.STRONG)))
    names.sort(key=lambda pair: pair[0])
    found = [name for _, name in names]
    found += [
        Name(t) for t in texts(element, "NonLatinNames", "NonLatinName", "NameNonLatinScript")
    ]
    if not any(name.text for name in found):
        raise ListFormatError("Names missing: the entry has no name", location=location)
    individual = ("IndividualDetails", "Individual")
    countries = texts(element, "Addresses", "Address", "AddressCountry")
    countries += texts(element, *individual, "Nationalities", "Nationality")
    ship = ("ShipDetails", "Ship")
    countries += texts(element, *ship, "CurrentBelievedFlagOfShips", "CurrentBelievedFlagOfShip")
    identifiers = [
        Identifier("passport", number)
        for number in texts(
            element, *individual, "PassportDetails", "PassportDetail", "PassportNumber"
        )
    ]
    identifiers += [
        Identifier("national_id", number)
        for number in texts(
            element,
            *individual,
            "NationalIdentifierDetails",
            "NationalIdentifierDetail",
            "NationalIdentifierNumber",
        )
    ]
    identifiers += [Identifier("imo", n) for n in texts(element, *ship, "IMONumbers", "IMONumber")]
    designated = text(element, "DateDesignated")
    births = [_date(t, location, "DOB") for t in texts(element, *individual, "DOBs", "DOB")]
    return ParsedEntry(
        external_id=unique_id,
        kind=kind,
        names=tuple(found),
        birth_dates=tuple(births),
        countries=tuple(c for c in map(country_code, countries) if c),
        identifiers=tuple(identifiers),
        programmes=tuple(texts(element, "RegimeName")),
        listed_on=_exact(designated, location, "DateDesignated") if designated else None,
        remarks=text(element, "OtherInformation"),
    )


def parse_uk(data: bytes) -> ParsedList:
    """The UK Sanctions List in ``data``."""
    entries: list[ParsedEntry] = []
    published = None
    for root, element in records(data, ("Designations",), 1):
        name = local(element.tag)
        if element is root:
            continue
        if name == "DateGenerated" and (element.text or "").strip():
            published = _exact(element.text or "", "DateGenerated", "DateGenerated")
        elif name == "Designation":
            entries.append(_entry(element, len(entries) + 1))
    return ParsedList(SOURCE, published, unique(entries))
