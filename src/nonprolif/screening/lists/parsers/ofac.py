"""OFAC's SDN list (``sdn.xml``: ``sdnList`` in OFAC's namespace).

Each ``sdnEntry`` is known by its ``uid``; ``sdnType`` is ``Individual``, ``Entity`` or
``Vessel``. A name is ``firstName`` and ``lastName``; an ``aka`` of category ``weak`` is a weak
alias. Dates of birth are written ``09 Feb 1961``, ``Feb 1961``, ``1961``, ``circa 1961`` or
``1960 to 1962`` (or ``1960 - 1962``). A vessel's ``Vessel Registration Identification`` is
its IMO number, its ``vesselFlag`` a country. ``publshInformation/Publish_Date``
(``MM/DD/YYYY``) dates the list.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from datetime import date

from nonprolif.matching.names.model import BirthDate, Identifier, Kind, Name, Quality

from .countries import country_code
from .model import ListFormatError, ParsedEntry, ParsedList, unique, where
from .xml import children, local, records, text, texts

SOURCE = "ofac"
KINDS = {"individual": Kind.PERSON, "entity": Kind.ENTITY, "vessel": Kind.VESSEL}
_MONTHS = "jan feb mar apr may jun jul aug sep oct nov dec"
MONTHS = {m: i for i, m in enumerate(_MONTHS.split(), 1)}
ID_KINDS = {
    "passport": "passport",
    "national id no.": "national_id",
    "cedula no.": "national_id",
    "identification number": "national_id",
    "tax id no.": "tax_id",
    "rfc": "tax_id",
    "curp": "national_id",
    "vessel registration identification": "imo",
    "imo": "imo",
}
_DAY = re.compile(r"^(?:(\d{1,2}) )?([A-Za-z]{3}) (\d{4})$")
_SPAN = re.compile(r"^(\d{4}) ?(?:to|-|\u2013) ?(\d{4})$")  # "to", a hyphen or an en dash
_PUBLISHED = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})$")


def _dates(value: str, location: str) -> list[BirthDate]:
    written = value.strip().lower().removeprefix("circa").strip()
    try:
        if written.isdigit() and len(written) == 4:
            return [BirthDate(int(written))]
        span = _SPAN.match(written)
        if span and 0 <= int(span[2]) - int(span[1]) <= 30:
            return [BirthDate(y) for y in range(int(span[1]), int(span[2]) + 1)]
        day = _DAY.match(written)
        if day and day[2] in MONTHS:
            return [BirthDate(int(day[3]), MONTHS[day[2]], int(day[1]) if day[1] else None)]
    except ValueError:
        pass
    raise ListFormatError(f"dateOfBirth {value!r} is not a date", location=location)


def _name(element: ET.Element) -> str:
    return " ".join(t for t in (text(element, "firstName"), text(element, "lastName")) if t)


def _entry(element: ET.Element, position: int) -> ParsedEntry:
    uid = text(element, "uid")
    location = where(position, uid)
    if not uid:
        raise ListFormatError("uid missing", location=location)
    kind = KINDS.get(text(element, "sdnType").lower())
    if kind is None:
        raise ListFormatError(f"sdnType {text(element, 'sdnType')!r} unknown", location=location)
    primary = _name(element)
    if not primary:
        raise ListFormatError("lastName missing: the entry has no name", location=location)
    names = [Name(primary)]
    for aka in children(element, "akaList", "aka"):
        weak = text(aka, "category").lower() == "weak"
        names.append(Name(_name(aka), Quality.WEAK if weak else Quality.STRONG))
    countries = [text(a, "country") for a in children(element, "addressList", "address")]
    countries += texts(element, "nationalityList", "nationality", "country")
    countries += texts(element, "citizenshipList", "citizenship", "country")
    countries += texts(element, "vesselInfo", "vesselFlag")
    identifiers = []
    for item in children(element, "idList", "id"):
        number = text(item, "idNumber")
        if number:
            kind_name = ID_KINDS.get(text(item, "idType").lower(), "other")
            identifiers.append(Identifier(kind_name, number, country_code(text(item, "idCountry"))))
    births: list[BirthDate] = []
    for written in texts(element, "dateOfBirthList", "dateOfBirthItem", "dateOfBirth"):
        births += _dates(written, location)
    return ParsedEntry(
        external_id=uid,
        kind=kind,
        names=tuple(names),
        birth_dates=tuple(births),
        countries=tuple(c for c in map(country_code, countries) if c),
        identifiers=tuple(identifiers),
        programmes=tuple(texts(element, "programList", "program")),
        remarks=text(element, "remarks"),
    )


def _published(value: str) -> date:
    found = _PUBLISHED.match(value)
    try:
        if found:
            return date(int(found[3]), int(found[1]), int(found[2]))
    except ValueError:
        pass
    raise ListFormatError(f"Publish_Date {value!r} is not a date", location="publshInformation")


def parse_ofac(data: bytes) -> ParsedList:
    """The SDN list in ``data``."""
    entries: list[ParsedEntry] = []
    published = None
    for root, element in records(data, ("sdnList",), 1):
        name = local(element.tag)
        if element is root:
            continue
        if name == "publshInformation" and text(element, "Publish_Date"):
            published = _published(text(element, "Publish_Date"))
        elif name == "sdnEntry":
            entries.append(_entry(element, len(entries) + 1))
    return ParsedList(SOURCE, published, unique(entries))
